// Adapter for Anthropic's Claude Code CLI in print mode (`claude -p --output-format json`).
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
  StreamState,
  Usage,
} from './types.js';

const BINARY = 'claude';

/** Tools that change files or run programs; denied in read-only mode. */
export const CLAUDE_WRITE_TOOLS = ['Bash', 'Edit', 'Write', 'MultiEdit', 'NotebookEdit'] as const;

function modeFlags(mode: AccessMode): string[] {
  // --disallowedTools is variadic and would swallow following words, so the mode flags sit
  // before --output-format; the tools go comma-separated in a single value.
  if (mode === 'read-only') return ['--disallowedTools', CLAUDE_WRITE_TOOLS.join(',')];
  return ['--permission-mode', 'acceptEdits'];
}

/** With `--verbose` the CLI prints the whole message list; the result is the last `type: "result"` entry. */
function findResult(parsed: unknown): JsonRecord | undefined {
  if (isRecord(parsed))
    return parsed.type === 'result' || 'result' in parsed || 'is_error' in parsed ? parsed : undefined;
  if (Array.isArray(parsed)) {
    for (let i = parsed.length - 1; i >= 0; i--) {
      const entry: unknown = parsed[i];
      if (isRecord(entry) && entry.type === 'result') return entry;
    }
  }
  return undefined;
}

function readUsage(result: JsonRecord): Usage {
  const usage: Usage = {};
  const raw = isRecord(result.usage) ? result.usage : undefined;
  if (raw) {
    const input = asNumber(raw.input_tokens);
    const cacheRead = asNumber(raw.cache_read_input_tokens);
    const cacheCreation = asNumber(raw.cache_creation_input_tokens);
    // Claude counts cache reads and writes apart from input_tokens; report the whole prompt.
    if (input !== undefined || cacheRead !== undefined || cacheCreation !== undefined) {
      usage.inputTokens = (input ?? 0) + (cacheRead ?? 0) + (cacheCreation ?? 0);
    }
    if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
    const output = asNumber(raw.output_tokens);
    if (output !== undefined) usage.outputTokens = output;
  }
  const cost = asNumber(result.total_cost_usd);
  if (cost !== undefined) usage.costUsd = cost;
  const duration = asNumber(result.duration_ms);
  if (duration !== undefined) usage.apiDurationMs = duration;
  const turns = asNumber(result.num_turns);
  if (turns !== undefined) usage.turns = turns;
  return usage;
}

/** The model that did most of the work (Claude Code also calls a small model for housekeeping). */
function mainModel(result: JsonRecord): string | undefined {
  if (!isRecord(result.modelUsage)) return undefined;
  let best: string | undefined;
  let bestOutput = -1;
  for (const [model, stats] of Object.entries(result.modelUsage)) {
    const output = isRecord(stats) ? (asNumber(stats.outputTokens) ?? 0) : 0;
    if (output > bestOutput) {
      best = model;
      bestOutput = output;
    }
  }
  return best;
}

function apiErrorHint(status: number | undefined): string | undefined {
  if (status === 401 || status === 403) {
    return 'check ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN in the workflow secrets';
  }
  if (status === 429) return 'the API rate limit or usage limit was reached; retry later';
  return undefined;
}

function errorDetails(result: JsonRecord): string[] {
  const details: string[] = [];
  const subtype = asString(result.subtype);
  if (subtype !== undefined && subtype !== 'success') details.push(`result subtype "${subtype}"`);
  const status = asNumber(result.api_error_status);
  if (status !== undefined) details.push(`API error status ${status}`);
  const text = asString(result.result);
  if (text !== undefined && text.trim() !== '') details.push(clip(text));
  if (Array.isArray(result.errors)) {
    const errors = result.errors.filter((e): e is string => typeof e === 'string' && e.trim() !== '');
    if (errors.length > 0) details.push(clip(errors.join('; ')));
  }
  const hint = apiErrorHint(status);
  if (hint) details.push(hint);
  return details;
}

