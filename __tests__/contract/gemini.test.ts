// Contract: the real `gemini` CLI (pinned in __tests__/contract/clis) through our adapter, against a fake Gemini API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedAnswer,
  FAKE_TOOL_USE,
  FAKE_USAGE,
  type FakeModelServer,
  unusedPort,
} from '../../__fixtures__/fake-models/common.js';
import { startFakeGemini } from '../../__fixtures__/fake-models/gemini.js';
import { GEMINI_TEST_MODEL, geminiFakeEnv, geminiHome } from './fake-agents.js';
import { type CliRunResult, maxWallMs, runRealCli, TRICKY_PROMPT } from './harness.js';

const TIMEOUT_SEC = 30;

function geminiAgent(baseUrl: string) {
  return {
    name: 'gemini',
    cli: 'gemini',
    model: GEMINI_TEST_MODEL,
    timeoutSec: TIMEOUT_SEC,
    env: geminiFakeEnv(baseUrl),
  };
}

/** The function names gemini offered the model in its last request. */
function toolsOffered(api: FakeModelServer): string[] {
  const body = api.requests.at(-1)?.body as { tools?: { functionDeclarations?: { name: string }[] }[] } | undefined;
  return (body?.tools ?? []).flatMap((t) => t.functionDeclarations ?? []).map((f) => f.name);
}

