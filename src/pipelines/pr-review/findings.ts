// The answer form every reviewing agent is asked for, and its lenient parser: the last valid findings block wins.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'nit'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The info string of the fenced block that holds an agent's findings. */
export const FINDINGS_INFO = 'ai-orchestra-findings';

export interface Finding {
  path: string;
  /** First line, on the new side of the diff (1-based). */
  line: number;
  /** Last line when the finding spans several; absent for one line. */
  endLine?: number;
  severity: Severity;
  title: string;
  body: string;
  /** Replacement text for lines line..endLine. */
  suggestion?: string;
}

export type ParsedFindings =
  | { kind: 'findings'; summary: string; findings: Finding[] /** Entries left out, and why. */; dropped: string[] }
  | { kind: 'prose'; reason: string };

/** Caps that keep one agent from flooding the review. */
export const FINDING_LIMITS = { perAgent: 50, title: 200, body: 4_000, suggestion: 4_000, summary: 2_000 } as const;

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** Every fenced block whose info string is `info`, in order; an unclosed last block runs to the end of the text. */
export function fencedBlocks(text: string, info: string): string[] {
  const lines = text.split(/\r?\n/);
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end]!)) end++;
    if (open[2]!.toLowerCase() === info) blocks.push(lines.slice(i + 1, end).join('\n'));
    i = end;
  }
  return blocks;
}

/** JSON.parse, forgiving the trailing commas models like to write. */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
  }
}

function text(value: unknown, limit: number): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length > limit ? `${trimmed.slice(0, limit - 1)}…` : trimmed;
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** `./src/a.ts`, `/src/a.ts` and `b/src/a.ts` (a diff's new-side prefix) all name `src/a.ts`. */
export function normalizePath(path: string, known?: ReadonlySet<string>): string {
  const plain = path
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
  if (known && !known.has(plain) && /^[ab]\//.test(plain) && known.has(plain.slice(2))) return plain.slice(2);
  return plain;
}

function readFinding(raw: unknown, index: number, known?: ReadonlySet<string>): Finding | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return `finding ${index + 1}: not an object`;
  const r = raw as Record<string, unknown>;
  const path = typeof r.path === 'string' ? normalizePath(r.path, known) : '';
  if (!path) return `finding ${index + 1}: no path`;
  const line = positiveInt(r.line);
  if (line === undefined) return `finding ${index + 1} (${path}): line is not a positive integer`;
  const severity = typeof r.severity === 'string' ? r.severity.trim().toLowerCase() : '';
  if (!(SEVERITIES as readonly string[]).includes(severity))
    return `finding ${index + 1} (${path}:${line}): severity "${String(r.severity)}" is not one of ${SEVERITIES.join(', ')}`;
  const title = text(r.title, FINDING_LIMITS.title);
  const body = text(r.body, FINDING_LIMITS.body);
  if (!title && !body) return `finding ${index + 1} (${path}:${line}): no title and no body`;
  const end = positiveInt(r.end_line ?? r.endLine);
  const finding: Finding = {
    path,
    line,
    severity: severity as Severity,
    title: title || body.split('\n', 1)[0]!.slice(0, FINDING_LIMITS.title),
    body,
  };
  if (end !== undefined && end > line) finding.endLine = end;
  // A suggestion replaces whole lines: keep its inner whitespace, drop only the newline a model adds at the end.
  if (typeof r.suggestion === 'string' && r.suggestion.trim())
    finding.suggestion = r.suggestion.replace(/\r\n/g, '\n').replace(/\n+$/, '').slice(0, FINDING_LIMITS.suggestion);
  return finding;
}

function readBlock(block: string, known?: ReadonlySet<string>): ParsedFindings {
  let data: unknown;
  try {
    data = parseLenientJson(block);
  } catch (error) {
    return {
      kind: 'prose',
      reason: `its ${FINDINGS_INFO} block is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { kind: 'prose', reason: `its ${FINDINGS_INFO} block is not a JSON object` };
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.findings)) return { kind: 'prose', reason: `its ${FINDINGS_INFO} block has no "findings" list` };
  const findings: Finding[] = [];
  const dropped: string[] = [];
  d.findings.forEach((raw, index) => {
    const read = readFinding(raw, index, known);
    if (typeof read === 'string') dropped.push(read);
    else if (findings.length < FINDING_LIMITS.perAgent) findings.push(read);
    else dropped.push(`finding ${index + 1}: over the limit of ${FINDING_LIMITS.perAgent} findings per agent`);
  });
  return { kind: 'findings', summary: text(d.summary, FINDING_LIMITS.summary), findings, dropped };
}

/**
 * Reads an agent's answer. The last block that parses wins (an earlier one may be an example or a draft); prose
 * around it is fine. `known` (the changed files) lets `b/src/a.ts` be read as `src/a.ts`.
 */
export function parseFindings(answer: string, known?: ReadonlySet<string>): ParsedFindings {
  const blocks = fencedBlocks(answer, FINDINGS_INFO);
  if (blocks.length === 0) return { kind: 'prose', reason: `no ${FINDINGS_INFO} block` };
  let last: ParsedFindings | undefined;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const parsed = readBlock(blocks[i]!, known);
    if (parsed.kind === 'findings') return parsed;
    last ??= parsed;
  }
  return last!;
}
