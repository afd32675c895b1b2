// Adapter for OpenAI's Codex CLI in non-interactive mode (`codex exec --json`), which streams JSONL events.
import type { ProcessResult } from '../process/types.js';
import {
  asNumber,
  asString,
  clip,
  failureMessage,
  isRecord,
  type JsonRecord,
  outputTail,
  parseJsonLines,
  readJsonLines,
  sessionIdIn,
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

const BINARY = 'codex';
// Enough of the end of a failed run to show what went wrong without repeating retries.
const MAX_ERROR_MESSAGES = 3;

interface CodexRun {
  /** The last agent message: earlier ones are progress notes, the last is the final answer. */
  answer?: string;
  usage: Usage;
  sawTurnCompleted: boolean;
  /** From `turn.failed`: the turn did not finish. */
  turnFailures: string[];
  /** From `error` events: fatal, or a transient retry notice when the turn still completes. */
  errors: string[];
}

// A Codex "turn" is one prompt, not one model round trip, so Usage.turns stays unset.
function addUsage(usage: Usage, raw: JsonRecord): void {
  // Codex's input_tokens already includes cached_input_tokens (OpenAI counting).
  const input = asNumber(raw.input_tokens);
  const cached = asNumber(raw.cached_input_tokens);
  const output = asNumber(raw.output_tokens);
  if (input !== undefined) usage.inputTokens = (usage.inputTokens ?? 0) + input;
  if (cached !== undefined) usage.cachedInputTokens = (usage.cachedInputTokens ?? 0) + cached;
  if (output !== undefined) usage.outputTokens = (usage.outputTokens ?? 0) + output;
}

function readEvents(events: JsonRecord[]): CodexRun {
  const run: CodexRun = { usage: {}, sawTurnCompleted: false, turnFailures: [], errors: [] };
  for (const event of events) {
    switch (event.type) {
      case 'item.completed': {
        const item = event.item;
        if (isRecord(item) && item.type === 'agent_message') {
          const text = asString(item.text);
          if (text !== undefined) run.answer = text;
        }
        break;
      }
      case 'turn.completed':
        run.sawTurnCompleted = true;
        if (isRecord(event.usage)) addUsage(run.usage, event.usage);
        break;
      case 'turn.failed': {
        const message = isRecord(event.error) ? asString(event.error.message) : undefined;
        run.turnFailures.push(message ?? 'turn failed without a message');
        break;
      }
      case 'error': {
        const message = asString(event.message);
        if (message) run.errors.push(message);
        break;
      }
      default:
        // thread.started, turn.started, item.started/updated, reasoning, tool calls: chatter.
        break;
    }
  }
  return run;
}

function errorSummary(run: CodexRun): string | undefined {
  // turn.failed usually repeats the last error event; keep each text once, newest last.
  const unique = [...new Set([...run.errors, ...run.turnFailures])];
  if (unique.length === 0) return undefined;
  return clip(unique.slice(-MAX_ERROR_MESSAGES).join('; '));
}

function buildInvocation(agent: AgentSpec, mode: AccessMode): Invocation {
  // No positional prompt: `codex exec` reads the prompt from stdin when none is given.
  const sandbox = mode === 'read-only' ? 'read-only' : 'workspace-write';
  const argv = [BINARY, 'exec', '--json', '--skip-git-repo-check', '-s', sandbox];
  if (agent.model) argv.push('-m', agent.model);
  argv.push(...agent.args);
  return { argv, env: {} };
}

/** Codex retries an unreachable API forever ("Reconnecting... waiting for network"): its last error event says so. */
function describeTimeout(result: ProcessResult): string | undefined {
  const errors = readEvents(parseJsonLines(result.stdout.text)).errors;
  const last = errors.at(-1);
  return last === undefined ? undefined : clip(last);
}

function parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput {
  const read = readJsonLines(agent, result, 'codex');
  if ('error' in read) return { ok: false, error: read.error };

  const run = readEvents(read.events);
  const usage = run.usage;
  const answer = run.answer?.trim() ?? '';
  // Error events alone are not fatal: Codex reports reconnect attempts that later succeed.
  const failed = result.exitCode !== 0 || run.turnFailures.length > 0 || (answer === '' && run.errors.length > 0);
  if (failed) {
    const summary = errorSummary(run);
    return { ok: false, error: failureMessage(agent, result, summary ?? outputTail(result)), usage };
  }
  if (answer === '') {
    const what = run.sawTurnCompleted
      ? 'the turn completed without an agent message'
      : 'no agent message in the events';
    return { ok: false, error: `${agent.name} returned an empty answer (${what})`, usage };
  }
  return { ok: true, answer, usage };
}

/** Codex reports usage once per turn (`turn.completed`); `codex exec` has one turn, so this counts it when it ends. */
function streamUsage(event: JsonRecord, state: StreamState): void {
  if (event.type === 'turn.completed' && isRecord(event.usage)) addUsage(state.usage, event.usage);
}

/** codex exec [options] resume <id> -: the exec options stay in front, `-` reads the prompt from stdin; ~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl. */
const session: SessionSupport = {
  idOf: (result) => sessionIdIn(result.stdout.text, 'thread_id'),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, 'resume', id, '-'] }),
  homeDirs: ['.codex/sessions'],
  idInPath: (id) => id,
};

export const codexAdapter: AgentAdapter = {
  id: 'codex',
  binary: BINARY,
  installHint: 'npm install -g @openai/codex',
  npm: { name: '@openai/codex', defaultVersion: '0.171.0' },
  envPrefixes: ['OPENAI_', 'CODEX_', 'AZURE_OPENAI_'],
  session,
  buildInvocation,
  parseOutput,
  describeTimeout,
  streamUsage,
};
