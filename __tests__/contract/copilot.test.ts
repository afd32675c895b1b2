// Contract: the real GitHub Copilot CLI (pinned in __tests__/contract/clis) in BYOK offline mode, run through our adapter against a fake OpenAI Chat API.
import { describe, expect, it } from 'vitest';
import { expectedAnswer, unusedPort } from '../../__fixtures__/fake-models/common.js';
import { FAKE_CHAT_MODEL, lastUserMessage, sentUserTexts } from '../../__fixtures__/fake-models/openai-chat.js';
import type { AccessMode } from '../../src/agents/types.js';
import { expectWritesOnlyInWriteModeAndNoShell, useFakeChatServer } from './chat-cli.js';
import { captureFixture, deadProxyEnv, HOSTILE_PROMPT, printed, runRealCli, startProxyRecorder } from './harness.js';

// Copilot retries 429 and 5xx five times with backoff (about 30 s against the fake) before it gives up.
const TIMEOUT_SEC = 90;
// Start-up, and the SIGTERM-to-SIGKILL grace of the harness.
const GRACE_MS = 10_000;

const start = useFakeChatServer();

async function runCopilot(
  baseUrl: string,
  opts: { mode?: AccessMode; prompt?: string; workingDirectory?: string; proxyEnv?: Record<string, string> } = {},
) {
  return runRealCli({
    agent: {
      name: 'copilot-contract',
      cli: 'copilot',
      timeoutSec: TIMEOUT_SEC,
      env: {
        COPILOT_PROVIDER_BASE_URL: `${baseUrl}/v1`,
        COPILOT_PROVIDER_API_KEY: 'sk-fake-contract',
        COPILOT_MODEL: FAKE_CHAT_MODEL,
        // No GitHub sign-in, telemetry or update check: the fake is the only host it may talk to.
        COPILOT_OFFLINE: 'true',
        ...(opts.proxyEnv ?? deadProxyEnv(await unusedPort())),
      },
    },
    prompt: opts.prompt ?? HOSTILE_PROMPT,
    mode: opts.mode ?? 'read-only',
    ...(opts.workingDirectory ? { workingDirectory: opts.workingDirectory } : {}),
  });
}

describe('copilot against a fake OpenAI Chat Completions API', () => {
  it.each<AccessMode>(['read-only', 'write'])(
    'answers in %s mode with the prompt intact and usage parsed',
    async (mode) => {
      const fake = await start();
      const proxy = await startProxyRecorder();
      const { run } = await runCopilot(fake.url, { mode, proxyEnv: proxy.env }).finally(() => proxy.close());
      // Nothing but the fake: no telemetry, update check or registry call even tried to leave the machine.
      expect(proxy.attempts, printed(run)).toEqual([]);
      captureFixture(run, 'copilot', `success-${mode}`);
      expect(run.error).toBeUndefined();
      expect(run.status).toBe('success');
      expect(run.answer).toBe(expectedAnswer(HOSTILE_PROMPT));
      // Copilot prints no token counts on stdout: only turns and the API time.
      expect(run.usage).toMatchObject({ turns: 1 });
      expect(run.model).toBe(FAKE_CHAT_MODEL);
      expect(sentUserTexts(fake).some((text) => text.includes(HOSTILE_PROMPT))).toBe(true);
      // It prefixes the current date and time to the prompt; the fake removes exactly that.
      expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(lastUserMessage(fake.requests[0]?.body)).toBe(HOSTILE_PROMPT);
    },
  );

  it('cannot write a file or run a command in read-only mode; in write mode writes, but runs no command', async () => {
    await expectWritesOnlyInWriteModeAndNoShell({
      cli: 'copilot',
      start,
      run: (url, opts) => runCopilot(url, opts),
      writeCall: (path) => ({ name: 'create', arguments: { path, file_text: 'agent was here\n' } }),
      shellCall: (command) => ({ name: 'bash', arguments: { command, description: 'touch' } }),
    });
  });

  it.each([401, 429, 500])('turns HTTP %i into a clear failure within the timeout', async (status) => {
    const fake = await start();
    fake.failWith(status);
    const { run, wallMs } = await runCopilot(fake.url, { prompt: 'Say hi' });
    captureFixture(run, 'copilot', `error-${status}`);
    expect(run.status).toBe('failure');
    expect(run.error).toMatch(new RegExp(`copilot-contract failed .*${status}`, 's'));
    if (status === 401) expect(run.error).toContain('COPILOT_PROVIDER_API_KEY');
    expect(wallMs).toBeLessThan(TIMEOUT_SEC * 1000 + GRACE_MS);
  });

  it('turns an unreachable endpoint into a clear failure within the timeout', async () => {
    const port = await unusedPort();
    const { run, wallMs } = await runCopilot(`http://127.0.0.1:${port}`, { prompt: 'Say hi' });
    captureFixture(run, 'copilot', 'error-unreachable');
    expect(run.status).toBe('failure');
    expect(run.error).toContain('copilot-contract failed');
    expect(wallMs).toBeLessThan(TIMEOUT_SEC * 1000 + GRACE_MS);
  });
});
