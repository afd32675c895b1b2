// opencode adapter: exact argv and permissions per mode, parsing of recorded `opencode run --format json` events (from the real CLI).
import { describe, expect, it } from 'vitest';
import { opencodeAdapter } from '../../../src/agents/opencode.js';
import { fixture, makeAgent, makeProcessResult } from './process-result.js';

const agent = makeAgent({ name: 'opencode-dev', cli: 'opencode' });
const parse = (init: Parameters<typeof makeProcessResult>[0]) => opencodeAdapter.parseOutput(makeProcessResult(init), agent);

describe('opencodeAdapter.buildInvocation', () => {
  it('runs with JSON events and no message arguments', () => {
    expect(opencodeAdapter.buildInvocation(agent, 'read-only').argv).toEqual(['opencode', 'run', '--format', 'json']);
    expect(opencodeAdapter.buildInvocation(agent, 'write').argv).toEqual(['opencode', 'run', '--format', 'json']);
  });

  it('denies edits and bash in read-only mode, allows edits only in write mode', () => {
    const readOnly = opencodeAdapter.buildInvocation(agent, 'read-only').env;
    expect(JSON.parse(readOnly.OPENCODE_PERMISSION!)).toEqual({ edit: 'deny', bash: 'deny' });
    const write = opencodeAdapter.buildInvocation(agent, 'write').env;
    expect(JSON.parse(write.OPENCODE_PERMISSION!)).toEqual({ edit: 'allow', bash: 'deny' });
    expect(write).toMatchObject({ OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_MODELS_FETCH: '1' });
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({ name: 'o', cli: 'opencode', model: 'anthropic/claude-sonnet-4-5', args: ['--variant', 'high'] });
    expect(opencodeAdapter.buildInvocation(configured, 'write').argv).toEqual([
      'opencode', 'run', '--format', 'json', '--model', 'anthropic/claude-sonnet-4-5', '--variant', 'high',
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
