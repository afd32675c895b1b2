// One run reports every problem of a config file: YAML errors together, and each part's key errors together.
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrors } from '../../../src/config/load.js';
import { parseConfig } from '../../../src/config/parse.js';

function problems(text: string): string {
  try {
    parseConfig(text, 'cfg.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('parseConfig reports every problem at once', () => {
  it('every YAML error, each with its line', () => {
    const message = problems(
      ['agents:', '  claude: { cli: claude', 'settings:', '  max-parallel: 2', '  max-parallel: 3', ''].join('\n'),
    );
    expect(message).toMatch(/^\d+ problems in cfg\.yml:\n/);
    expect(message.split('\n').filter((l) => l.startsWith('  cfg.yml:')).length).toBeGreaterThanOrEqual(2);
  });

  it('an unknown key in two agents, a bad setting and a bad pipeline key, in one message', () => {
    const text = [
      'agents:',
      '  claude: { cli: claude, timout: 5 }',
      '  gemini: { cli: gemini, modell: x }',
      'settings:',
      '  max-paralel: 2',
      'pipelines:',
      '  ai-review:',
      '    reviwer: claude',
      '',
    ].join('\n');
    let error: unknown;
    try {
      parseConfig(text, 'cfg.yml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigErrors);
    const message = (error as Error).message;
    expect(message).toContain('4 problems in cfg.yml:');
    expect(message).toContain('  cfg.yml:2: agents.claude.timout: unknown key (did you mean "timeout"?)');
    expect(message).toContain('  cfg.yml:3: agents.gemini.modell: unknown key (did you mean "model"?)');
    expect(message).toContain('  cfg.yml:5: settings.max-paralel: unknown key (did you mean "max-parallel"?)');
    expect(message).toContain('  cfg.yml:8: pipelines.ai-review.reviwer: unknown key (did you mean "reviewer"?)');
  });

  it('a single problem reads as before: one line', () => {
    expect(problems('agents:\n  claude: { cli: claude, timout: 5 }\n')).toMatch(
      /^cfg\.yml:2: agents\.claude\.timout: unknown key/,
    );
  });
});
