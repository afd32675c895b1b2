// Contract: the real Qwen Code CLI (pinned in __tests__/contract/clis), run through our adapter against a fake OpenAI Chat API.
import { describe, expect, it } from 'vitest';
import { expectedAnswer, FAKE_USAGE, unusedPort } from '../../__fixtures__/fake-models/common.js';
import { FAKE_CHAT_MODEL, lastUserMessage, sentUserTexts } from '../../__fixtures__/fake-models/openai-chat.js';
import type { AccessMode } from '../../src/agents/types.js';
import { expectWritesOnlyInWriteModeAndNoShell, useFakeChatServer } from './chat-cli.js';
import { captureFixture, deadProxyEnv, HOSTILE_PROMPT, printed, runRealCli, startProxyRecorder } from './harness.js';

// Short, so the --max-wall-time budget the adapter derives from it (timeout − 15 s) ends the retry tests soon.
const TIMEOUT_SEC = 30;
// Start-up, and the SIGTERM-to-SIGKILL grace of the harness.
const GRACE_MS = 10_000;

const start = useFakeChatServer();

async function runQwen(
  baseUrl: string,
  opts: { mode?: AccessMode; prompt?: string; workingDirectory?: string; proxyEnv?: Record<string, string> } = {},
) {
  return runRealCli({
    agent: {
      name: 'qwen-contract',
      cli: 'qwen',
      timeoutSec: TIMEOUT_SEC,
      env: {
        OPENAI_BASE_URL: `${baseUrl}/v1`,
        OPENAI_API_KEY: 'sk-fake-contract',
        OPENAI_MODEL: FAKE_CHAT_MODEL,
        ...(opts.proxyEnv ?? deadProxyEnv(await unusedPort())),
      },
    },
    prompt: opts.prompt ?? HOSTILE_PROMPT,
    mode: opts.mode ?? 'read-only',
    ...(opts.workingDirectory ? { workingDirectory: opts.workingDirectory } : {}),
  });
}

describe('qwen against a fake OpenAI Chat Completions API', () => {
  it.each<AccessMode>(['read-only', 'write'])(
    'answers in %s mode with the prompt intact and usage parsed',
    async (mode) => {
      const fake = await start();
      const proxy = await startProxyRecorder();
      const { run } = await runQwen(fake.url, { mode, proxyEnv: proxy.env }).finally(() => proxy.close());
      // Nothing but the fake: no telemetry, update check or registry call even tried to leave the machine.
      expect(proxy.attempts, printed(run)).toEqual([]);
      captureFixture(run, 'qwen', `success-${mode}`);
      expect(run.error).toBeUndefined();
      expect(run.status).toBe('success');
      expect(run.answer).toBe(expectedAnswer(HOSTILE_PROMPT));
      expect(run.usage).toMatchObject({
        inputTokens: FAKE_USAGE.inputTokens,
        outputTokens: FAKE_USAGE.outputTokens,
        turns: 1,
      });
      expect(run.model).toBe(FAKE_CHAT_MODEL);
      expect(sentUserTexts(fake).some((text) => text.includes(HOSTILE_PROMPT))).toBe(true);
      // --safe-mode: one model call, no background memory extraction.
      expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(lastUserMessage(fake.requests[0]?.body)).toBe(HOSTILE_PROMPT);
    },
  );

  it('cannot write a file or run a command in read-only mode; in write mode writes, but runs no command', async () => {
    await expectWritesOnlyInWriteModeAndNoShell({
      cli: 'qwen',
      start,
      run: (url, opts) => runQwen(url, opts),
      writeCall: (path) => ({ name: 'write_file', arguments: { file_path: path, content: 'agent was here\n' } }),
      shellCall: (command) => ({ name: 'run_shell_command', arguments: { command, description: 'touch' } }),
    });
  });

  it.each([401, 429, 500])('turns HTTP %i into a clear failure within the timeout', async (status) => {
    const fake = await start();
    fake.failWith(status);
    const { run, wallMs } = await runQwen(fake.url, { prompt: 'Say hi' });
    captureFixture(run, 'qwen', `error-${status}`);
    expect(run.status).toBe('failure');
    expect(run.error).toContain('qwen-contract failed');
    // qwen names the status of a 401 and of rate-limit retries; 5xx retries end at the budget, unprinted.
    if (status === 500) expect(run.error).toContain('run budget');
    else expect(run.error).toContain(String(status));
    if (status === 401) expect(run.error).toContain('OPENAI_API_KEY');
    expect(wallMs).toBeLessThan(TIMEOUT_SEC * 1000 + GRACE_MS);
  });

  it('turns an unreachable endpoint into a clear failure within the timeout', async () => {
    const port = await unusedPort();
    const { run, wallMs } = await runQwen(`http://127.0.0.1:${port}`, { prompt: 'Say hi' });
    captureFixture(run, 'qwen', 'error-unreachable');
    expect(run.status).toBe('failure');
    expect(run.error).toContain('qwen-contract failed');
    expect(run.error).toContain('run budget');
    expect(wallMs).toBeLessThan(TIMEOUT_SEC * 1000 + GRACE_MS);
  });
});
