// Qwen adapter: exact argv per mode and parsing of recorded `qwen -o json` output (captured from the real CLI).
import { describe, expect, it } from 'vitest';
import { qwenAdapter, qwenWallTimeSec } from '../../../src/agents/qwen.js';
import { fixture, makeAgent, makeProcessResult } from './process-result.js';

const agent = makeAgent({ name: 'qwen-coder', cli: 'qwen', timeoutSec: 600 });
const parse = (init: Parameters<typeof makeProcessResult>[0]) => qwenAdapter.parseOutput(makeProcessResult(init), agent);

describe('qwenAdapter.buildInvocation', () => {
  it('plans only in read-only mode, with a wall-clock budget below the timeout', () => {
    expect(qwenAdapter.buildInvocation(agent, 'read-only').argv).toEqual([
      'qwen', '-o', 'json', '--bare', '--approval-mode', 'plan', '--max-wall-time', '540s',
    ]);
  });

  it('auto-approves edits, not everything, in write mode', () => {
    const { argv } = qwenAdapter.buildInvocation(agent, 'write');
    expect(argv).toEqual(['qwen', '-o', 'json', '--bare', '--approval-mode', 'auto-edit', '--max-wall-time', '540s']);
    expect(argv).not.toContain('--yolo');
    expect(argv).not.toContain('yolo');
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({ name: 'q', cli: 'qwen', model: 'qwen3-coder-plus', args: ['--max-session-turns', '8'], timeoutSec: 60 });
    expect(qwenAdapter.buildInvocation(configured, 'read-only').argv).toEqual([
      'qwen', '-o', 'json', '--bare', '--approval-mode', 'plan', '--max-wall-time', '45s', '-m', 'qwen3-coder-plus', '--max-session-turns', '8',
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
