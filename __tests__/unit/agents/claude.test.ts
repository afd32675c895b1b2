// Claude adapter: exact argv per mode and parsing of recorded `claude -p --output-format json` results.
import { describe, expect, it } from 'vitest';
import { claudeAdapter } from '../../../src/agents/claude.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

const agent = makeAgent({ name: 'claude-reviewer', cli: 'claude' });
const parse = (init: Parameters<typeof makeProcessResult>[0]) =>
  claudeAdapter.parseOutput(makeProcessResult(init), agent);

describe('claudeAdapter.buildInvocation', () => {
  it('denies editing and exec tools in read-only mode', () => {
    expect(claudeAdapter.buildInvocation(agent, 'read-only').argv).toEqual([
      'claude',
      '-p',
      '--disallowedTools',
      'Bash,Edit,Write,MultiEdit,NotebookEdit',
      '--output-format',
      'json',
    ]);
  });

  it('accepts edits in write mode without skipping permissions', () => {
    const { argv } = claudeAdapter.buildInvocation(agent, 'write');
    expect(argv).toEqual(['claude', '-p', '--permission-mode', 'acceptEdits', '--output-format', 'json']);
    expect(argv).not.toContain('--dangerously-skip-permissions');
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({ name: 'c', cli: 'claude', model: 'claude-opus-4-1', args: ['--max-turns', '8'] });
    expect(claudeAdapter.buildInvocation(configured, 'read-only').argv).toEqual([
      'claude',
      '-p',
      '--disallowedTools',
      'Bash,Edit,Write,MultiEdit,NotebookEdit',
      '--output-format',
      'json',
      '--model',
      'claude-opus-4-1',
      '--max-turns',
      '8',
    ]);
    expect(claudeAdapter.buildInvocation(configured, 'write').argv).toEqual([
      'claude',
      '-p',
      '--permission-mode',
      'acceptEdits',
      '--output-format',
      'json',
      '--model',
      'claude-opus-4-1',
      '--max-turns',
      '8',
    ]);
  });

  it('caps silent API retries and turns off non-essential traffic through the adapter env', () => {
    expect(claudeAdapter.buildInvocation(agent, 'write').env).toEqual({
      CLAUDE_CODE_MAX_RETRIES: '2',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
  });

  it('declares its install hint and env prefixes', () => {
    expect(claudeAdapter.id).toBe('claude');
    expect(claudeAdapter.binary).toBe('claude');
    expect(claudeAdapter.installHint).toBe('npm install -g @anthropic-ai/claude-code');
    expect(claudeAdapter.envPrefixes).toEqual(['ANTHROPIC_', 'CLAUDE_CODE_', 'CLAUDE_']);
  });
});

describe('claudeAdapter.parseOutput', () => {
  it('reads the answer, usage, cost and main model from a success result', () => {
    const parsed = parse({ stdout: fixture('claude/success.json') });
    expect(parsed).toEqual({
      ok: true,
      answer: expect.stringContaining('The crash comes from `parseConfig`') as unknown,
      usage: {
        inputTokens: 14 + 41872 + 6210,
        cachedInputTokens: 41872,
        outputTokens: 587,
        costUsd: 0.0523451,
        apiDurationMs: 18342,
        turns: 4,
      },
      model: 'claude-sonnet-4-5-20250929',
    });
    if (parsed.ok) expect(parsed.answer.endsWith('the issue is fixed.')).toBe(true);
  });

  it('finds the result entry when the CLI prints the whole message list', () => {
    const parsed = parse({ stdout: fixture('claude/verbose-array.json') });
    expect(parsed.ok && parsed.answer).toBe('Yes: the README documents the `labels` input.');
  });

  it('tolerates log lines around the JSON', () => {
    const parsed = parse({ stdout: `warning: something odd\n${fixture('claude/success.json')}\n` });
    expect(parsed.ok).toBe(true);
  });

  it('reports an API error with its status, message, exit code and a hint', () => {
    const parsed = parse({ stdout: fixture('claude/error-api-401.json'), exitCode: 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('claude-reviewer failed (exit code 1)');
    expect(parsed.error).toContain('API error status 401');
    expect(parsed.error).toContain('Invalid API key · Fix external API key');
    expect(parsed.error).toContain('ANTHROPIC_API_KEY');
    expect(parsed.usage).toMatchObject({ costUsd: 0, outputTokens: 0 });
  });

  it('treats is_error as failure even with subtype "success" and exit code 0', () => {
    const parsed = parse({ stdout: fixture('claude/error-rate-limit-exit0.json'), exitCode: 0 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('exit code 0');
    expect(parsed.error).toContain('API error status 429');
    expect(parsed.error).toContain('API Error: Rate limit reached');
  });

  it('reports an error subtype with its errors list and keeps the usage', () => {
    const parsed = parse({ stdout: fixture('claude/error-max-turns.json'), exitCode: 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('result subtype "error_max_turns"');
    expect(parsed.error).toContain('Reached maximum number of turns (10)');
    expect(parsed.usage?.costUsd).toBe(0.3120087);
  });

  it('fails on an empty result', () => {
    const parsed = parse({ stdout: fixture('claude/empty-result.json') });
    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining('empty answer') as unknown });
  });

  it('does not trust a success result when the process exited non-zero', () => {
    const parsed = parse({ stdout: fixture('claude/success.json'), stderr: 'MCP server "x" failed', exitCode: 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('exit code 1');
    expect(parsed.error).toContain('MCP server "x" failed');
  });

  it('says it could not parse garbage on exit 0, with the output tail', () => {
    const parsed = parse({ stdout: 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nHello, not JSON' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('could not parse claude JSON output');
    expect(parsed.error).toContain('Hello, not JSON');
    expect(parsed.error).not.toContain('line 2');
  });

  it('ignores JSON that is not a result', () => {
    const parsed = parse({ stdout: '{"hello":"world"}' });
    expect(parsed).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not parse claude JSON output') as unknown,
    });
  });

  it('reports exit code and stderr tail when nothing parses', () => {
    const parsed = parse({ stdout: '', stderr: 'Error: unknown option --bogus', exitCode: 1 });
    expect(parsed).toEqual({
      ok: false,
      error: 'claude-reviewer failed (exit code 1): last lines of stderr:\nError: unknown option --bogus',
    });
  });

  it('reports empty output', () => {
    const parsed = parse({ stdout: '', stderr: '' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('could not parse claude JSON output');
    expect(parsed.error).toContain('stdout and stderr were empty');
  });

  it('reports a signal when there is no exit code', () => {
    const parsed = parse({ stdout: '', exitCode: null, signal: 'SIGKILL' });
    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining('killed by signal SIGKILL') as unknown });
  });

  it('reads the result line of a stream-json stdout cut in the middle by the memory limit', () => {
    const init = JSON.stringify({ type: 'system', subtype: 'init', model: 'claude-sonnet-4-5' });
    const stdout = `${init}\n[… 9000000 bytes cut: full output in /tmp/logs/agent.stdout.log …]\n${fixture('claude/success.json').trim()}\n`;
    const parsed = parse({ stdout, stdoutTruncated: true, stdoutTotalBytes: 20_000_000 });
    expect(parsed).toMatchObject({ ok: true, answer: expect.stringContaining('parseConfig') as unknown });
    expect(parse({ stdout: `${init}\n[… cut …]\n{"type":"assistant","mess`, stdoutTruncated: true }).ok).toBe(false);
  });

  it('refuses truncated output and names the log file', () => {
    const parsed = parse({
      stdout: fixture('claude/success.json'),
      stdoutTruncated: true,
      stdoutTotalBytes: 20_000_000,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('exceeded the in-memory output limit');
    expect(parsed.error).toContain('/tmp/logs/agent.stdout.log');
    expect(parsed.error).toContain('claude-reviewer');
  });
});
