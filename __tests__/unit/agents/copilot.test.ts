// Copilot adapter: exact argv per mode and parsing of recorded `copilot --output-format json` events (from the real CLI).
import { describe, expect, it } from 'vitest';
import { copilotAdapter } from '../../../src/agents/copilot.js';
import { fixture, makeAgent, makeProcessResult } from './process-result.js';

const agent = makeAgent({ name: 'copilot-helper', cli: 'copilot' });
const parse = (init: Parameters<typeof makeProcessResult>[0]) => copilotAdapter.parseOutput(makeProcessResult(init), agent);
const BASE = ['copilot', '--output-format', 'json', '--no-auto-update', '--no-ask-user', '--disable-client-telemetry'];

describe('copilotAdapter.buildInvocation', () => {
  it('denies file writes and shell commands in read-only mode', () => {
    expect(copilotAdapter.buildInvocation(agent, 'read-only').argv).toEqual([...BASE, '--deny-tool=write', '--deny-tool=shell']);
  });

  it('allows file writes but not the shell or everything in write mode', () => {
    const { argv } = copilotAdapter.buildInvocation(agent, 'write');
    expect(argv).toEqual([...BASE, '--allow-tool=write', '--deny-tool=shell']);
    for (const wide of ['--allow-all-tools', '--allow-all', '--yolo', '--allow-all-paths']) expect(argv).not.toContain(wide);
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({ name: 'c', cli: 'copilot', model: 'gpt-5.4', args: ['--reasoning-effort', 'low'] });
    expect(copilotAdapter.buildInvocation(configured, 'read-only').argv).toEqual([
      ...BASE, '--deny-tool=write', '--deny-tool=shell', '--model', 'gpt-5.4', '--reasoning-effort', 'low',
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
