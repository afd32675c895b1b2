// opencode adapter: exact argv and permissions per mode, parsing of recorded `opencode run --format json` events (from the real CLI).
import { describe, expect, it } from 'vitest';
import { opencodeAdapter } from '../../../src/agents/opencode.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

const agent = makeAgent({ name: 'opencode-dev', cli: 'opencode' });
const parse = (init: Parameters<typeof makeProcessResult>[0]) =>
  opencodeAdapter.parseOutput(makeProcessResult(init), agent);

describe('opencodeAdapter.buildInvocation', () => {
  it('runs with JSON events, a fixed session title and no message arguments', () => {
    expect(opencodeAdapter.buildInvocation(agent, 'read-only').argv).toEqual([
      'opencode',
      'run',
      '--format',
      'json',
      '--title',
      'ai-orchestra',
    ]);
    expect(opencodeAdapter.buildInvocation(agent, 'write').argv).toEqual([
      'opencode',
      'run',
      '--format',
      'json',
      '--title',
      'ai-orchestra',
    ]);
  });

  it('denies edits and bash in read-only mode, allows edits only in write mode', () => {
    const readOnly = opencodeAdapter.buildInvocation(agent, 'read-only').env;
    expect(JSON.parse(readOnly.OPENCODE_PERMISSION!)).toEqual({ edit: 'deny', bash: 'deny' });
    const write = opencodeAdapter.buildInvocation(agent, 'write').env;
    expect(JSON.parse(write.OPENCODE_PERMISSION!)).toEqual({ edit: 'allow', bash: 'deny' });
    expect(write).toMatchObject({ OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_MODELS_FETCH: '1' });
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({
      name: 'o',
      cli: 'opencode',
      model: 'anthropic/claude-sonnet-4-5',
      args: ['--variant', 'high'],
    });
    expect(opencodeAdapter.buildInvocation(configured, 'write').argv).toEqual([
      'opencode',
      'run',
      '--format',
      'json',
      '--title',
      'ai-orchestra',
      '--model',
      'anthropic/claude-sonnet-4-5',
      '--variant',
      'high',
    ]);
  });

  it('declares its install hint and env prefixes', () => {
    expect(opencodeAdapter.id).toBe('opencode');
    expect(opencodeAdapter.binary).toBe('opencode');
    expect(opencodeAdapter.installHint).toBe('npm install -g opencode-ai');
    expect(opencodeAdapter.npm).toEqual({ name: 'opencode-ai', defaultVersion: '1.18.33' });
    expect(opencodeAdapter.envPrefixes).toEqual(['OPENCODE_']);
  });
});

describe('opencodeAdapter.parseOutput', () => {
  const recorded = (name: string, exitCode: number) =>
    parse({ stdout: fixture(`opencode/${name}.stdout.txt`), stderr: fixture(`opencode/${name}.stderr.txt`), exitCode });

  it('reads the answer, tokens, cost and steps from recorded events', () => {
    expect(recorded('success-read-only', 0)).toEqual({
      ok: true,
      answer: 'FAKE-ANSWER 5f33e06390fb1826',
      usage: { inputTokens: 42, cachedInputTokens: 0, outputTokens: 7, costUsd: 0, turns: 1 },
    });
  });

  it('answers after a recorded tool call, whether the call was refused (read-only) or ran (write)', () => {
    for (const name of ['write-denied-read-only', 'write-allowed-write']) {
      const parsed = recorded(name, 0);
      expect(parsed, name).toMatchObject({ ok: true, answer: 'FAKE-ANSWER 5f33e06390fb1826' });
      if (parsed.ok) expect(parsed.usage.turns, name).toBe(2);
    }
  });

  it('reports a recorded 401 with the API message, status and a key hint', () => {
    const parsed = recorded('error-401', 1);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('opencode-dev failed (exit code 1)');
    expect(parsed.error).toContain('Incorrect API key provided');
    expect(parsed.error).toContain('(APIError, HTTP 401)');
    expect(parsed.error).toContain('pass-env');
  });

  it.each([
    ['error-429', 'Rate limit reached for requests. Please try again in 1s. (APIError, HTTP 429)'],
    ['error-500', 'The server had an error while processing your request. Sorry about that! (APIError, HTTP 500)'],
    ['error-unreachable', 'Cannot connect to API: Unable to connect'],
  ])('reports the recorded %s after opencode gave up retrying', (name, text) => {
    expect(recorded(name, 1)).toMatchObject({ ok: false, error: expect.stringContaining(text) as unknown });
  });

  it('fails on an error event even when the process exits 0', () => {
    expect(recorded('error-500', 0)).toMatchObject({
      ok: false,
      error: expect.stringContaining('exit code 0') as unknown,
    });
  });

  it('answers with the text of the last step that had text, summing every step’s tokens', () => {
    const step = (text: string | undefined, input: number) =>
      [
        '{"type":"step_start","part":{"type":"step-start"}}',
        ...(text === undefined
          ? ['{"type":"tool_use","part":{"type":"tool","tool":"read"}}']
          : [`{"type":"text","part":{"type":"text","text":${JSON.stringify(text)}}}`]),
        `{"type":"step_finish","part":{"type":"step-finish","tokens":{"input":${input},"output":5,"reasoning":2,"cache":{"read":10,"write":1}},"cost":0.001}}`,
      ].join('\n');
    const parsed = parse({
      stdout: [step('Let me look at the file first.', 100), step(undefined, 200), step('The answer.', 300)].join('\n'),
    });
    expect(parsed).toEqual({
      ok: true,
      answer: 'The answer.',
      usage: { inputTokens: 600 + 33, cachedInputTokens: 30, outputTokens: 21, costUsd: 0.003, turns: 3 },
    });
  });

  it('fails on steps without text', () => {
    const stdout = fixture('opencode/success-read-only.stdout.txt')
      .split('\n')
      .filter((line) => !line.includes('"type":"text"'))
      .join('\n');
    expect(parse({ stdout })).toMatchObject({
      ok: false,
      error: expect.stringContaining('its steps finished without text') as unknown,
    });
  });

  it('reports exit code and stderr when nothing parses, and refuses truncated output', () => {
    expect(parse({ stdout: '', stderr: 'Error: Model not found: fake/nope', exitCode: 1 })).toEqual({
      ok: false,
      error: 'opencode-dev failed (exit code 1): last lines of stderr:\nError: Model not found: fake/nope',
    });
    expect(parse({ stdout: 'not json' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not parse opencode JSON output') as unknown,
    });
    const truncated = parse({
      stdout: fixture('opencode/success-read-only.stdout.txt'),
      stdoutTruncated: true,
      stdoutTotalBytes: 20_000_000,
    });
    expect(truncated).toMatchObject({
      ok: false,
      error: expect.stringContaining('exceeded the in-memory output limit') as unknown,
    });
  });
});
