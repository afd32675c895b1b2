// Generic command adapter: argv from config and stdout as the answer.
import { describe, expect, it } from 'vitest';
import { commandAdapter } from '../../../src/agents/command.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

const agent = makeAgent({ name: 'local-llm', command: ['python3', 'agent.py', '--stdin'] });
const parse = (init: Parameters<typeof makeProcessResult>[0]) =>
  commandAdapter.parseOutput(makeProcessResult(init), agent);

describe('commandAdapter.buildInvocation', () => {
  it('runs the command followed by the args, the same in both modes', () => {
    const configured = makeAgent({
      name: 'x',
      command: ['my-agent', '--quiet'],
      args: ['--model', 'small'],
      model: 'ignored',
    });
    const expected = { argv: ['my-agent', '--quiet', '--model', 'small'], env: {} };
    expect(commandAdapter.buildInvocation(configured, 'read-only')).toEqual(expected);
    expect(commandAdapter.buildInvocation(configured, 'write')).toEqual(expected);
  });

  it('copies the command instead of aliasing the config array', () => {
    const { argv } = commandAdapter.buildInvocation(agent, 'read-only');
    argv.push('extra');
    expect(agent.command).toEqual(['python3', 'agent.py', '--stdin']);
  });

  it('throws, naming the agent, when there is no command', () => {
    expect(() => commandAdapter.buildInvocation(makeAgent({ name: 'broken' }), 'read-only')).toThrow(
      /"broken" has no command/,
    );
    expect(() => commandAdapter.buildInvocation(makeAgent({ name: 'blank', command: [''] }), 'read-only')).toThrow(
      /"blank"/,
    );
  });

  it('declares its install hint and no env prefixes', () => {
    expect(commandAdapter.id).toBe('command');
    expect(commandAdapter.installHint).toContain("on the runner's PATH");
    expect(commandAdapter.envPrefixes).toEqual([]);
  });
});

describe('commandAdapter.parseOutput', () => {
  it('returns trimmed stdout as the answer', () => {
    expect(parse({ stdout: fixture('command/success.txt') })).toEqual({
      ok: true,
      answer: 'The answer is on stdout.\nIt may span several lines.',
      usage: {},
    });
  });

  it('reports a non-zero exit with the exit code and the stderr tail', () => {
    const parsed = parse({ stdout: 'partial', stderr: fixture('command/error.stderr.txt'), exitCode: 3 });
    expect(parsed).toEqual({
      ok: false,
      error:
        'local-llm failed (exit code 3): last lines of stderr:\n' +
        'my-agent: connecting to http://localhost:8080\nmy-agent: retry 1\nmy-agent: retry 2\nmy-agent: retry 3\n' +
        'error: connection refused (is the model server running?)',
    });
  });

  it('fails with "no answer on stdout" when stdout is blank', () => {
    expect(parse({ stdout: '  \n\n' })).toEqual({
      ok: false,
      error: 'local-llm: no answer on stdout (exit code 0); stdout and stderr were empty',
    });
  });

  it('refuses truncated output and names the log file', () => {
    const parsed = parse({ stdout: 'a'.repeat(100), stdoutTruncated: true, stdoutTotalBytes: 64_000_000 });
    expect(parsed).toEqual({
      ok: false,
      error:
        'local-llm produced 64000000 bytes on stdout, which exceeded the in-memory output limit, so its answer could not be read; ' +
        'the full output is in /tmp/logs/agent.stdout.log',
    });
  });
});
