// Adapter for Qwen Code in headless mode (prompt on stdin, `-o json`: one JSON array of system/assistant/result messages).
import type { ProcessResult } from '../process/types.js';
import {
  asNumber,
  asString,
  clip,
  extractJson,
  failureMessage,
  isRecord,
  type JsonRecord,
  outputTail,
  sessionIdIn,
  truncatedOutputError,
} from './output-parsing.js';
import type { AccessMode, AgentAdapter, AgentSpec, Invocation, ParsedOutput, SessionSupport, Usage } from './types.js';

const BINARY = 'qwen';
/** Qwen exits with this when a run budget (--max-wall-time, --max-session-turns...) is exceeded. */
export const QWEN_EXIT_BUDGET = 55;
const AUTH_HINT = 'check OPENAI_API_KEY and OPENAI_BASE_URL (or the auth settings of the chosen --auth-type)';

/**
 * Qwen retries 429 and 5xx answers for many minutes (ten rate-limit retries a minute apart) and its retry
 * settings live only in settings.json, so a wall-clock budget below our own timeout makes it stop by itself
 * and say why, instead of being killed silently.
 */
export function qwenWallTimeSec(timeoutSec: number): number {
  const margin = Math.max(15, Math.ceil(timeoutSec * 0.1));
  return Math.max(1, Math.floor(timeoutSec - margin));
}

function modeFlags(mode: AccessMode): string[] {
  // plan: "analyze only, do not modify files or execute commands"; auto-edit approves edits, not shell.
  return ['--approval-mode', mode === 'read-only' ? 'plan' : 'auto-edit'];
}

/** The last `type: "result"` message of the JSON array (or the document itself). */
function findResult(parsed: unknown): JsonRecord | undefined {
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry: unknown = entries[i];
    if (isRecord(entry) && entry.type === 'result') return entry;
  }
  return undefined;
}

function findModel(parsed: unknown): string | undefined {
  if (!Array.isArray(parsed)) return undefined;
  const init: unknown = parsed.find((entry) => isRecord(entry) && entry.type === 'system');
  return isRecord(init) ? asString(init.model) : undefined;
}

function readUsage(result: JsonRecord): Usage {
  const usage: Usage = {};
  const raw = isRecord(result.usage) ? result.usage : {};
  // OpenAI counting: input_tokens already includes the cached part.
  const input = asNumber(raw.input_tokens);
  const output = asNumber(raw.output_tokens);
  const cached = asNumber(raw.cache_read_input_tokens);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const apiMs = asNumber(result.duration_api_ms);
  if (apiMs !== undefined && apiMs > 0) usage.apiDurationMs = apiMs;
  const turns = asNumber(result.num_turns);
  if (turns !== undefined) usage.turns = turns;
  return usage;
}

/** `{ "error": { "type", "message", "code" } }`, which qwen prints on stderr when it gives up. */
function readErrorDocument(text: string): string | undefined {
  const doc = extractJson(text);
  if (!isRecord(doc) || !isRecord(doc.error)) return undefined;
  const message = asString(doc.error.message)?.trim();
  const type = asString(doc.error.type);
  if (!message) return type;
  return clip(type && type !== 'AlreadyReportedError' ? `${message} (${type})` : message);
}

/** The last `[API Error: ...]` line qwen printed while retrying, e.g. `Retrying in 60s (attempt 1/10): [API Error: 429 ...]`. */
function lastApiError(stderr: string): string | undefined {
  const lines = stderr.split(/\r?\n/).filter((line) => line.includes('[API Error'));
  const last = lines.at(-1)?.trim();
  return last ? `last API error: ${clip(last, 300)}` : undefined;
}

function resultError(result: JsonRecord): string | undefined {
  if (isRecord(result.error)) {
    const message = asString(result.error.message)?.trim();
    if (message) return clip(message);
  }
  // Some versions put the error text in `result` instead.
  const text = asString(result.result)?.trim();
  return text ? clip(text) : undefined;
}

