// Shared by the CLI adapters: tolerant JSON/JSONL extraction and failure messages a user can act on.
import type { ProcessResult } from '../process/types.js';
import type { AgentSpec } from './types.js';

export type JsonRecord = Record<string, unknown>;

const TAIL_LINES = 5;
// CLI error texts can embed whole API responses; keep comments readable.
const MAX_DETAIL_CHARS = 1000;
// The fallback scans re-parse text; bound them so a large garbage output stays cheap.
const MAX_SPAN_ATTEMPTS = 10;
const MAX_LINE_ATTEMPTS = 200;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Finds one JSON document in output that may carry log lines around it (CLIs print
 * warnings to the same stream): the whole text, then spans from a line opening a
 * document to the last line closing one, then single lines from the end.
 */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const whole = tryParse(trimmed);
  if (whole !== undefined) return whole;

  const lines = trimmed.split(/\r?\n/);
  let last = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/[\]}]\s*$/.test(lines[i] ?? '')) {
      last = i;
      break;
    }
  }
  // A log line such as "[WARN] ..." also starts with a bracket, so try several starts.
  let attempts = 0;
  for (let first = 0; first < last && attempts < MAX_SPAN_ATTEMPTS; first++) {
    if (!/^\s*[[{]/.test(lines[first] ?? '')) continue;
    attempts++;
    const span = tryParse(lines.slice(first, last + 1).join('\n'));
    if (span !== undefined) return span;
  }

  attempts = 0;
  for (let i = lines.length - 1; i >= 0 && attempts < MAX_LINE_ATTEMPTS; i--) {
    const line = (lines[i] ?? '').trim();
    if (!line.startsWith('{')) continue;
    attempts++;
    const parsed = tryParse(line);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/** Parses JSON Lines, skipping lines that are not JSON objects (banners, warnings). */
export function parseJsonLines(text: string): JsonRecord[] {
  const events: JsonRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    const parsed = tryParse(trimmed);
    if (isRecord(parsed)) events.push(parsed);
  }
  return events;
}

/** The last lines, and of them at most the last MAX_DETAIL_CHARS characters: one endless line stays readable. */
export function tailLines(text: string, count = TAIL_LINES): string {
  const lines = text.trimEnd().split(/\r?\n/);
  return keepEnd(lines.slice(-count).join('\n').trim(), MAX_DETAIL_CHARS);
}

/** The last lines of stderr, or of stdout when stderr is empty: where a CLI's own complaint usually is. */
export function outputTail(result: ProcessResult): string {
  const stderr = tailLines(result.stderr.text);
  if (stderr !== '') return `last lines of stderr:\n${stderr}`;
  const stdout = tailLines(result.stdout.text);
  if (stdout !== '') return `last lines of stdout:\n${stdout}`;
  return 'stdout and stderr were empty';
}

export function clip(text: string, max = MAX_DETAIL_CHARS): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max)}…`;
}

/** The last `max` characters of text, marked with a leading … when cut, never starting inside a surrogate pair. */
export function keepEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  const start = text.length - max;
  const code = text.charCodeAt(start);
  return `…${text.slice(code >= 0xdc00 && code <= 0xdfff ? start + 1 : start)}`;
}

export function exitDescription(result: ProcessResult): string {
  if (result.exitCode !== null) return `exit code ${result.exitCode}`;
  return result.signal ? `killed by signal ${result.signal}` : 'no exit code';
}

/** `<agent> failed (exit code N): <details>` — details are joined in the order given. */
export function failureMessage(agent: AgentSpec, result: ProcessResult, ...details: Array<string | undefined>): string {
  const parts = details.filter((d): d is string => d !== undefined && d.trim() !== '');
  const head = `${agent.name} failed (${exitDescription(result)})`;
  return parts.length === 0 ? head : `${head}: ${parts.join('; ')}`;
}

/**
 * A cut stdout cannot be trusted to hold the whole answer (the middle is gone),
 * so adapters refuse it and point at the log file that has everything.
 */
export function truncatedOutputError(agent: AgentSpec, result: ProcessResult): string | undefined {
  if (!result.stdout.truncated) return undefined;
  return (
    `${agent.name} produced ${result.stdout.totalBytes} bytes on stdout, which exceeded the in-memory output limit, ` +
    `so its answer could not be read; the full output is in ${result.stdout.file}`
  );
}

/**
 * The JSON-lines events a CLI printed on stdout (codex, copilot, opencode), or the agent's error when stdout was
 * cut or held no event: the exit code and output tail when it failed, else that `cli`'s output could not be read.
 */
export function readJsonLines(
  agent: AgentSpec,
  result: ProcessResult,
  cli: string,
): { events: JsonRecord[] } | { error: string } {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { error: truncated };
  const events = parseJsonLines(result.stdout.text);
  if (events.length > 0) return { events };
  if (result.exitCode !== 0) return { error: failureMessage(agent, result, outputTail(result)) };
  return { error: `${agent.name}: could not parse ${cli} JSON output; ${outputTail(result)}` };
}

/**
 * The first `"key": "value"` string of a CLI's JSON output, when it looks like a session id (SESSION_ID). A model's
 * text inside a JSON string has its quotes escaped, so it cannot supply one.
 */
export function sessionIdIn(text: string, key: string): string | undefined {
  // Starts with a letter or digit: the id goes into argv after a resume flag, where "-x" would read as a flag.
  const match = new RegExp(`"${key}"\\s*:\\s*"([A-Za-z0-9][A-Za-z0-9_-]{7,99})"`).exec(text);
  return match?.[1];
}
