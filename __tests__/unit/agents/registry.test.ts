// Adapter lookup by agent config, and the stdin-only prompt rule for every built-in.
import { describe, expect, it } from 'vitest';
import { claudeAdapter } from '../../../src/agents/claude.js';
import { codexAdapter } from '../../../src/agents/codex.js';
import { copilotAdapter } from '../../../src/agents/copilot.js';
import { geminiAdapter } from '../../../src/agents/gemini.js';
import { opencodeAdapter } from '../../../src/agents/opencode.js';
import { qwenAdapter } from '../../../src/agents/qwen.js';
import { adapterFor, builtInAdapters, commandAdapter } from '../../../src/agents/registry.js';
import { parseCliVersion } from '../../../src/agents/runner.js';
import type { AccessMode } from '../../../src/agents/types.js';
import { makeAgent } from '../../kit/process-result.js';

// Flags of the built-in CLIs that take a value; everything else in argv must be a flag.
const VALUE_FLAGS = new Set([
  '--disallowedTools',
  '--permission-mode',
  '--output-format',
  '--model',
  '-o',
  '-m',
  '-s',
  '--approval-mode',
  '--max-wall-time',
  '--format',
  '--title',
]);
const SUBCOMMANDS = new Set(['exec', 'run']);

describe('builtInAdapters', () => {
  it('holds claude, gemini, codex, copilot, qwen and opencode under their ids', () => {
    expect(Object.keys(builtInAdapters).sort()).toEqual(['claude', 'codex', 'copilot', 'gemini', 'opencode', 'qwen']);
    for (const [id, adapter] of Object.entries(builtInAdapters)) expect(adapter.id).toBe(id);
  });

  it.each(Object.keys(builtInAdapters))(
    '%s never takes a positional argument, so the prompt can only come from stdin',
    (id) => {
      const adapter = builtInAdapters[id]!;
      for (const mode of ['read-only', 'write'] as AccessMode[]) {
        const { argv } = adapter.buildInvocation(makeAgent({ cli: id, model: 'some-model' }), mode);
        expect(argv[0]).toBe(adapter.binary);
        for (let i = 1; i < argv.length; i++) {
          const arg = argv[i]!;
          if (SUBCOMMANDS.has(arg) && i === 1) continue;
          expect(arg.startsWith('-'), `${id} ${mode}: unexpected positional "${arg}" in ${argv.join(' ')}`).toBe(true);
          if (VALUE_FLAGS.has(arg)) i++;
        }
      }
    },
  );
});

describe('adapterFor', () => {
  it('picks the built-in adapter for a cli agent', () => {
    expect(adapterFor(makeAgent({ cli: 'claude' }))).toBe(claudeAdapter);
    expect(adapterFor(makeAgent({ cli: 'gemini' }))).toBe(geminiAdapter);
    expect(adapterFor(makeAgent({ cli: 'codex' }))).toBe(codexAdapter);
    expect(adapterFor(makeAgent({ cli: 'copilot' }))).toBe(copilotAdapter);
    expect(adapterFor(makeAgent({ cli: 'qwen' }))).toBe(qwenAdapter);
    expect(adapterFor(makeAgent({ cli: 'opencode' }))).toBe(opencodeAdapter);
  });

  it('picks the generic adapter for a command agent', () => {
    expect(adapterFor(makeAgent({ command: ['my-agent'] }))).toBe(commandAdapter);
  });

  it('throws for an unknown cli, naming the agent and the known CLIs', () => {
    expect(() => adapterFor(makeAgent({ name: 'mystery', cli: 'cursor' }))).toThrow(
      /agent "mystery" uses unknown cli "cursor"; known CLIs: claude, gemini, codex/,
    );
  });

  it('does not resolve Object.prototype members as CLIs', () => {
    expect(() => adapterFor(makeAgent({ name: 'proto', cli: 'toString' }))).toThrow(/unknown cli "toString"/);
  });

  it('throws when an agent has neither cli nor command', () => {
    expect(() => adapterFor(makeAgent({ name: 'empty' }))).toThrow(/agent "empty" sets neither/);
    expect(() => adapterFor(makeAgent({ name: 'empty', command: [] }))).toThrow(/agent "empty"/);
  });
});

describe('parseCliVersion', () => {
  it('takes the version number from what each real CLI prints for --version', () => {
    expect(parseCliVersion('2.1.332 (Claude Code)\n')).toBe('2.1.332');
    expect(parseCliVersion('codex-cli 0.171.0\n')).toBe('0.171.0');
    expect(parseCliVersion('0.61.0\n')).toBe('0.61.0');
    expect(parseCliVersion("GitHub Copilot CLI 1.0.102.\nRun 'copilot update' to check for updates.\n")).toBe(
      '1.0.102',
    );
    expect(parseCliVersion('1.0.0-nightly.20261130 (fake)')).toBe('1.0.0-nightly.20261130');
    expect(parseCliVersion('usage: foo [options]')).toBeUndefined();
  });
});
