// Adapter for GitHub's Copilot CLI in non-interactive mode (prompt on stdin, `--output-format json` JSONL events).
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
} from './types.js';

const BINARY = 'copilot';
const MAX_ERROR_MESSAGES = 3;
const AUTH_HINT =
  'with a custom provider check COPILOT_PROVIDER_API_KEY (or COPILOT_PROVIDER_BEARER_TOKEN); ' +
  'with GitHub Copilot itself pass a Copilot-enabled token as COPILOT_GITHUB_TOKEN (agent pass-env)';

/**
 * Permission kinds, as `--deny-tool`/`--allow-tool` take them: `write` is every file-creating or editing tool,
 * `shell` every command. Denials win over any allow, `--allow-all-tools` included.
 */
function modeFlags(mode: AccessMode): string[] {
  // The flags are variadic: the `=` form keeps each one from swallowing the next word.
  if (mode === 'read-only') return ['--deny-tool=write', '--deny-tool=shell'];
  return ['--allow-tool=write', '--deny-tool=shell'];
}

interface CopilotRun {
  answer?: string;
  model?: string;
  usage: Usage;
  /** `result.exitCode`, when the CLI got as far as printing its result. */
  resultExitCode?: number;
  errors: string[];
  authFailed: boolean;
  turns: number;
}

function readEvents(events: JsonRecord[]): CopilotRun {
  const run: CopilotRun = { usage: {}, errors: [], authFailed: false, turns: 0 };
  for (const event of events) {
    const data = isRecord(event.data) ? event.data : {};
    switch (event.type) {
      case 'assistant.message': {
        // Messages that only request tools carry empty content; the last one with text is the answer.
        const content = asString(data.content);
        if (content !== undefined && content.trim() !== '') run.answer = content;
        const model = asString(data.model);
        if (model) run.model = model;
        break;
      }
      case 'assistant.turn_end':
        run.turns++;
        break;
      case 'session.error': {
        const message = asString(data.message)?.trim();
        const status = asNumber(data.statusCode);
        run.errors.push(message ?? `session error${status === undefined ? '' : ` (HTTP ${status})`}`);
        if (data.errorType === 'authentication' || status === 401 || status === 403) run.authFailed = true;
        break;
      }
      case 'result': {
        run.resultExitCode = asNumber(event.exitCode);
        const usage = isRecord(event.usage) ? event.usage : {};
        const apiMs = asNumber(usage.totalApiDurationMs);
        if (apiMs !== undefined && apiMs > 0) run.usage.apiDurationMs = apiMs;
        break;
      }
      default:
        // Deltas, tool executions, skills and MCP loading, ephemeral progress: chatter.
        break;
    }
  }
  // Copilot prints no token counts on stdout (only --usage-output-file has them, and it replaces the file by rename).
  if (run.turns > 0) run.usage.turns = run.turns;
  return run;
}

function buildInvocation(agent: AgentSpec, mode: AccessMode): Invocation {
  // No -p: copilot reads the prompt from stdin when none is given on the command line.
  const argv = [
    BINARY,
    '--output-format',
    'json',
    '--no-auto-update',
    '--no-ask-user',
    '--disable-client-telemetry',
    ...modeFlags(mode),
  ];
  if (agent.model) argv.push('--model', agent.model);
  argv.push(...agent.args);
  return { argv, env: { COPILOT_AUTO_UPDATE: 'false' } };
}

function parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput {
  const read = readJsonLines(agent, result, 'copilot');
  if ('error' in read) return { ok: false, error: read.error };

  const run = readEvents(read.events);
  const { usage } = run;
  const answer = run.answer?.trim() ?? '';
  const failed = result.exitCode !== 0 || run.errors.length > 0 || (run.resultExitCode ?? 0) !== 0;
  if (failed) {
    const details: Array<string | undefined> = [];
    const unique = [...new Set(run.errors)];
    details.push(unique.length > 0 ? clip(unique.slice(-MAX_ERROR_MESSAGES).join('; ')) : outputTail(result));
    if (run.authFailed) details.push(AUTH_HINT);
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }
  if (run.resultExitCode === undefined) {
    const note = 'copilot exited without its final "result" event, so the answer may be incomplete';
    return { ok: false, error: failureMessage(agent, result, note, outputTail(result)), usage };
  }
  if (answer === '')
    return {
      ok: false,
      error: `${agent.name} returned an empty answer (no copilot assistant message had text)`,
      usage,
    };
  return run.model === undefined ? { ok: true, answer, usage } : { ok: true, answer, usage, model: run.model };
}

/** Copilot prints no tokens, but every turn's end: turns are counted as they happen. */
function streamUsage(event: JsonRecord, state: StreamState): void {
  if (event.type === 'assistant.turn_end') state.usage.turns = (state.usage.turns ?? 0) + 1;
}

/** copilot --resume=<id>: ~/.copilot/session-state/<id>/. */
const session: SessionSupport = {
  idOf: (result) => sessionIdIn(result.stdout.text, 'sessionId'),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, `--resume=${id}`] }),
  homeDirs: ['.copilot/session-state'],
  idInPath: (id) => id,
};

export const copilotAdapter: AgentAdapter = {
  id: 'copilot',
  binary: BINARY,
  installHint: 'npm install -g @github/copilot',
  npm: { name: '@github/copilot', defaultVersion: '1.0.102' },
  // Provider (BYOK) settings only: COPILOT_GITHUB_TOKEN is a GitHub token and COPILOT_ALLOW_ALL would
  // lift the read-only mode, so neither is passed by prefix (a user passes the token by name: pass-env).
  envPrefixes: ['COPILOT_PROVIDER_', 'COPILOT_MODEL', 'COPILOT_OFFLINE'],
  session,
  buildInvocation,
  parseOutput,
  streamUsage,
};