function buildInvocation(agent: AgentSpec, mode: AccessMode, options: { streamUsage?: boolean } = {}): Invocation {
  // stream-json prints every message with its usage as it arrives (a budget can stop the run); its last line is the
  // same result document as json's.
  const format = options.streamUsage ? ['--output-format', 'stream-json', '--verbose'] : ['--output-format', 'json'];
  const argv = [BINARY, '-p', ...modeFlags(mode), ...format];
  if (agent.model) argv.push('--model', agent.model);
  if (agent.limits?.maxTurns !== undefined) argv.push('--max-turns', String(agent.limits.maxTurns));
  argv.push(...agent.args);
  // Without a cap the CLI retries API errors silently for minutes. Without the second it also calls
  // api.anthropic.com (telemetry, update and error reporting) even when ANTHROPIC_BASE_URL points elsewhere.
  // Config env may override either.
  return { argv, env: { CLAUDE_CODE_MAX_RETRIES: '2', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' } };
}

/** stream-json's last line is the whole result on its own: it survives a stdout cut in the middle by the memory limit. */
function lastLineResult(stdout: string): JsonRecord | undefined {
  const lines = stdout.trimEnd().split('\n');
  // One line is json mode's single document: cut in the middle, whatever it looks like.
  if (lines.length < 2) return undefined;
  const parsed = extractJson(lines.at(-1)!);
  return isRecord(parsed) && parsed.type === 'result' ? parsed : undefined;
}

function parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput {
  const truncated = truncatedOutputError(agent, result);
  const final = truncated ? lastLineResult(result.stdout.text) : findResult(extractJson(result.stdout.text));
  if (truncated && !final) return { ok: false, error: truncated };
  if (!final) {
    if (result.exitCode !== 0) return { ok: false, error: failureMessage(agent, result, outputTail(result)) };
    return { ok: false, error: `${agent.name}: could not parse claude JSON output; ${outputTail(result)}` };
  }

  const usage = readUsage(final);
  const model = mainModel(final);
  // API errors can arrive with subtype "success" and exit code 0; is_error is the reliable flag.
  const failed = final.is_error === true || (asString(final.subtype) ?? 'success') !== 'success';
  if (failed) {
    const details = errorDetails(final);
    if (details.length === 0) details.push(outputTail(result));
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }
  if (result.exitCode !== 0) {
    const note = 'claude printed a successful result but exited abnormally, so the answer may be incomplete';
    return { ok: false, error: failureMessage(agent, result, note, outputTail(result)), usage };
  }

  const answer = asString(final.result)?.trim() ?? '';
  if (answer === '')
    return { ok: false, error: `${agent.name} returned an empty answer (claude "result" was empty)`, usage };
  return model === undefined ? { ok: true, answer, usage } : { ok: true, answer, usage, model };
}

/** stream-json: the init message names the model, each assistant message (repeated per content block) its usage. */
function streamUsage(event: JsonRecord, state: StreamState): void {
  if (event.type === 'system' && event.subtype === 'init') state.model = asString(event.model) ?? state.model;
  if (event.type === 'result') {
    state.usage = readUsage(event);
    return;
  }
  const message = isRecord(event.message) ? event.message : undefined;
  if (event.type !== 'assistant' || !message || !isRecord(message.usage)) return;
  state.model = asString(message.model) ?? state.model;
  state.messages.set(asString(message.id) ?? `#${state.messages.size}`, readUsage({ usage: message.usage }));
  const usage: Usage = { turns: state.messages.size };
  for (const m of state.messages.values()) {
    for (const key of ['inputTokens', 'outputTokens', 'cachedInputTokens'] as const)
      if (m[key] !== undefined) usage[key] = (usage[key] ?? 0) + m[key];
  }
  state.usage = usage;
}

/** claude -p --resume <id>: its sessions are ~/.claude/projects/<the working directory>/<id>.jsonl. */
const session: SessionSupport = {
  idOf: (result) => sessionIdIn(result.stdout.text, 'session_id'),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, '--resume', id] }),
  homeDirs: ['.claude/projects'],
  idInPath: (id) => id,
};

export const claudeAdapter: AgentAdapter = {
  id: 'claude',
  binary: BINARY,
  installHint: 'npm install -g @anthropic-ai/claude-code',
  npm: { name: '@anthropic-ai/claude-code', defaultVersion: '2.1.332' },
  envPrefixes: ['ANTHROPIC_', 'CLAUDE_CODE_', 'CLAUDE_'],
  session,
  buildInvocation,
  parseOutput,
  streamUsage,
};
