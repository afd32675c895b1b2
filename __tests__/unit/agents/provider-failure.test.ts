// Provider failures per CLI, read from the real outputs the contract suite captured (__fixtures__/cli-output).
import { describe, expect, it } from 'vitest';
import { type ProviderReason, providerFailure } from '../../../src/agents/provider-failure.js';
import { builtInAdapters, commandAdapter } from '../../../src/agents/registry.js';
import { tail } from '../../../src/agents/runner.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

/** The run the runner would make of a captured output: the adapter's error and the output's last lines. */
function recordedRun(cli: string, files: { stdout?: string; stderr?: string }, exitCode: number | null) {
  const result = makeProcessResult({
    stdout: files.stdout ? fixture(files.stdout) : '',
    stderr: files.stderr ? fixture(files.stderr) : '',
    exitCode,
  });
  const parsed = builtInAdapters[cli]!.parseOutput(result, makeAgent({ name: cli, cli }));
  return {
    status: parsed.ok ? ('success' as const) : ('failure' as const),
    cli,
    exitCode,
    error: parsed.ok ? undefined : parsed.error,
    outputTail: tail(result),
  };
}

const pair = (cli: string, name: string) => ({
  stdout: `${cli}/${name}.stdout.txt`,
  stderr: `${cli}/${name}.stderr.txt`,
});

const CASES: [string, string, { stdout?: string; stderr?: string }, number | null, ProviderReason][] = [
  ['claude', '401', { stdout: 'claude/error-api-401.json' }, 1, 'authentication'],
  ['claude', '429 (exit 0)', { stdout: 'claude/error-rate-limit-exit0.json' }, 0, 'rate-limit'],
  ['codex', '401', { stdout: 'codex/error-401.jsonl' }, 1, 'authentication'],
  ['gemini', 'quota 429', { stdout: 'gemini/error-quota.json' }, 1, 'rate-limit'],
  ['gemini', '401', { stderr: 'gemini/v0.61-error-401.stderr.txt' }, 145, 'authentication'],
  ['gemini', 'unreachable', { stderr: 'gemini/v0.61-unreachable.stderr.txt' }, 1, 'unreachable'],
  ['copilot', '401', pair('copilot', 'error-401'), 1, 'authentication'],
  ['copilot', '429', pair('copilot', 'error-429'), 1, 'rate-limit'],
  ['copilot', '500', pair('copilot', 'error-500'), 1, 'server-error'],
  ['copilot', 'unreachable', pair('copilot', 'error-unreachable'), 1, 'unreachable'],
  ['opencode', '401', pair('opencode', 'error-401'), 1, 'authentication'],
  ['opencode', '429', pair('opencode', 'error-429'), 1, 'rate-limit'],
  ['opencode', '500', pair('opencode', 'error-500'), 1, 'server-error'],
  ['opencode', 'unreachable', pair('opencode', 'error-unreachable'), 1, 'unreachable'],
  ['qwen', '401', pair('qwen', 'error-401'), 1, 'authentication'],
  ['qwen', '429', pair('qwen', 'error-429'), 55, 'rate-limit'],
  // Qwen retries 5xx and an unreachable API silently until its wall-clock budget stops it.
  ['qwen', '500', pair('qwen', 'error-500'), 55, 'timeout'],
  ['qwen', 'unreachable', pair('qwen', 'error-unreachable'), 55, 'timeout'],
];

describe('providerFailure: what each real CLI printed', () => {
  it.each(CASES)('%s %s → its provider reason', (cli, _name, files, exitCode, reason) => {
    const run = recordedRun(cli, files, exitCode);
    expect(run.status).toBe('failure');
    expect(providerFailure(run)).toBe(reason);
  });

  it('a timeout is a provider reason; a success, a cancellation, a budget stop and a missing CLI are not', () => {
    const base = { cli: 'claude', exitCode: null, outputTail: '' };
    expect(providerFailure({ ...base, status: 'timeout', error: 'timed out after 600 s' })).toBe('timeout');
    expect(providerFailure({ ...base, status: 'success' })).toBeUndefined();
    expect(providerFailure({ ...base, status: 'cancelled', error: 'HTTP 429' })).toBeUndefined();
    expect(providerFailure({ ...base, status: 'budget', error: 'stopped: budget' })).toBeUndefined();
    expect(
      providerFailure({ ...base, status: 'failure', error: '`claude` was not found on PATH. Install it' }),
    ).toBeUndefined();
  });

  it('a command agent that says its model server refused the connection is unreachable', () => {
    const result = makeProcessResult({ stdout: 'partial', stderr: fixture('command/error.stderr.txt'), exitCode: 3 });
    const parsed = commandAdapter.parseOutput(result, makeAgent({ name: 'local', command: ['my-agent'] }));
    expect(
      providerFailure({
        status: 'failure',
        cli: 'command',
        exitCode: 3,
        error: parsed.ok ? '' : parsed.error,
        outputTail: tail(result),
      }),
    ).toBe('unreachable');
  });

  it('an ordinary failure (a bad flag, a crash) is not a provider failure', () => {
    expect(
      providerFailure({
        status: 'failure',
        cli: 'qwen',
        exitCode: 139,
        error: 'qwen failed (exit code 139)',
        outputTail: 'Segmentation fault',
      }),
    ).toBeUndefined();
    expect(
      providerFailure({
        status: 'failure',
        cli: 'codex',
        exitCode: 2,
        error: "error: unexpected argument '--bogus' found",
        outputTail: '',
      }),
    ).toBeUndefined();
  });
});
