// Contract: the real `codex` CLI (pinned in __tests__/contract/clis) through our adapter, against a fake OpenAI Responses API.
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
import { startFakeOpenAiResponses } from '../../__fixtures__/fake-models/openai-responses.js';
import { codexFakeArgs, codexFakeEnv } from './fake-agents.js';
import { type CliRunResult, maxWallMs, runRealCli, TRICKY_PROMPT } from './harness.js';

const TIMEOUT_SEC = 30;
/** codex never gives up on an unreachable API: only our timeout ends it, so keep this one short. */
const UNREACHABLE_TIMEOUT_SEC = 8;

function codexAgent(baseUrl: string, timeoutSec = TIMEOUT_SEC) {
  return { name: 'codex', cli: 'codex', timeoutSec, args: codexFakeArgs(baseUrl), env: codexFakeEnv() };
}

/**
 * A prompt that makes the fake call codex's `exec` tool (JavaScript in codex's isolate, the way 0.171 offers
 * apply_patch and exec_command to the model) with `js`, then answer.
 */
function execToolPrompt(js: string): string {
  return `${FAKE_TOOL_USE}${JSON.stringify({ name: 'exec', input: js })}\nDo it.`;
}

function addFileJs(name: string, line: string): string {
  return `text(JSON.stringify(await tools.apply_patch(${JSON.stringify(`*** Begin Patch\n*** Add File: ${name}\n+${line}\n*** End Patch\n`)})));`;
}

/** What codex sent back to the model as the result of the scripted tool call. */
function toolOutput(api: FakeModelServer): string {
  const input = (api.requests.at(-1)?.body as { input?: { type: string; output?: unknown }[] }).input ?? [];
  return JSON.stringify(input.find((item) => item.type === 'custom_tool_call_output')?.output ?? null);
}

/** The developer instructions codex sends state the sandbox the CLI actually runs in. */
function sandboxModeSent(api: FakeModelServer): string | undefined {
  return /`sandbox_mode` is `([a-z-]+)`/.exec(JSON.stringify(api.requests.at(-1)?.body))?.[1];
}

describe('codex (real CLI) against a fake OpenAI Responses API', () => {
  let api: FakeModelServer;
  beforeAll(async () => {
    api = await startFakeOpenAiResponses();
  });
  afterAll(async () => {
    await api.close();
  });

  async function run(prompt: string, mode: 'read-only' | 'write' = 'read-only'): Promise<CliRunResult> {
    api.failWith(undefined);
    return runRealCli({ agent: codexAgent(api.url), prompt, mode });
  }

  it('answers with the model text and reports tokens', async () => {
    const before = api.requests.length;
    const result = await run('What is 2 + 2?');
    console.log(`codex success case: ${Math.round(result.wallMs)} ms`);
    expect(result.run.status, result.run.error).toBe('success');
    expect(result.run.answer).toBe(expectedAnswer('What is 2 + 2?'));
    expect(result.run.usage).toEqual({
      inputTokens: FAKE_USAGE.inputTokens,
      outputTokens: FAKE_USAGE.outputTokens,
      cachedInputTokens: 0,
    });
    expect(result.proxied).toEqual([]);
    expect(api.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/responses']);
    expect(api.requests.at(-1)?.body).toMatchObject({ stream: true });
    expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer sk-fake');
  });

  it('passes the prompt to the model byte for byte', async () => {
    const result = await run(TRICKY_PROMPT);
    expect(result.run.status, result.run.error).toBe('success');
    expect(api.prompts.at(-1)).toBe(TRICKY_PROMPT);
    expect(result.run.answer).toBe(expectedAnswer(TRICKY_PROMPT));
  });

  it.each([
    ['read-only', 'read-only'],
    ['write', 'workspace-write'],
  ] as const)('accepts the %s flags: the CLI runs in the %s sandbox', async (mode, sandbox) => {
    const result = await run(`mode ${mode}`, mode);
    expect(result.run.status, result.run.error).toBe('success');
    expect(sandboxModeSent(api)).toBe(sandbox);
  });

  it('in write mode edits a file in the working directory when the model asks to (apply_patch)', async () => {
    const prompt = execToolPrompt(addFileJs('written-by-codex.txt', 'hello from the fake model'));
    const result = await run(prompt, 'write');
    expect(result.run.status, result.run.error).toBe('success');
    expect(result.run.answer).toBe(expectedAnswer(prompt));
    expect(readFileSync(join(result.workingDirectory, 'written-by-codex.txt'), 'utf8')).toBe(
      'hello from the fake model\n',
    );
  });

  it('in read-only mode its sandbox refuses both a patch and a shell write', async () => {
    const patch = await run(execToolPrompt(addFileJs('must-not-exist.txt', 'x')));
    expect(patch.run.status, patch.run.error).toBe('success');
    expect(existsSync(join(patch.workingDirectory, 'must-not-exist.txt'))).toBe(false);
    expect(toolOutput(api)).toContain('patch rejected: writing is blocked by read-only sandbox');

    const shell = await run(
      execToolPrompt('text(JSON.stringify(await tools.exec_command({ cmd: "echo x > must-not-exist.txt" })));'),
    );
    expect(shell.run.status, shell.run.error).toBe('success');
    expect(existsSync(join(shell.workingDirectory, 'must-not-exist.txt'))).toBe(false);
    expect(toolOutput(api)).toContain('Read-only file system');
  });

  it.each([
    [401, /unexpected status 401 Unauthorized: Incorrect API key provided/],
    [429, /429 Too Many Requests/],
    // codex words a 500 as its own "high demand" notice, without the status.
    [500, /experiencing high demand|500/],
  ])('HTTP %i becomes a clear agent failure within the timeout', async (status, message) => {
    api.failWith(status);
    const result = await runRealCli({ agent: codexAgent(api.url), prompt: `fail with ${status}` });
    expect(result.run.status).toBe('failure');
    expect(result.run.error).toMatch(message);
    expect(result.wallMs).toBeLessThan(maxWallMs(TIMEOUT_SEC));
  });

  it('an unreachable API ends in our timeout, whose message names the reconnect loop', async () => {
    const port = await unusedPort();
    const result = await runRealCli({
      agent: codexAgent(`http://127.0.0.1:${port}`, UNREACHABLE_TIMEOUT_SEC),
      prompt: 'anyone there?',
    });
    expect(result.run.status).toBe('timeout');
    expect(result.run.error).toMatch(
      /^timed out after 8 s; .*Its last report: Reconnecting\.\.\. waiting for network \(Connection failed/,
    );
    expect(result.wallMs).toBeLessThan(maxWallMs(UNREACHABLE_TIMEOUT_SEC));
  });

  it('goes through the proxy, not around it, for any host but 127.0.0.1', async () => {
    const result = await runRealCli({ agent: codexAgent('http://api.openai.invalid'), prompt: 'via the proxy' });
    expect(result.run.status).toBe('failure');
    expect(result.run.error).toMatch(/403 Forbidden/);
    expect(result.proxied).toEqual(['POST http://api.openai.invalid/v1/responses']);
  });
});
