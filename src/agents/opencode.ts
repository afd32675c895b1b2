// Adapter for opencode's non-interactive mode (`opencode run --format json`: JSONL events, prompt on stdin).
import type { ProcessResult } from '../process/types.js';
import {
  asNumber,
  asString,
  clip,
  failureMessage,
  isRecord,
  type JsonRecord,
  outputTail,
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
  UsageCount,
} from './types.js';

const BINARY = 'opencode';
const MAX_ERROR_MESSAGES = 3;
const SESSION_TITLE = 'ai-orchestra';
const AUTH_HINT =
  'check the provider API key opencode reads (its config, OPENCODE_CONFIG_CONTENT, or a variable passed with pass-env)';

/**
 * OPENCODE_PERMISSION is merged over every config file's `permission`, the repository's own opencode.json
 * included, so a checked-out project cannot widen it. `bash` is denied in both modes, as for the other CLIs.
 */
export function opencodePermission(mode: AccessMode): Record<string, string> {
  return mode === 'read-only' ? { edit: 'deny', bash: 'deny' } : { edit: 'allow', bash: 'deny' };
}

interface OpencodeRun {
  /** Text parts of the latest step that produced text: earlier steps are notes before tool calls. */
  answerParts: string[];
  usage: Usage;
  steps: number;
  errors: string[];
  authFailed: boolean;
}

function addTokens(usage: Usage, part: JsonRecord): void {
  const tokens = isRecord(part.tokens) ? part.tokens : {};
  const cache = isRecord(tokens.cache) ? tokens.cache : {};
  const add = (key: UsageCount, value: number | undefined): void => {
    if (value !== undefined) usage[key] = (usage[key] ?? 0) + value;
  };
  // opencode counts input without the cache reads and writes (like Anthropic); report the whole prompt.
  const input = asNumber(tokens.input);
  const cacheRead = asNumber(cache.read);
  const cacheWrite = asNumber(cache.write);
  if (input !== undefined || cacheRead !== undefined || cacheWrite !== undefined)
    add('inputTokens', (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0));
  if (cacheRead !== undefined) add('cachedInputTokens', cacheRead);
  const output = asNumber(tokens.output);
  const reasoning = asNumber(tokens.reasoning);
  if (output !== undefined || reasoning !== undefined) add('outputTokens', (output ?? 0) + (reasoning ?? 0));
  add('costUsd', asNumber(part.cost));
}

function errorText(error: unknown): { text: string; status?: number } | undefined {
  if (!isRecord(error)) return undefined;
  const data = isRecord(error.data) ? error.data : {};
  const name = asString(error.name);
  const message = asString(data.message)?.trim() ?? asString(error.message)?.trim();
  const status = asNumber(data.statusCode);
  const label = [name, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(', ');
  const text = message
    ? label
      ? `${message} (${label})`
      : message
    : label || 'opencode reported an error without a message';
  return status === undefined ? { text } : { text, status };
}

function readEvents(events: JsonRecord[]): OpencodeRun {
  const run: OpencodeRun = { answerParts: [], usage: {}, steps: 0, errors: [], authFailed: false };
  let stepText: string[] = [];
  for (const event of events) {
    const part = isRecord(event.part) ? event.part : {};
    switch (event.type) {
      case 'step_start':
        stepText = [];
        break;
      case 'text': {
        const text = asString(part.text);
        if (text !== undefined && text.trim() !== '') {
          stepText.push(text);
          run.answerParts = stepText;
        }
        break;
      }
      case 'step_finish':
        run.steps++;
        addTokens(run.usage, part);
        break;
      case 'error': {
        const error = errorText(event.error);
        if (error) {
          run.errors.push(error.text);
          if (error.status === 401 || error.status === 403) run.authFailed = true;
        }
        break;
      }
      default:
        // tool_use, reasoning and the rest: chatter.
        break;
    }
  }
  if (run.steps > 0) run.usage.turns = run.steps;
  return run;
}

function buildInvocation(agent: AgentSpec, mode: AccessMode): Invocation {
  // No message arguments: `opencode run` reads the prompt from stdin. A fixed --title saves the model call
  // that would otherwise send the whole prompt once more just to name the session.
  const argv = [BINARY, 'run', '--format', 'json', '--title', SESSION_TITLE];
  if (agent.model) argv.push('--model', agent.model);
  argv.push(...agent.args);
  return {
    argv,
    env: {
      OPENCODE_PERMISSION: JSON.stringify(opencodePermission(mode)),
      OPENCODE_DISABLE_AUTOUPDATE: '1',
      // The bundled model catalogue, not a fetch from models.dev on every run.
      OPENCODE_DISABLE_MODELS_FETCH: '1',
    },
  };
}

function parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput {
  const read = readJsonLines(agent, result, 'opencode');
  if ('error' in read) return { ok: false, error: read.error };

  const run = readEvents(read.events);
  const { usage } = run;
  const answer = run.answerParts.join('\n\n').trim();
  if (result.exitCode !== 0 || run.errors.length > 0) {
    const unique = [...new Set(run.errors)];
    const details: Array<string | undefined> = [
      unique.length > 0 ? clip(unique.slice(-MAX_ERROR_MESSAGES).join('; ')) : outputTail(result),
    ];
    if (run.authFailed) details.push(AUTH_HINT);
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }
  if (answer === '') {
    const what = run.steps > 0 ? 'its steps finished without text' : 'no text in the events';
    return { ok: false, error: `${agent.name} returned an empty answer (${what})`, usage };
  }
  return { ok: true, answer, usage };
}

/** Every finished step reports its tokens and cost. */
function streamUsage(event: JsonRecord, state: StreamState): void {
  if (event.type !== 'step_finish') return;
  addTokens(state.usage, isRecord(event.part) ? event.part : {});
  state.usage.turns = (state.usage.turns ?? 0) + 1;
}

/**
 * opencode run --session <id> resumes, but 1.18 keeps every session in one SQLite database
 * (~/.local/share/opencode/opencode.db): no files of one session alone to keep, so follow-ups rebuild the context.
 */
const session: SessionSupport = {
  idOf: (result) => sessionIdIn(result.stdout.text, 'sessionID'),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, '--session', id] }),
  homeDirs: [],
  idInPath: (id) => id,
};

export const opencodeAdapter: AgentAdapter = {
  id: 'opencode',
  binary: BINARY,
  installHint: 'npm install -g opencode-ai',
  npm: { name: 'opencode-ai', defaultVersion: '1.18.33' },
  // opencode's own settings (OPENCODE_CONFIG, OPENCODE_CONFIG_CONTENT...); a provider key its config reads
  // with {env:NAME} is passed by name (pass-env), since opencode speaks to dozens of providers.
  envPrefixes: ['OPENCODE_'],
  session,
  buildInvocation,
  parseOutput,
  streamUsage,
};
