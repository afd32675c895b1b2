// Qwen adapter: exact argv per mode and parsing of recorded `qwen -o json` output (captured from the real CLI).
import { describe, expect, it } from 'vitest';
import { qwenAdapter, qwenWallTimeSec } from '../../../src/agents/qwen.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

const agent = makeAgent({ name: 'qwen-coder', cli: 'qwen', timeoutSec: 600 });
const parse = (init: Parameters<typeof makeProcessResult>[0]) =>
  qwenAdapter.parseOutput(makeProcessResult(init), agent);

describe('qwenAdapter.buildInvocation', () => {
  it('plans only in read-only mode, with a wall-clock budget below the timeout', () => {
    expect(qwenAdapter.buildInvocation(agent, 'read-only').argv).toEqual([
      'qwen',
      '-o',
      'json',
      '--safe-mode',
      '--approval-mode',
      'plan',
      '--max-wall-time',
      '540s',
    ]);
  });

  it('auto-approves edits, not everything, in write mode', () => {
    const { argv } = qwenAdapter.buildInvocation(agent, 'write');
    expect(argv).toEqual([
      'qwen',
      '-o',
      'json',
      '--safe-mode',
      '--approval-mode',
      'auto-edit',
      '--max-wall-time',
      '540s',
    ]);
    expect(argv).not.toContain('--yolo');
    expect(argv).not.toContain('yolo');
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({
      name: 'q',
      cli: 'qwen',
      model: 'qwen3-coder-plus',
      args: ['--max-session-turns', '8'],
      timeoutSec: 60,
    });
    expect(qwenAdapter.buildInvocation(configured, 'read-only').argv).toEqual([
      'qwen',
      '-o',
      'json',
      '--safe-mode',
      '--approval-mode',
      'plan',
      '--max-wall-time',
      '45s',
      '-m',
      'qwen3-coder-plus',
      '--max-session-turns',
      '8',
    ]);
  });

  it('never puts the prompt on the command line', () => {
    const { argv } = qwenAdapter.buildInvocation(makeAgent({ cli: 'qwen', model: 'm' }), 'write');
    expect(argv).not.toContain('-p');
    expect(argv).not.toContain('--prompt');
  });

  it('keeps a margin of at least 15 s or 10 % under the agent timeout', () => {
    expect(qwenWallTimeSec(600)).toBe(540);
    expect(qwenWallTimeSec(60)).toBe(45);
    expect(qwenWallTimeSec(10)).toBe(1);
  });

  it('turns usage statistics off and declares its install hint and env prefixes', () => {
    expect(qwenAdapter.buildInvocation(agent, 'write').env).toEqual({ QWEN_USAGE_STATISTICS_ENABLED: 'false' });
    expect(qwenAdapter.id).toBe('qwen');
    expect(qwenAdapter.binary).toBe('qwen');
    expect(qwenAdapter.installHint).toBe('npm install -g @qwen-code/qwen-code');
    expect(qwenAdapter.npm).toEqual({ name: '@qwen-code/qwen-code', defaultVersion: '0.24.4' });
    expect(qwenAdapter.envPrefixes).toEqual(['OPENAI_', 'QWEN_']);
  });
});

describe('qwenAdapter.parseOutput', () => {
  const recorded = (name: string, exitCode: number) =>
    parse({ stdout: fixture(`qwen/${name}.stdout.txt`), stderr: fixture(`qwen/${name}.stderr.txt`), exitCode });

  it('reads the answer, usage, turns and model from a recorded success', () => {
    expect(recorded('success-read-only', 0)).toEqual({
      ok: true,
      answer: 'FAKE-ANSWER 5f33e06390fb1826',
      usage: { inputTokens: 42, outputTokens: 7, cachedInputTokens: 0, apiDurationMs: 737, turns: 1 },
      model: 'fake-chat-model',
    });
  });

  it('answers after a recorded tool call, whether the call was refused (read-only) or ran (write)', () => {
    for (const name of ['write-denied-read-only', 'write-allowed-write']) {
      const parsed = recorded(name, 0);
      expect(parsed, name).toMatchObject({ ok: true, answer: 'FAKE-ANSWER 5f33e06390fb1826' });
      if (parsed.ok) expect(parsed.usage.turns, name).toBe(2);
    }
  });

  it('reports a recorded 401 with the API message and a key hint', () => {
    const parsed = recorded('error-401', 1);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('qwen-coder failed (exit code 1)');
    expect(parsed.error).toContain('result subtype "error_during_execution"');
    expect(parsed.error).toContain('[API Error: 401 Incorrect API key provided');
    expect(parsed.error).toContain('OPENAI_API_KEY');
  });

  it('treats is_error as failure even when qwen exits 0', () => {
    const parsed = recorded('error-401', 0);
    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining('exit code 0') as unknown });
    if (!parsed.ok) expect(parsed.error).toContain('401');
  });

  it('explains a recorded budget stop during 429 retries, with the last API error', () => {
    const parsed = recorded('error-429', 55);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('qwen-coder failed (exit code 55)');
    expect(parsed.error).toContain('--max-wall-time 540s');
    expect(parsed.error).toContain('wall-clock budget of 45s exceeded');
    expect(parsed.error).toContain(
      'last API error: Retrying in 60s (attempt 1/10): [API Error: 429 Rate limit reached',
    );
  });

  it('explains a recorded budget stop during silent 5xx retries', () => {
    const parsed = recorded('error-500', 55);
    expect(parsed).toMatchObject({
      ok: false,
      error: expect.stringContaining('kept retrying failed API calls') as unknown,
    });
  });

  it('fails on an empty result', () => {
    const stdout = fixture('qwen/success-read-only.stdout.txt').replace(
      '"result":"FAKE-ANSWER 5f33e06390fb1826"',
      '"result":""',
    );
    expect(parse({ stdout })).toMatchObject({ ok: false, error: expect.stringContaining('empty answer') as unknown });
  });

  it('does not trust a success result when the process exited non-zero', () => {
    const parsed = parse({
      stdout: fixture('qwen/success-read-only.stdout.txt'),
      stderr: 'Segmentation fault',
      exitCode: 139,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('exit code 139');
    expect(parsed.error).toContain('exited abnormally');
    expect(parsed.error).toContain('Segmentation fault');
    expect(parsed.error).not.toContain('FAKE-ANSWER');
  });

  it('says it could not parse garbage on exit 0, and reports stderr on a crash', () => {
    expect(parse({ stdout: 'Hello, not JSON' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not parse qwen JSON output') as unknown,
    });
    expect(parse({ stdout: '', stderr: 'Error: unknown option --bogus', exitCode: 1 })).toEqual({
      ok: false,
      error: 'qwen-coder failed (exit code 1): last lines of stderr:\nError: unknown option --bogus',
    });
  });

  it('refuses truncated output', () => {
    const parsed = parse({
      stdout: fixture('qwen/success-read-only.stdout.txt'),
      stdoutTruncated: true,
      stdoutTotalBytes: 20_000_000,
    });
    expect(parsed).toMatchObject({
      ok: false,
      error: expect.stringContaining('exceeded the in-memory output limit') as unknown,
    });
  });
});