/** A run that ended without a result message: the budget stop, a fatal error document on stderr, or a crash. */
function noResultFailure(result: ProcessResult, agent: AgentSpec): string {
  const details: Array<string | undefined> = [];
  if (result.exitCode === QWEN_EXIT_BUDGET) {
    details.push(
      `qwen stopped at its run budget (--max-wall-time ${qwenWallTimeSec(agent.timeoutSec)}s, which the adapter sets below the agent timeout): ` +
        'either it kept retrying failed API calls (HTTP 429 or 5xx, or an unreachable endpoint; only rate-limit retries are printed) ' +
        'or the task needs a longer `timeout`',
    );
  }
  details.push(readErrorDocument(result.stderr.text) ?? outputTail(result));
  // The budget message hides why the time ran out: the last retry notice says.
  details.push(lastApiError(result.stderr.text));
  return failureMessage(agent, result, ...details);
}

function buildInvocation(agent: AgentSpec, mode: AccessMode): Invocation {
  // No positional prompt: qwen reads it from stdin. --safe-mode: none of the checkout's hooks, MCP servers,
  // extensions or context files, and no managed auto-memory (a second, background model call after every answer
  // that writes what it learnt into HOME). Not --bare: that also cuts the tools to read, edit and shell.
  const argv = [
    BINARY,
    '-o',
    'json',
    '--safe-mode',
    ...modeFlags(mode),
    '--max-wall-time',
    `${qwenWallTimeSec(agent.timeoutSec)}s`,
  ];
  if (agent.model) argv.push('-m', agent.model);
  if (agent.limits?.maxTurns !== undefined) argv.push('--max-session-turns', String(agent.limits.maxTurns));
  argv.push(...agent.args);
  // Usage statistics go to a third-party endpoint by default.
  return { argv, env: { QWEN_USAGE_STATISTICS_ENABLED: 'false' } };
}

function parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { ok: false, error: truncated };

  const parsed = extractJson(result.stdout.text);
  const final = findResult(parsed);
  if (!final) {
    if (result.exitCode !== 0) return { ok: false, error: noResultFailure(result, agent) };
    return { ok: false, error: `${agent.name}: could not parse qwen JSON output; ${outputTail(result)}` };
  }

  const usage = readUsage(final);
  // An API error can come back with exit code 0: is_error and subtype are what say it failed.
  const subtype = asString(final.subtype) ?? 'success';
  const reportedError = final.is_error === true || subtype !== 'success';
  if (reportedError || result.exitCode !== 0) {
    const details: Array<string | undefined> = [];
    if (subtype !== 'success') details.push(`result subtype "${subtype}"`);
    const message = reportedError ? (resultError(final) ?? readErrorDocument(result.stderr.text)) : undefined;
    if (!reportedError)
      details.push('qwen printed a successful result but exited abnormally, so the answer may be incomplete');
    details.push(message ?? outputTail(result));
    if (/\b401\b|\b403\b|api key|unauthori[sz]ed/i.test(message ?? '')) details.push(AUTH_HINT);
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }

  const answer = asString(final.result)?.trim() ?? '';
  if (answer === '')
    return { ok: false, error: `${agent.name} returned an empty answer (qwen "result" was empty)`, usage };
  const model = findModel(parsed);
  return model === undefined ? { ok: true, answer, usage } : { ok: true, answer, usage, model };
}

/** qwen --resume <id>: its chats are below ~/.qwen, named by the id. */
const session: SessionSupport = {
  idOf: (result) => sessionIdIn(result.stdout.text, 'session_id'),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, '--resume', id] }),
  homeDirs: ['.qwen'],
  idInPath: (id) => id,
};

export const qwenAdapter: AgentAdapter = {
  id: 'qwen',
  binary: BINARY,
  installHint: 'npm install -g @qwen-code/qwen-code',
  npm: { name: '@qwen-code/qwen-code', defaultVersion: '0.24.4' },
  // OPENAI_* for the OpenAI-compatible auth type; QWEN_* for Qwen's own (QWEN_MODEL, QWEN_API_KEY...).
  envPrefixes: ['OPENAI_', 'QWEN_'],
  session,
  buildInvocation,
  parseOutput,
};
