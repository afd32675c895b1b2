// agents.<name>.version: an exact version or a dist-tag, cli agents only, and the JSON schema agrees with the loader.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/load.js';
import { parseConfig } from '../../../src/config/parse.js';

const FILE = '.github/ai-orchestra.yml';

describe('agents.<name>.version', () => {
  const agentWith = (version: string): string => `agents:\n  claude:\n    cli: claude\n    version: ${version}\n`;
  const errorOf = (yaml: string): ConfigError => {
    try {
      parseConfig(yaml, FILE);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it.each(['2.1.0', '0.0.1', '1.0.0-beta.2', '1.0.0+build.5', 'latest', 'next', 'stable-2'])(
    'accepts %s',
    (version) => {
      expect(parseConfig(agentWith(version), FILE).agents.claude?.version).toBe(version);
    },
  );

  it.each(['^2.1.0', '~2', '2.x', '>=1', 'v1', 'x', '*', '1.2', '01.2.3', 'latest beta'])(
    'rejects the range or non-version %s, naming file, line and key',
    (version) => {
      const error = errorOf(agentWith(JSON.stringify(version)));
      expect(error.message).toMatch(
        new RegExp(
          `^${FILE.replace(/\./g, '\\.')}:4: agents\\.claude\\.version: .* is neither an exact version \\(2\\.1\\.0\\) nor an npm dist-tag`,
        ),
      );
    },
  );

  it('asks to quote a version YAML reads as a number', () => {
    expect(errorOf(agentWith('2.1')).message).toBe(
      `${FILE}:4: agents.claude.version: must be a string: quote it ("2.1") so YAML does not read it as a number`,
    );
  });

  it('is refused on a command agent, whose program is never installed', () => {
    expect(errorOf('agents:\n  mine:\n    command: [my-tool]\n    version: 1.0.0\n').message).toBe(
      `${FILE}:4: agents.mine.version: only applies to "cli" agents: a "command" agent's program is never installed by AI Orchestra`,
    );
  });

  it('is absent unless configured', () => {
    expect(parseConfig('agents:\n  claude:\n    cli: claude\n', FILE).agents.claude?.version).toBeUndefined();
  });

  it('the JSON schema accepts and rejects the same versions as the loader', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../schema/ai-orchestra.schema.json', import.meta.url), 'utf8'),
    ) as {
      $defs: { agent: { properties: { version: { pattern: string } } } };
    };
    const pattern = new RegExp(schema.$defs.agent.properties.version.pattern);
    for (const version of ['2.1.0', '1.0.0-rc.1', 'latest', 'canary', '^2', 'v1', 'x', '1.2', '01.0.0', '']) {
      let loaderAccepts = true;
      try {
        parseConfig(agentWith(JSON.stringify(version)), FILE);
      } catch {
        loaderAccepts = false;
      }
      expect(pattern.test(version), version).toBe(loaderAccepts);
    }
  });
});
