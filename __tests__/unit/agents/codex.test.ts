// Codex adapter: exact argv per mode and parsing of recorded `codex exec --json` event streams.
import { describe, expect, it } from 'vitest';
import { codexAdapter } from '../../../src/agents/codex.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

const agent = makeAgent({ name: 'codex-answer', cli: 'codex' });
const parse = (init: Parameters<typeof makeProcessResult>[0]) =>
  codexAdapter.parseOutput(makeProcessResult(init), agent);

describe('codexAdapter.buildInvocation', () => {
  it('runs in the read-only sandbox with no positional prompt', () => {
    expect(codexAdapter.buildInvocation(agent, 'read-only')).toEqual({
      argv: ['codex', 'exec', '--json', '--skip-git-repo-check', '-s', 'read-only'],
      env: {},
    });
  });

  it('runs in the workspace-write sandbox in write mode', () => {
    const { argv } = codexAdapter.buildInvocation(agent, 'write');
    expect(argv).toEqual(['codex', 'exec', '--json', '--skip-git-repo-check', '-s', 'workspace-write']);
    expect(argv).not.toContain('--full-auto');
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({
      name: 'x',
      cli: 'codex',
      model: 'gpt-5-codex',
      args: ['-c', 'model_reasoning_effort=high'],
    });
    expect(codexAdapter.buildInvocation(configured, 'read-only').argv).toEqual([
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-s',
      'read-only',
      '-m',
      'gpt-5-codex',
      '-c',
      'model_reasoning_effort=high',
    ]);
    expect(codexAdapter.buildInvocation(configured, 'write').argv).toEqual([
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-s',
      'workspace-write',
      '-m',
      'gpt-5-codex',
      '-c',
      'model_reasoning_effort=high',
    ]);
  });

  it('declares its install hint and env prefixes', () => {
    expect(codexAdapter.id).toBe('codex');
    expect(codexAdapter.binary).toBe('codex');
    expect(codexAdapter.installHint).toBe('npm install -g @openai/codex');
    expect(codexAdapter.envPrefixes).toEqual(['OPENAI_', 'CODEX_', 'AZURE_OPENAI_']);
  });
});

describe('codexAdapter.parseOutput', () => {
  it('reads the agent message and token usage', () => {
    expect(parse({ stdout: fixture('codex/success.jsonl') })).toEqual({
      ok: true,
      answer: 'CI only runs on `push`; add `pull_request` to the `on:` list so forks get checked too.',
      usage: { inputTokens: 24763, cachedInputTokens: 24448, outputTokens: 122 },
    });
  });

  it('takes the last of several agent messages and skips chatter and non-JSON lines', () => {
    const parsed = parse({
      stdout: fixture('codex/multiple-messages.jsonl'),
      stderr: 'Reading prompt from stdin...\n',
    });
    expect(parsed).toEqual({
      ok: true,
      answer:
        '`parseDate` builds dates in local time, so the test fails on runners outside UTC. Use `Date.UTC` instead.',
      usage: { inputTokens: 51230, cachedInputTokens: 40960, outputTokens: 903 },
    });
  });

  it('ignores transient reconnect errors when the turn completes', () => {
    const parsed = parse({ stdout: fixture('codex/reconnect-then-success.jsonl') });
    expect(parsed.ok && parsed.answer).toBe('The label must be `ai-orchestra`, not `ai orchestra`.');
  });

  it('reports error and turn.failed messages once, with the exit code', () => {
    const parsed = parse({ stdout: fixture('codex/error-401.jsonl'), exitCode: 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatch(/^codex-answer failed \(exit code 1\): unexpected status 401 Unauthorized/);
    expect(parsed.error.match(/unexpected status 401/g)).toHaveLength(1);
  });

  it('fails on turn.failed even when the exit code is 0', () => {
    const stdout = '{"type":"turn.started"}\n{"type":"turn.failed","error":{"message":"stream disconnected"}}\n';
    expect(parse({ stdout })).toMatchObject({
      ok: false,
      error: 'codex-answer failed (exit code 0): stream disconnected',
    });
  });

  it('fails when the turn completes without an agent message', () => {
    const parsed = parse({ stdout: fixture('codex/no-message.jsonl') });
    expect(parsed).toEqual({
      ok: false,
      error: 'codex-answer returned an empty answer (the turn completed without an agent message)',
      usage: { inputTokens: 8000, cachedInputTokens: 0, outputTokens: 12 },
    });
  });

  it('fails on a whitespace-only agent message', () => {
    const stdout =
      '{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"  \\n"}}\n{"type":"turn.completed","usage":{"input_tokens":1,"cached_input_tokens":0,"output_tokens":1}}\n';
    expect(parse({ stdout })).toMatchObject({ ok: false, error: expect.stringContaining('empty answer') as unknown });
  });

  it('says it could not parse garbage on exit 0', () => {
    const parsed = parse({ stdout: 'Usage: codex exec [OPTIONS] [PROMPT]\n' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('could not parse codex JSON output');
    expect(parsed.error).toContain('Usage: codex exec');
  });

  it('reports exit code and stderr tail when stdout is empty', () => {
    const parsed = parse({ stdout: '', stderr: "error: unexpected argument '--full-auto' found", exitCode: 2 });
    expect(parsed).toEqual({
      ok: false,
      error: "codex-answer failed (exit code 2): last lines of stderr:\nerror: unexpected argument '--full-auto' found",
    });
  });

  it('reports empty output', () => {
    expect(parse({ stdout: '' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not parse codex JSON output; stdout and stderr were empty') as unknown,
    });
  });

  it('refuses truncated output and names the log file', () => {
    const parsed = parse({ stdout: fixture('codex/success.jsonl'), stdoutTruncated: true });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('exceeded the in-memory output limit');
    expect(parsed.error).toContain('/tmp/logs/agent.stdout.log');
  });
});

describe('codexAdapter.describeTimeout', () => {
  it('names the reconnect loop codex 0.171 never leaves when the API is unreachable', () => {
    const result = makeProcessResult({ stdout: fixture('codex/v0.171-reconnecting.jsonl'), exitCode: null });
    expect(codexAdapter.describeTimeout?.(result)).toBe(
      'Reconnecting... waiting for network (Connection failed: error sending request)',
    );
  });

  it('says nothing when codex reported no error', () => {
    expect(
      codexAdapter.describeTimeout?.(makeProcessResult({ stdout: '{"type":"turn.started"}\n', exitCode: null })),
    ).toBeUndefined();
  });
});
