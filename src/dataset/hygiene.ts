// Cleans answers before they become rows: CLI chatter stripped, e-mail addresses removed, duplicates found.

export const EMAIL_PLACEHOLDER = '[REDACTED EMAIL]';

// "git@github.com:org/repo" is an SSH remote, not somebody's address: leave code samples intact.
const EMAIL = /(?<![A-Za-z0-9._%+-])(?!git@)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;

export function redactEmails(text: string): string {
  return text.replace(EMAIL, EMAIL_PLACEHOLDER);
}

/** Applies `redactEmails` to every string inside a JSON-like value. */
export function redactEmailsDeep<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? redactEmails(v) : v))) as T;
}

// Terminal colours and cursor movement some CLIs print even into a pipe.
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

// Status lines CLIs print around an answer, never part of one. Matched only at the start or end of the text.
const CHATTER_LINES: RegExp[] = [
  /^Loaded cached credentials\.?$/i,
  /^Data collection is disabled\.?$/i,
  /^YOLO mode is enabled\b.*$/i,
  /^Using (?:model|the model)\b.*$/i,
  /^\[(?:DEBUG|INFO|WARN|WARNING|ERROR)\]\s.*$/,
  /^\[\d{4}-\d\d-\d\dT[\d:.]+Z?\]\s.*$/, // codex text-mode log lines: "[2025-01-02T03:04:05] tokens used: 123"
  /^tokens used:?\s*[\d,]*$/i,
];
// Codex prints the count on the line after a bare "tokens used".
const TOKEN_COUNT = /^[\d,]+$/;

function isChatter(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || CHATTER_LINES.some((p) => p.test(trimmed));
}

/**
 * Removes terminal escapes and the status lines some CLIs print before or after the answer. Lines in the
 * middle are the answer's own, whatever they look like.
 */
export function stripToolChatter(text: string): string {
  const lines = text.replace(ANSI, '').replace(/\r\n?/g, '\n').split('\n');
  const countAfter = (i: number): boolean =>
    /^tokens used:?$/i.test((lines[i] ?? '').trim()) && TOKEN_COUNT.test((lines[i + 1] ?? '').trim());
  let start = 0;
  while (start < lines.length && isChatter(lines[start] ?? '')) start += countAfter(start) ? 2 : 1;
  let end = lines.length;
  while (end > start) {
    const last = (lines[end - 1] ?? '').trim();
    if (TOKEN_COUNT.test(last) && end - 2 >= start && countAfter(end - 2)) end -= 2;
    else if (isChatter(last)) end -= 1;
    else break;
  }
  return lines.slice(start, end).join('\n').trim();
}

/** The text two answers must share to count as the same: case, width, punctuation, Markdown and spacing ignored. */
export function normalizeForDuplicates(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * For each text, the index of an earlier text it duplicates (exactly or after normalization), or undefined
 * for the first of its kind: the first answer is kept, later copies are dropped.
 */
export function findDuplicates(texts: readonly string[]): (number | undefined)[] {
  const firstByKey = new Map<string, number>();
  return texts.map((text, i) => {
    const key = normalizeForDuplicates(text);
    const first = firstByKey.get(key);
    if (first !== undefined) return first;
    firstByKey.set(key, i);
    return undefined;
  });
}
