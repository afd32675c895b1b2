// The README's Compatibility section states each built-in adapter's command line and environment as the code builds them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInAdapters } from '../../../src/agents/registry.js';
import type { AccessMode } from '../../../src/agents/types.js';
import { makeAgent } from '../../kit/process-result.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const compatibility = readme.slice(readme.indexOf('## Compatibility'), readme.indexOf('\n## ', readme.indexOf('## Compatibility') + 1));

describe('README Compatibility section', () => {
  const cases = Object.entries(builtInAdapters).flatMap(([id, adapter]) => (['read-only', 'write'] as AccessMode[]).map((mode) => [id, mode, adapter] as const));

  it.each(cases)('%s %s: the documented command line is the adapter\'s', (id, mode, adapter) => {
    const argv = adapter.buildInvocation(makeAgent({ name: id, cli: id }), mode).argv.join(' ');
    expect(compatibility).toContain(`\`${argv} [`);
  });

  it.each(Object.entries(builtInAdapters))('%s: every variable the adapter sets is documented with its value', (_id, adapter) => {
    for (const [name, value] of Object.entries(adapter.buildInvocation(makeAgent({ name: 'x' }), 'read-only').env)) {
      expect(compatibility).toContain(`\`${name}=${value}\``);
    }
  });

  it.each(Object.entries(builtInAdapters).filter(([, a]) => a.npm))('%s: the verified version is the default one', (id, adapter) => {
    expect(compatibility).toMatch(new RegExp(`\\| \`${id}\` \\| \`${adapter.npm!.name.replace('/', '\\/')}\` \\| ${adapter.npm!.defaultVersion.replaceAll('.', '\\.')} \\|`));
  });
});
