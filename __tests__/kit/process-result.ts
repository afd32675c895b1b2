// Test builders for the adapters: ProcessResult objects and the recorded CLI outputs they parse.
import { readFileSync } from 'node:fs';
import type { AgentSpec } from '../../src/agents/types.js';
import type { CapturedStream, ProcessResult } from '../../src/process/types.js';

const FIXTURES = new URL('../../__fixtures__/cli-output/', import.meta.url);

/** Reads `__fixtures__/cli-output/<path>`, e.g. `fixture('claude/success.json')`. */
export function fixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

export interface ProcessResultInit {
  stdout?: string;
  stderr?: string;
  exitCode?: number | null;
  signal?: NodeJS.Signals | null;
  /** Marks stdout as cut by the in-memory limit. */
  stdoutTruncated?: boolean;
  stdoutTotalBytes?: number;
}

function stream(text: string, file: string, truncated = false, totalBytes?: number): CapturedStream {
  return { text, truncated, totalBytes: totalBytes ?? Buffer.byteLength(text), file };
}

export function makeProcessResult(init: ProcessResultInit = {}): ProcessResult {
  return {
    exitCode: init.exitCode === undefined ? 0 : init.exitCode,
    signal: init.signal ?? null,
    timedOut: false,
    aborted: false,
    stdout: stream(init.stdout ?? '', '/tmp/logs/agent.stdout.log', init.stdoutTruncated, init.stdoutTotalBytes),
    stderr: stream(init.stderr ?? '', '/tmp/logs/agent.stderr.log'),
    durationMs: 1234,
  };
}

export function makeAgent(overrides: Partial<AgentSpec> = {}): AgentSpec {
  return { name: 'tester', args: [], env: {}, passEnv: [], timeoutSec: 600, ...overrides };
}
