// Adapter for Google's Gemini CLI in headless mode (`gemini -o json`).
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
import type {
  AccessMode,
  AgentAdapter,
  AgentSpec,
  Invocation,
  ParsedOutput,
  SessionSupport,
  Usage,
  UsageCount,
} from './types.js';

const BINARY = 'gemini';
/** Gemini CLI exits with this when the working folder is not trusted (any CI checkout). */
export const GEMINI_EXIT_UNTRUSTED_WORKSPACE = 55;
const GEMINI_EXIT_AUTH = 41;

const UNTRUSTED_EXPLANATION =
  'Gemini CLI refused to run because it does not trust the workspace folder. ' +
  'The adapter sets GEMINI_CLI_TRUST_WORKSPACE=true; check that the agent env does not override it ' +
  'and that the installed gemini version honours it';
const AUTH_HINT = 'check GEMINI_API_KEY (or GOOGLE_API_KEY / Vertex AI settings) in the workflow secrets';
// With GOOGLE_GEMINI_BASE_URL set and no auth type in settings, gemini 0.61 infers a "gateway" auth type that
// its own validation then rejects (exit 41), whatever the key.
const GATEWAY_AUTH_HINT =
  'with GOOGLE_GEMINI_BASE_URL set, Gemini CLI needs the auth type in $HOME/.gemini/settings.json: ' +
  '{"security":{"auth":{"selectedType":"gemini-api-key"}}}';
// Gemini CLI says only "fetch failed" when the connection itself fails.
const UNREACHABLE_HINT =
  'the Gemini API could not be reached (connection refused, DNS or proxy failure): check GOOGLE_GEMINI_BASE_URL, the network and the proxy settings';

interface GeminiStats {
  usage: Usage;
  model?: string;
}

/** Sums `stats.models.<model>.tokens` over all models the session used (it may fall back between them). */
function readStats(stats: unknown): GeminiStats {
  const usage: Usage = {};
  if (!isRecord(stats) || !isRecord(stats.models)) return { usage };
  let model: string | undefined;
  let modelTotal = -1;
  const add = (key: UsageCount, value: number | undefined): void => {
    if (value !== undefined) usage[key] = (usage[key] ?? 0) + value;
  };
  for (const [name, entry] of Object.entries(stats.models)) {
    if (!isRecord(entry)) continue;
    const tokens = isRecord(entry.tokens) ? entry.tokens : {};
    // `prompt` includes the cached part (`input` = prompt - cached); thoughts are billed as output.
    add('inputTokens', asNumber(tokens.prompt));
    add('cachedInputTokens', asNumber(tokens.cached));
    const candidates = asNumber(tokens.candidates);
    const thoughts = asNumber(tokens.thoughts);
    if (candidates !== undefined || thoughts !== undefined) add('outputTokens', (candidates ?? 0) + (thoughts ?? 0));
    if (isRecord(entry.api)) add('apiDurationMs', asNumber(entry.api.totalLatencyMs));
    const total = asNumber(tokens.total) ?? 0;
    if (total > modelTotal) {
      model = name;
      modelTotal = total;
    }
  }
  return model === undefined ? { usage } : { usage, model };
}

/** Gemini CLI puts the API's whole error body, JSON as text, in its own message: `{"error":{"code":401,"status":...}}`. */
function unwrapApiError(message: string | undefined): { message: string; status?: string; code?: number } | undefined {
  if (message === undefined || !message.startsWith('{')) return undefined;
  try {
    const inner: unknown = JSON.parse(message);
    if (!isRecord(inner) || !isRecord(inner.error)) return undefined;
    const text = asString(inner.error.message)?.trim();
    if (!text) return undefined;
    const status = asString(inner.error.status);
    const code = asNumber(inner.error.code);
    return { message: text, ...(status ? { status } : {}), ...(code !== undefined ? { code } : {}) };
  } catch {
    return undefined;
  }
}

function readError(doc: JsonRecord | undefined): string | undefined {
  if (!doc || !isRecord(doc.error)) return undefined;
  const message = asString(doc.error.message)?.trim();
  const api = unwrapApiError(message);
  if (api)
    return clip(
      `${api.message} (${[api.status, api.code ?? doc.error.code].filter((p) => p !== undefined).join(' ')})`,
    );
  const type = asString(doc.error.type);
  const code = doc.error.code;
  const codeText = typeof code === 'number' || typeof code === 'string' ? ` ${code}` : '';
  const label = type && type !== 'Error' ? `${type}${codeText}` : codeText.trim();
  if (!message) return label ? `gemini reported error ${label}` : undefined;
  return clip(label ? `${message} (${label})` : message);
}

