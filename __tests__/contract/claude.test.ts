// Contract: the real `claude` CLI (pinned in __tests__/contract/clis) through our adapter, against a fake Anthropic API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOOL_USE, startFakeAnthropic } from '../../__fixtures__/fake-models/anthropic.js';
import { expectedAnswer, FAKE_USAGE, type FakeModelServer, unusedPort } from '../../__fixtures__/fake-models/common.js';
import { claudeFakeEnv } from './fake-agents.js';
import { type CliRunResult, maxWallMs, runRealCli, TRICKY_PROMPT } from './harness.js';

const TIMEOUT_SEC = 30;

function claudeAgent(baseUrl: string) {
  return {
    name: 'claude',
    cli: 'claude',
    timeoutSec: TIMEOUT_SEC,
    env: claudeFakeEnv(baseUrl),
  };
}

describe('claude (real CLI) against a fake Anthropic API', () => {
  let api: FakeModelServer;
  beforeAll(async () => {
    api = await startFakeAnthropic();
  });
  afterAll(async () => {
    await api.close();
  });

  async function run(
    prompt: string,
    mode: 'read-only' | 'write' = 'read-only',
    workingDirectory?: string,
  ): Promise<CliRunResult> {
    api.failWith(undefined);
    return runRealCli({ agent: claudeAgent(api.url), prompt, mode, ...(workingDirectory ? { workingDirectory } : {}) });
  }

  it('answers with the model text and reports tokens, cost and turns', async () => {
    const before = api.requests.length;
    const result = await run('What is 2 + 2?');
    console.log(`claude success case: ${Math.round(result.wallMs)} ms`);
    expect(result.run.status, result.run.error).toBe('success');
    expect(result.run.answer).toBe(expectedAnswer('What is 2 + 2?'));
    expect(result.run.usage).toMatchObject({
      inputTokens: FAKE_USAGE.inputTokens,
      outputTokens: FAKE_USAGE.outputTokens,
      turns: 1,
    });
    expect(result.run.usage.costUsd).toBeGreaterThan(0);
    expect(result.proxied).toEqual([]);
    // Every call it made: one Messages request (no HEAD /, no model listing, no token counting in 2.1.332).
    expect(api.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/messages?beta=true']);
    expect(api.requests.at(-1)?.body).toMatchObject({ stream: true });
  });

  it('passes the prompt to the model byte for byte', async () => {
    const result = await run(TRICKY_PROMPT);
    expect(result.run.status, result.run.error).toBe('success');
    expect(api.prompts.at(-1)).toBe(TRICKY_PROMPT);
    expect(result.run.answer).toBe(expectedAnswer(TRICKY_PROMPT));
  });

  it('accepts the read-only flags and keeps the write tools away from the model', async () => {
    const result = await run('read-only please');
    expect(result.run.status, result.run.error).toBe('success');
    const tools = (api.requests.at(-1)?.body as { tools?: { name: string }[] }).tools?.map((t) => t.name) ?? [];
    expect(tools).toContain('Read');
    for (const denied of ['Bash', 'Edit', 'Write']) expect(tools).not.toContain(denied);
  });

  it('in write mode edits a file in the working directory when the model asks to', async () => {
    const first = await run('probe the working directory', 'write');
    expect(first.run.status, first.run.error).toBe('success');
    const target = join(first.workingDirectory, 'written-by-claude.txt');
    const prompt = `${FAKE_TOOL_USE}${JSON.stringify({ name: 'Write', input: { file_path: target, content: 'hello from the fake model\n' } })}\nWrite the file.`;
    const result = await run(prompt, 'write', first.workingDirectory);
    expect(result.run.status, result.run.error).toBe('success');
    expect(result.run.answer).toBe(expectedAnswer(prompt));
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('hello from the fake model\n');
    expect(result.run.usage.turns).toBe(2);
  });

  it('in read-only mode cannot write even when the model asks to', async () => {
    const first = await run('probe');
    const target = join(first.workingDirectory, 'must-not-exist.txt');
    const prompt = `${FAKE_TOOL_USE}${JSON.stringify({ name: 'Write', input: { file_path: target, content: 'x' } })}\nWrite the file.`;
    const result = await run(prompt, 'read-only', first.workingDirectory);
    expect(existsSync(target)).toBe(false);
    expect(result.run.status, result.run.error).toBe('success');
    expect(JSON.stringify(api.requests.at(-1)?.body)).toContain('No such tool available: Write');
  });

  it.each([
    [401, /API error status 401.*(Invalid API key|invalid x-api-key).*ANTHROPIC_API_KEY/s],
    [429, /API error status 429.*rate limit/is],
    [500, /API error status 500.*Internal server error/s],
  ])('HTTP %i becomes a clear agent failure within the timeout', async (status, message) => {
    api.failWith(status);
    const result = await runRealCli({ agent: claudeAgent(api.url), prompt: `fail with ${status}` });
    expect(result.run.status).toBe('failure');
    expect(result.run.error).toMatch(message);
    expect(result.wallMs).toBeLessThan(maxWallMs(TIMEOUT_SEC));
  });

  it('an unreachable API becomes a clear agent failure within the timeout', async () => {
    const port = await unusedPort();
    const result = await runRealCli({ agent: claudeAgent(`http://127.0.0.1:${port}`), prompt: 'anyone there?' });
    expect(result.run.status).toBe('failure');
    expect(result.run.error).toMatch(/Connection refused|ECONNREFUSED/);
    expect(result.wallMs).toBeLessThan(maxWallMs(TIMEOUT_SEC));
  });

  it('goes through the proxy, not around it, for any host but 127.0.0.1', async () => {
    const result = await runRealCli({ agent: claudeAgent('http://api.anthropic.invalid'), prompt: 'via the proxy' });
    expect(result.run.status).toBe('failure');
    expect(result.proxied).toEqual(['POST http://api.anthropic.invalid/v1/messages?beta=true']);
    expect(result.wallMs).toBeLessThan(maxWallMs(TIMEOUT_SEC));
  });
});
