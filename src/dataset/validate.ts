// Checks JSONL rows against the exact shapes trainers accept; used before writing and by `validate-dataset`.
import type { DatasetFormat } from './formats.js';

export interface LineError {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface JsonlReport {
  /** Lines holding a valid row. */
  valid: number;
  /** Non-empty lines seen (valid or not). */
  rows: number;
  /** Lines that are not a valid row, blank lines included. */
  invalid: number;
  /** The first invalid lines, in file order (at most `maxErrors`). */
  errors: LineError[];
  /** True when more invalid lines followed than `errors` holds. */
  moreErrors: boolean;
}

type Json = Record<string, unknown>;

const TOP_KEYS: Record<DatasetFormat, readonly string[]> = {
  'openai-chat': ['messages'],
  'trl-sft': ['prompt', 'completion'],
  dpo: ['prompt', 'chosen', 'rejected'],
};

const ROLES = new Set(['system', 'user', 'assistant']);
// OpenAI's chat format also defines these per message; TRL's conversational rows are role + content only.
const OPENAI_MESSAGE_KEYS = new Set(['role', 'content', 'name', 'weight']);
const MESSAGE_KEYS = new Set(['role', 'content']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function checkKeys(
  value: Json,
  allowed: readonly string[],
  required: readonly string[],
  where: string,
): string | undefined {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    return `${where}: unexpected key${extra.length === 1 ? '' : 's'} ${extra.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${allowed.join(', ')})`;
  const missing = required.filter((k) => !(k in value));
  if (missing.length > 0) return `${where}: missing key${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`;
  return undefined;
}

/** A list of {role, content} messages; returns the roles, or the first problem as a string. */
function checkMessages(value: unknown, where: string, keys: Set<string>): string[] | string {
  if (!Array.isArray(value)) return `${where} must be an array of messages, not ${describe(value)}`;
  if (value.length === 0) return `${where} must not be empty`;
  const roles: string[] = [];
  for (const [i, message] of value.entries()) {
    const at = `${where}[${i}]`;
    if (!isObject(message)) return `${at} must be an object, not ${describe(message)}`;
    const keyProblem = checkKeys(message, [...keys], ['role', 'content'], at);
    if (keyProblem) return keyProblem;
    if (typeof message.role !== 'string' || !ROLES.has(message.role))
      return `${at}.role must be "system", "user" or "assistant", not ${JSON.stringify(message.role)}`;
    if (typeof message.content !== 'string') return `${at}.content must be a string, not ${describe(message.content)}`;
    if (message.content.trim() === '') return `${at}.content is empty`;
    if (!message.content.isWellFormed())
      return `${at}.content has an unpaired surrogate (not valid UTF-8 once written)`;
    if ('name' in message && typeof message.name !== 'string') return `${at}.name must be a string`;
    if ('weight' in message && (message.role !== 'assistant' || (message.weight !== 0 && message.weight !== 1)))
      return `${at}.weight must be 0 or 1, on assistant messages only`;
    if (message.role === 'system' && i > 0) return `${at}: a system message may only come first`;
    roles.push(message.role);
  }
  return roles;
}

function checkPrompt(value: unknown, where: string): string | undefined {
  const roles = checkMessages(value, where, MESSAGE_KEYS);
  if (typeof roles === 'string') return roles;
  if (roles.at(-1) !== 'user') return `${where} must end with a user message`;
  return undefined;
}

function checkAssistantOnly(value: unknown, where: string): string | undefined {
  const roles = checkMessages(value, where, MESSAGE_KEYS);
  if (typeof roles === 'string') return roles;
  if (roles.some((r) => r !== 'assistant')) return `${where} must hold assistant messages only`;
  return undefined;
}

const CHECK_ROW: Record<DatasetFormat, (row: Json) => string | undefined> = {
  'openai-chat': (row) => {
    const roles = checkMessages(row.messages, 'messages', OPENAI_MESSAGE_KEYS);
    if (typeof roles === 'string') return roles;
    if (!roles.includes('user')) return 'messages has no user message';
    if (roles.at(-1) !== 'assistant') return 'messages must end with an assistant message';
    return undefined;
  },
  'trl-sft': (row) => checkPrompt(row.prompt, 'prompt') ?? checkAssistantOnly(row.completion, 'completion'),
  dpo: (row) => {
    const problem =
      checkPrompt(row.prompt, 'prompt') ??
      checkAssistantOnly(row.chosen, 'chosen') ??
      checkAssistantOnly(row.rejected, 'rejected');
    if (problem) return problem;
    // Same shape, so the same JSON means the same answers: a pair that teaches nothing.
    if (JSON.stringify(row.chosen) === JSON.stringify(row.rejected)) return 'chosen and rejected are identical';
    return undefined;
  },
};

/** The first thing wrong with a parsed row for `format`, or undefined when it is valid. */
export function validateRow(format: DatasetFormat, row: unknown): string | undefined {
  if (!isObject(row)) return `a row must be a JSON object, not ${describe(row)}`;
  const keys = TOP_KEYS[format];
  return checkKeys(row, keys, keys, 'row') ?? CHECK_ROW[format](row);
}

/**
 * Validates JSONL text line by line. Every line must be one valid row; blank lines are errors (several
 * loaders reject them), except for the single newline that ends the file.
 */
export function validateJsonl(text: string, format: DatasetFormat, maxErrors = 10): JsonlReport {
  const report: JsonlReport = { valid: 0, rows: 0, invalid: 0, errors: [], moreErrors: false };
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const fail = (line: number, message: string): void => {
    report.invalid++;
    if (report.errors.length < maxErrors) report.errors.push({ line, message });
    else report.moreErrors = true;
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return fail(line, 'blank line');
    report.rows++;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      return fail(line, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const problem = validateRow(format, row);
    if (problem) return fail(line, problem);
    report.valid++;
  });
  return report;
}