function looksLikeAuthError(result: ProcessResult, doc: JsonRecord | undefined): boolean {
  if (result.exitCode === GEMINI_EXIT_AUTH) return true;
  const code = isRecord(doc?.error) ? doc.error.code : undefined;
  if (code === 401 || code === 403 || code === '401' || code === '403') return true;
  const message = readError(doc) ?? '';
  return /\b401\b|unauthenticated|api key not valid|invalid api key/i.test(message);
}

function asDocument(parsed: unknown): JsonRecord | undefined {
  return isRecord(parsed) && ('response' in parsed || 'error' in parsed || 'stats' in parsed) ? parsed : undefined;
}

function buildInvocation(agent: AgentSpec, mode: AccessMode): Invocation {
  const argv = [BINARY, '-o', 'json'];
  // Read-only keeps the default approval mode: headless runs then exclude tools that need approval.
  if (mode === 'write') argv.push('--approval-mode', 'auto_edit');
  if (agent.model) argv.push('-m', agent.model);
  argv.push(...agent.args);
  // Without it gemini exits 55 in CI, where the checkout is never a trusted folder.
  return { argv, env: { GEMINI_CLI_TRUST_WORKSPACE: 'true' } };
}

/** With retries left, Gemini CLI logs each failed attempt on stderr ("Attempt 3 failed: <reason>. Retrying after <n>ms..."). */
function describeTimeout(result: ProcessResult): string | undefined {
  const attempts = result.stderr.text
    .split(/^(?=Attempt \d+ failed: )/m)
    .filter((chunk) => chunk.startsWith('Attempt '));
  const last = attempts.at(-1);
  if (last === undefined) return undefined;
  return clip(
    last
      .replace(/\s*Retrying after \d+ms\.\.\.[\s\S]*$/, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { ok: false, error: truncated };

  // Some failures (HTTP 401) print the error document on stderr instead of stdout.
  const stdoutDoc = asDocument(extractJson(result.stdout.text));
  const errorDoc = isRecord(stdoutDoc?.error) ? stdoutDoc : asDocument(extractJson(result.stderr.text));
  const { usage, model } = readStats(stdoutDoc?.stats);
  const hasUsage = Object.keys(usage).length > 0;
  const cliError = readError(errorDoc);

  if (result.exitCode !== 0 || cliError !== undefined) {
    const details: Array<string | undefined> = [];
    if (result.exitCode === GEMINI_EXIT_UNTRUSTED_WORKSPACE) details.push(UNTRUSTED_EXPLANATION);
    details.push(cliError ?? outputTail(result));
    if (/Invalid auth method selected/i.test(cliError ?? '')) details.push(GATEWAY_AUTH_HINT);
    else if (looksLikeAuthError(result, errorDoc)) details.push(AUTH_HINT);
    else if (/fetch failed/i.test(cliError ?? '')) details.push(UNREACHABLE_HINT);
    const error = failureMessage(agent, result, ...details);
    return hasUsage ? { ok: false, error, usage } : { ok: false, error };
  }

  if (!stdoutDoc)
    return { ok: false, error: `${agent.name}: could not parse gemini JSON output; ${outputTail(result)}` };

  const answer = asString(stdoutDoc.response)?.trim() ?? '';
  if (answer === '')
    return { ok: false, error: `${agent.name} returned an empty answer (gemini "response" was empty)`, usage };
  return model === undefined ? { ok: true, answer, usage } : { ok: true, answer, usage, model };
}

/** gemini --resume <uuid>: its chats are ~/.gemini/tmp/<project>/chats/session-<time>-<first 8 of the id>.json. */
const session: SessionSupport = {
  idOf: (result) => sessionIdIn(result.stdout.text, 'session_id'),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, '--resume', id] }),
  homeDirs: ['.gemini/tmp'],
  idInPath: (id) => id.slice(0, 8),
};

export const geminiAdapter: AgentAdapter = {
  id: 'gemini',
  binary: BINARY,
  installHint: 'npm install -g @google/gemini-cli',
  npm: { name: '@google/gemini-cli', defaultVersion: '0.61.0' },
  envPrefixes: ['GEMINI_', 'GOOGLE_'],
  session,
  buildInvocation,
  parseOutput,
  describeTimeout,
};