describe('gemini (real CLI) against a fake Gemini API', () => {
  let api: FakeModelServer;
  beforeAll(async () => {
    api = await startFakeGemini();
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
    return runRealCli({
      agent: geminiAgent(api.url),
      prompt,
      mode,
      home: geminiHome(),
      ...(workingDirectory ? { workingDirectory } : {}),
    });
  }

  it('answers with the model text and reports tokens and the model', async () => {
    const before = api.requests.length;
    const result = await run('What is 2 + 2?');
    console.log(`gemini success case: ${Math.round(result.wallMs)} ms`);
    expect(result.run.status, result.run.error).toBe('success');
    expect(result.run.answer).toBe(expectedAnswer('What is 2 + 2?'));
    expect(result.run.usage).toMatchObject({
      inputTokens: FAKE_USAGE.inputTokens,
      outputTokens: FAKE_USAGE.outputTokens,
      cachedInputTokens: 0,
    });
    expect(result.run.model).toBe(GEMINI_TEST_MODEL);
    expect(result.proxied).toEqual([]);
    expect(api.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v1beta/models/${GEMINI_TEST_MODEL}:streamGenerateContent?alt=sse`,
    ]);
  });

  it('passes the prompt to the model byte for byte (no @file or !shell expansion)', async () => {
    const result = await run(TRICKY_PROMPT);
    expect(result.run.status, result.run.error).toBe('success');
    expect(api.prompts.at(-1)).toBe(TRICKY_PROMPT);
    expect(result.run.answer).toBe(expectedAnswer(TRICKY_PROMPT));
  });

  it('accepts the read-only flags and offers the model no tool that edits or runs anything', async () => {
    const result = await run('read-only please');
    expect(result.run.status, result.run.error).toBe('success');
    const tools = toolsOffered(api);
    expect(tools).toContain('read_file');
    for (const denied of ['write_file', 'replace', 'run_shell_command']) expect(tools).not.toContain(denied);
  });

  it('in write mode edits a file in the working directory when the model asks to', async () => {
    const first = await run('probe the working directory', 'write');
    expect(first.run.status, first.run.error).toBe('success');
    expect(toolsOffered(api)).toContain('write_file');
    const target = join(first.workingDirectory, 'written-by-gemini.txt');
    const prompt = `${FAKE_TOOL_USE}${JSON.stringify({ name: 'write_file', input: { file_path: target, content: 'hello from the fake model\n' } })}\nWrite the file.`;
    const result = await run(prompt, 'write', first.workingDirectory);
    expect(result.run.status, result.run.error).toBe('success');
    expect(result.run.answer).toBe(expectedAnswer(prompt));
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('hello from the fake model\n');
  });

  it('in read-only mode cannot write even when the model asks to', async () => {
    const first = await run('probe');
    const target = join(first.workingDirectory, 'must-not-exist.txt');
    const prompt = `${FAKE_TOOL_USE}${JSON.stringify({ name: 'write_file', input: { file_path: target, content: 'x' } })}\nWrite the file.`;
    const result = await run(prompt, 'read-only', first.workingDirectory);
    expect(existsSync(target)).toBe(false);
    expect(result.run.status, result.run.error).toBe('success');
    expect(JSON.stringify(api.requests.at(-1)?.body)).toMatch(
      /"functionResponse":\{"name":"write_file","response":\{"error":"Tool \\"write_file\\" not found/,
    );
  });

  it.each([
    [
      401,
      /exit code 145\): API key not valid\. Please pass a valid API key\. \(UNAUTHENTICATED 401\); check GEMINI_API_KEY/,
    ],
    [429, /exit code 173\): You exceeded your current quota.*\(429\)/s],
    [500, /exit code 244\): An internal error has occurred.*\(INTERNAL 500\)/s],
  ])('HTTP %i becomes a clear agent failure within the timeout (with maxAttempts 1)', async (status, message) => {
    api.failWith(status);
    const result = await runRealCli({
      agent: geminiAgent(api.url),
      prompt: `fail with ${status}`,
      home: geminiHome({ maxAttempts: 1 }),
    });
    expect(result.run.status).toBe('failure');
    expect(result.run.error).toMatch(message);
    expect(result.wallMs).toBeLessThan(maxWallMs(TIMEOUT_SEC));
  });

  it('an unreachable API becomes a clear agent failure within the timeout', async () => {
    const port = await unusedPort();
    const result = await runRealCli({
      agent: geminiAgent(`http://127.0.0.1:${port}`),
      prompt: 'anyone there?',
      home: geminiHome({ maxAttempts: 1 }),
    });
    expect(result.run.status).toBe('failure');
    expect(result.run.error).toMatch(/fetch failed.*the Gemini API could not be reached/s);
    expect(result.wallMs).toBeLessThan(maxWallMs(TIMEOUT_SEC));
  });

  it('with its default retries a 429 ends in our timeout, whose message names the last failed attempt', async () => {
    api.failWith(429);
    const agent = { ...geminiAgent(api.url), timeoutSec: 10 };
    const result = await runRealCli({ agent, prompt: 'keep failing', home: geminiHome(), killGraceMs: 1_000 });
    expect(result.run.status).toBe('timeout');
    expect(result.run.error).toMatch(
      /^timed out after 10 s; .*Its last report: Attempt \d failed: You exceeded your current quota/,
    );
    expect(result.wallMs).toBeLessThan(maxWallMs(10, 1_000));
  });

  it('with a custom base URL and no auth type in settings.json, fails at once and says what to set', async () => {
    const result = await runRealCli({ agent: geminiAgent(api.url), prompt: 'no settings' });
    expect(result.run.status).toBe('failure');
    expect(result.run.exitCode).toBe(41);
    expect(result.run.error).toMatch(/Invalid auth method selected.*selectedType.*gemini-api-key/s);
  });

  it('needs the GEMINI_CLI_TRUST_WORKSPACE=true the adapter sets: without it, exit 55 and an explanation', async () => {
    const agent = { ...geminiAgent(api.url), env: { ...geminiFakeEnv(api.url), GEMINI_CLI_TRUST_WORKSPACE: 'false' } };
    const result = await runRealCli({ agent, prompt: 'untrusted', home: geminiHome() });
    expect(result.run.status).toBe('failure');
    expect(result.run.exitCode).toBe(55);
    expect(result.run.error).toContain('does not trust the workspace folder');
  });

  it('goes through the proxy, not around it, for any host but 127.0.0.1', async () => {
    const result = await runRealCli({
      agent: geminiAgent('http://generativelanguage.invalid'),
      prompt: 'via the proxy',
      home: geminiHome({ maxAttempts: 1 }),
    });
    expect(result.run.status).toBe('failure');
    expect(result.proxied).toEqual(['CONNECT generativelanguage.invalid:80']);
  });
});
