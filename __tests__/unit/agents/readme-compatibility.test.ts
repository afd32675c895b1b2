// docs/compatibility.md states each built-in adapter's command line and environment as the code builds them, and the
// README's table of supported CLIs the versions the adapters install.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInAdapters } from '../../../src/agents/registry.js';
import type { AccessMode } from '../../../src/agents/types.js';
import { makeAgent } from '../../kit/process-result.js';

const compatibility = readFileSync(new URL('../../../docs/compatibility.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const supported = readme.slice(
  readme.indexOf('## Supported CLIs'),
  readme.indexOf('\n## ', readme.indexOf('## Supported CLIs') + 1),
);

describe("docs/compatibility.md and the README's supported CLIs", () => {
  const cases = Object.entries(builtInAdapters).flatMap(([id, adapter]) =>
    (['read-only', 'write'] as AccessMode[]).map((mode) => [id, mode, adapter] as const),
  );

  it.each(cases)("%s %s: the documented command line is the adapter's", (id, mode, adapter) => {
    const argv = adapter.buildInvocation(makeAgent({ name: id, cli: id }), mode).argv.join(' ');
    expect(compatibility).toContain(`\`${argv} [`);
  });

  it.each(Object.entries(builtInAdapters))(
    '%s: every variable the adapter sets is documented with its value',
    (_id, adapter) => {
      for (const [name, value] of Object.entries(adapter.buildInvocation(makeAgent({ name: 'x' }), 'read-only').env)) {
        expect(compatibility).toContain(`\`${name}=${value}\``);
      }
    },
  );

  it.each(Object.entries(builtInAdapters).filter(([, a]) => a.npm))(
    '%s: the verified version is the default one',
    (id, adapter) => {
      const row = new RegExp(
        `\\| \`${id}\` \\| \`${adapter.npm!.name.replace('/', '\\/')}\` \\| ${adapter.npm!.defaultVersion.replaceAll('.', '\\.')} \\|`,
      );
      expect(supported).toMatch(row);
      expect(compatibility).toMatch(row);
    },
  );
});
