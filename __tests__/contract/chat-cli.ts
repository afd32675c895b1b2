// What the contract tests of the CLIs on the fake Chat Completions API (copilot, qwen, opencode) share: the fake's
// lifecycle, and the permission contract each must keep (the fake model asks for a file write or a shell command,
// and the real CLI decides what runs).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { FakeModelServer } from '../../__fixtures__/fake-models/common.js';
import {
  type OpenAiChatOptions,
  type ScriptedToolCall,
  startOpenAiChatServer,
  toolResults,
} from '../../__fixtures__/fake-models/openai-chat.js';
import type { AccessMode } from '../../src/agents/types.js';
import { type CliRunResult, captureFixture, printed } from './harness.js';

/** Call at the top of a test file: `start` runs a fake Chat Completions API, closed after each test. */
export function useFakeChatServer(): (opts?: OpenAiChatOptions) => Promise<FakeModelServer> {
  let server: FakeModelServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async (opts = {}) => {
    // A test may start another after closing the first (one tool call each): only the latest is still open.
    await server?.close();
    server = await startOpenAiChatServer({ lifetimeMs: 180_000, ...opts });
    return server;
  };
}

export interface ChatPermissionProbe {
  cli: string;
  /** Starts the fake with a scripted tool call (the test file closes the one before). */
  start(opts: { toolCall: ScriptedToolCall }): Promise<FakeModelServer>;
  run(url: string, opts: { mode: AccessMode; workingDirectory: string }): Promise<CliRunResult>;
  /** The CLI's own file-writing tool call for `path`. */
  writeCall(path: string): ScriptedToolCall;
  /** Its shell tool call running `command`. */
  shellCall(command: string): ScriptedToolCall;
}

/** Read-only writes nothing and runs nothing; write mode writes, and still runs no command (as claude's acceptEdits). */
export async function expectWritesOnlyInWriteModeAndNoShell(probe: ChatPermissionProbe): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), `ai-orchestra-${probe.cli}-work-`));
  const target = join(work, 'written-by-agent.txt');
  const marker = join(work, 'shell-ran');
  const attempt = async (toolCall: ScriptedToolCall, mode: AccessMode, fixture?: string): Promise<void> => {
    const server = await probe.start({ toolCall });
    try {
      const { run } = await probe.run(server.url, { mode, workingDirectory: work });
      expect(run.status, printed(run)).toBe('success');
      // The call was made and answered (with a refusal or a result), not ignored.
      expect(toolResults(server).length, printed(run)).toBeGreaterThan(0);
      if (fixture) captureFixture(run, probe.cli, fixture);
    } finally {
      await server.close();
    }
  };

  await attempt(probe.writeCall(target), 'read-only', 'write-denied-read-only');
  expect(existsSync(target)).toBe(false);
  await attempt(probe.shellCall(`touch ${marker}`), 'read-only');
  expect(existsSync(marker)).toBe(false);
  await attempt(probe.shellCall(`touch ${marker}`), 'write');
  expect(existsSync(marker)).toBe(false);
  await attempt(probe.writeCall(target), 'write', 'write-allowed-write');
  expect(existsSync(target)).toBe(true);
}
