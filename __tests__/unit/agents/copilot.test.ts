// Copilot adapter: exact argv per mode and parsing of recorded `copilot --output-format json` events (from the real CLI).
import { describe, expect, it } from 'vitest';
import { copilotAdapter } from '../../../src/agents/copilot.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

const agent = makeAgent({ name: 'copilot-helper', cli: 'copilot' });
const parse = (init: Parameters<typeof makeProcessResult>[0]) =>
  copilotAdapter.parseOutput(makeProcessResult(init), agent);
const BASE = ['copilot', '--output-format', 'json', '--no-auto-update', '--no-ask-user', '--disable-client-telemetry'];

describe('copilotAdapter.buildInvocation', () => {
  it('denies file writes and shell commands in read-only mode', () => {
    expect(copilotAdapter.buildInvocation(agent, 'read-only').argv).toEqual([
      ...BASE,
      '--deny-tool=write',
      '--deny-tool=shell',
    ]);
  });

  it('allows file writes but not the shell or everything in write mode', () => {
    const { argv } = copilotAdapter.buildInvocation(agent, 'write');
    expect(argv).toEqual([...BASE, '--allow-tool=write', '--deny-tool=shell']);
    for (const wide of ['--allow-all-tools', '--allow-all', '--yolo', '--allow-all-paths'])
      expect(argv).not.toContain(wide);
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({ name: 'c', cli: 'copilot', model: 'gpt-5.4', args: ['--reasoning-effort', 'low'] });
    expect(copilotAdapter.buildInvocation(configured, 'read-only').argv).toEqual([
      ...BASE,
      '--deny-tool=write',
      '--deny-tool=shell',
      '--model',
      'gpt-5.4',
      '--reasoning-effort',
      'low',
    ]);
  });

  it('never puts the prompt on the command line: no -p, stdin carries it', () => {
    for (const mode of ['read-only', 'write'] as const) {
      const { argv } = copilotAdapter.buildInvocation(agent, mode);
      expect(argv).not.toContain('-p');
      expect(argv).not.toContain('--prompt');
      expect(argv).not.toContain('-i');
    }
  });

  it('turns auto-update off and passes only provider variables by prefix', () => {
    expect(copilotAdapter.buildInvocation(agent, 'write').env).toEqual({ COPILOT_AUTO_UPDATE: 'false' });
    expect(copilotAdapter.id).toBe('copilot');
    expect(copilotAdapter.binary).toBe('copilot');
    expect(copilotAdapter.installHint).toBe('npm install -g @github/copilot');
    expect(copilotAdapter.npm).toEqual({ name: '@github/copilot', defaultVersion: '1.0.102' });
    expect(copilotAdapter.envPrefixes).toEqual(['COPILOT_PROVIDER_', 'COPILOT_MODEL', 'COPILOT_OFFLINE']);
    // Neither the GitHub token nor the allow-everything switch matches a prefix.
    for (const name of ['COPILOT_GITHUB_TOKEN', 'COPILOT_ALLOW_ALL']) {
      expect(copilotAdapter.envPrefixes.some((prefix) => name.startsWith(prefix))).toBe(false);
    }
  });
});

describe('copilotAdapter.parseOutput', () => {
  const recorded = (name: string, exitCode: number) =>
    parse({ stdout: fixture(`copilot/${name}.stdout.txt`), stderr: fixture(`copilot/${name}.stderr.txt`), exitCode });

  it('reads the answer, turns, API time and model from recorded events', () => {
    expect(recorded('success-read-only', 0)).toEqual({
      ok: true,
      answer: 'FAKE-ANSWER 5f33e06390fb1826',
      usage: { apiDurationMs: 53, turns: 1 },
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

  it('reports a recorded 401 with the CLI message and where the credentials go', () => {
    const parsed = recorded('error-401', 1);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('copilot-helper failed (exit code 1)');
    expect(parsed.error).toContain('Authentication failed with provider');
    expect(parsed.error).toContain('COPILOT_GITHUB_TOKEN (agent pass-env)');
  });

  it.each([
    ['error-429', 'Last error: 429 Rate limit reached'],
    ['error-500', 'Last error: 500 The server had an error'],
    ['error-unreachable', 'Could not connect to local model provider'],
  ])('reports the recorded %s after copilot gave up retrying', (name, text) => {
    const parsed = recorded(name, 1);
    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining(text) as unknown });
  });

  it('fails on a session.error even when the process exits 0', () => {
    const stdout = fixture('copilot/error-500.stdout.txt').replace('"exitCode":1', '"exitCode":0');
    expect(parse({ stdout, exitCode: 0 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('exit code 0') as unknown,
    });
  });

  it('fails when the result event is missing, since the answer may be cut', () => {
    const stdout = fixture('copilot/success-read-only.stdout.txt')
      .split('\n')
      .filter((line) => !line.includes('"type":"result"'))
      .join('\n');
    expect(parse({ stdout })).toMatchObject({
      ok: false,
      error: expect.stringContaining('without its final "result" event') as unknown,
    });
  });

  it('fails on an answer without text', () => {
    const stdout = fixture('copilot/success-read-only.stdout.txt').replaceAll(
      '"content":"FAKE-ANSWER 5f33e06390fb1826"',
      '"content":""',
    );
    expect(parse({ stdout })).toMatchObject({ ok: false, error: expect.stringContaining('empty answer') as unknown });
  });

  it('keeps the last message with text, not an empty tool-request message after it', () => {
    const stdout = [
      '{"type":"assistant.message","data":{"content":"first note","toolRequests":[{}]}}',
      '{"type":"assistant.message","data":{"content":"the answer","toolRequests":[]}}',
      '{"type":"assistant.message","data":{"content":"","toolRequests":[{}]}}',
      '{"type":"result","exitCode":0,"usage":{"totalApiDurationMs":0}}',
    ].join('\n');
    expect(parse({ stdout })).toEqual({ ok: true, answer: 'the answer', usage: {} });
  });

  it('reports exit code and stderr when nothing parses, and refuses truncated output', () => {
    expect(parse({ stdout: '', stderr: "error: unknown option '--bogus'", exitCode: 1 })).toEqual({
      ok: false,
      error: "copilot-helper failed (exit code 1): last lines of stderr:\nerror: unknown option '--bogus'",
    });
    expect(parse({ stdout: 'not json' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not parse copilot JSON output') as unknown,
    });
    const truncated = parse({
      stdout: fixture('copilot/success-read-only.stdout.txt'),
      stdoutTruncated: true,
      stdoutTotalBytes: 20_000_000,
    });
    expect(truncated).toMatchObject({
      ok: false,
      error: expect.stringContaining('exceeded the in-memory output limit') as unknown,
    });
  });
});
