// Contract: the real opencode CLI (pinned in __tests__/contract/clis), with an OpenAI-compatible provider in OPENCODE_CONFIG_CONTENT, run through our adapter against a fake OpenAI Chat API.
import { describe, expect, it } from 'vitest';
import { expectedAnswer, FAKE_USAGE, unusedPort } from '../../__fixtures__/fake-models/common.js';
import { FAKE_CHAT_MODEL, sentUserTexts } from '../../__fixtures__/fake-models/openai-chat.js';
import type { AccessMode } from '../../src/agents/types.js';
import { expectWritesOnlyInWriteModeAndNoShell, useFakeChatServer } from './chat-cli.js';
import { captureFixture, deadProxyEnv, HOSTILE_PROMPT, printed, runRealCli, startProxyRecorder } from './harness.js';

// opencode retries 429 and 5xx with backoff (about 90 s against a fake that always fails) before it gives up.
const TIMEOUT_SEC = 150;
// Start-up, and the SIGTERM-to-SIGKILL grace of the harness.
const GRACE_MS = 10_000;

const start = useFakeChatServer();

/** An `@ai-sdk/openai-compatible` provider named `fake` (bundled in opencode: nothing is fetched from npm). */
function providerConfig(baseUrl: string): unknown {
  return {
    provider: {
      fake: {
        npm: '@ai-sdk/openai-compatible',
        name: 'Fake',
        options: { baseURL: `${baseUrl}/v1`, apiKey: 'sk-fake-contract' },
        models: { [FAKE_CHAT_MODEL]: { name: 'Fake chat model' } },
      },
    },
    model: `fake/${FAKE_CHAT_MODEL}`,
  };
}

async function runOpencode(
  baseUrl: string,
  opts: { mode?: AccessMode; prompt?: string; workingDirectory?: string; proxyEnv?: Record<string, string> } = {},
) {
  return runRealCli({
    agent: {
      name: 'opencode-contract',
      cli: 'opencode',
      timeoutSec: TIMEOUT_SEC,
      env: {
        OPENCODE_CONFIG_CONTENT: JSON.stringify(providerConfig(baseUrl)),
        ...(opts.proxyEnv ?? deadProxyEnv(await unusedPort())),
      },
    },
    prompt: opts.prompt ?? HOSTILE_PROMPT,
    mode: opts.mode ?? 'read-only',
    ...(opts.workingDirectory ? { workingDirectory: opts.workingDirectory } : {}),
  });
}

describe('opencode against a fake OpenAI Chat Completions API', () => {
  it.each<AccessMode>(['read-only', 'write'])(
    'answers in %s mode with the prompt intact and usage parsed',
    async (mode) => {
      const fake = await start();
      const proxy = await startProxyRecorder();
      const { run } = await runOpencode(fake.url, { mode, proxyEnv: proxy.env }).finally(() => proxy.close());
      // Nothing but the fake, except opencode's background install of @opencode-ai/plugin into its config
      // directory, which nothing turns off: refused here, it fails with a logged warning and the run goes on.
      expect(
        proxy.attempts.filter((host) => host !== 'registry.npmjs.org:443'),
        printed(run),
      ).toEqual([]);
      captureFixture(run, 'opencode', `success-${mode}`);
      expect(run.error).toBeUndefined();
      expect(run.status).toBe('success');
      expect(run.answer).toBe(expectedAnswer(HOSTILE_PROMPT));
      expect(run.usage).toEqual({
        inputTokens: FAKE_USAGE.inputTokens,
        cachedInputTokens: 0,
        outputTokens: FAKE_USAGE.outputTokens,
        costUsd: 0,
        costSource: 'reported',
        turns: 1,
      });
      expect(sentUserTexts(fake).some((text) => text.includes(HOSTILE_PROMPT))).toBe(true);
      // One call: the adapter's --title spares the session-title call; the prompt arrives unchanged.
      expect(fake.prompts).toEqual([HOSTILE_PROMPT]);
    },
  );

  it('cannot write a file or run a command in read-only mode; in write mode writes, but runs no command', async () => {
    await expectWritesOnlyInWriteModeAndNoShell({
      cli: 'opencode',
      start,
      run: (url, opts) => runOpencode(url, opts),
      writeCall: (path) => ({ name: 'write', arguments: { filePath: path, content: 'agent was here\n' } }),
      shellCall: (command) => ({ name: 'bash', arguments: { command, description: 'touch' } }),
    });
  });

  it.each([401, 429, 500])('turns HTTP %i into a clear failure within the timeout', async (status) => {
    const fake = await start();
    fake.failWith(status);
    const { run, wallMs } = await runOpencode(fake.url, { prompt: 'Say hi' });
    captureFixture(run, 'opencode', `error-${status}`);
    expect(run.status).toBe('failure');
    expect(run.error).toMatch(new RegExp(`opencode-contract failed .*${status}`, 's'));
    if (status === 401) expect(run.error).toContain('Incorrect API key');
    expect(wallMs).toBeLessThan(TIMEOUT_SEC * 1000 + GRACE_MS);
  });

  it('turns an unreachable endpoint into a clear failure within the timeout', async () => {
    const port = await unusedPort();
    const { run, wallMs } = await runOpencode(`http://127.0.0.1:${port}`, { prompt: 'Say hi' });
    captureFixture(run, 'opencode', 'error-unreachable');
    expect(run.status).toBe('failure');
    expect(run.error).toContain('opencode-contract failed');
    expect(wallMs).toBeLessThan(TIMEOUT_SEC * 1000 + GRACE_MS);
  });
});
