// Tests config loading and validation (src/config/load.ts, schema.ts) and that the JSON schema matches the loader.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInAdapters } from '../../src/agents/registry.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { parseConfig } from '../../src/config/parse.js';
import { DEFAULT_COMMANDS, DEFAULT_TIMEOUT_SEC, defaultConfig, PIPELINE_NAMES } from '../../src/config/schema.js';

const EXAMPLE = `agents:
  claude: { cli: claude, model: claude-sonnet-4-5, timeout: 600 }
  gemini: { cli: gemini }
  codex:  { cli: codex }
  local:  { command: [ollama, run, llama3.2], timeout: 300 }
pipelines:
  ai-review:
    label: ai-review
    agents: [claude, gemini, codex]
    reviewer: claude
settings:
  max-parallel: 4
  processed-label: ai-processed
`;

const FILE = '.github/ai-orchestra.yml';

/** The ConfigError parseConfig throws for `text`; fails the test when it does not throw one. */
function configError(text: string, file = FILE): ConfigError {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for:\n${text}`);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-orchestra-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(text: string): string {
  const file = join(dir, 'ai-orchestra.yml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('returns the built-in defaults when the optional file is missing', async () => {
    const config = await loadConfig(join(dir, 'missing.yml'), { required: false });
    expect(config.source).toBe('built-in defaults');
    expect(Object.keys(config.agents)).toEqual(['claude', 'gemini', 'codex']);
    for (const name of ['claude', 'gemini', 'codex']) {
      expect(config.agents[name]).toEqual({ name, cli: name, args: [], env: {}, passEnv: [], timeoutSec: 600 });
    }
    expect(config.pipelines['ai-review']).toEqual({
      label: 'ai-review',
      agents: ['claude', 'gemini', 'codex'],
      reviewer: 'claude',
    });
    expect(config.settings.maxParallel).toBe(4);
    expect(config.settings.processedLabel).toBe('ai-processed');
    expect(DEFAULT_TIMEOUT_SEC).toBe(600);
  });

  it('hands out a fresh defaults object each time, so one run cannot change the next one’s defaults', async () => {
    const first = await loadConfig(join(dir, 'missing.yml'), { required: false });
    first.agents.claude!.args.push('--mutated');
    first.pipelines['ai-review'].agents.pop();
    const second = await loadConfig(join(dir, 'missing.yml'), { required: false });
    expect(second.agents.claude!.args).toEqual([]);
    expect(second.pipelines['ai-review'].agents).toEqual(['claude', 'gemini', 'codex']);
  });

  it('throws a ConfigError naming the file when a required file is missing', async () => {
    const file = join(dir, 'required.yml');
    await expect(loadConfig(file, { required: true })).rejects.toThrow(ConfigError);
    await expect(loadConfig(file, { required: true })).rejects.toThrow(`${file}: config file not found`);
  });

  it('loads the documented example config from a file', async () => {
    const file = writeConfig(EXAMPLE);
    const config = await loadConfig(file, { required: true });
    expect(config.source).toBe(file);
    expect(Object.keys(config.agents)).toEqual(['claude', 'gemini', 'codex', 'local']);
    expect(config.agents.claude).toEqual({
      name: 'claude',
      cli: 'claude',
      model: 'claude-sonnet-4-5',
      args: [],
      env: {},
      passEnv: [],
      timeoutSec: 600,
    });
    expect(config.agents.gemini).toEqual({
      name: 'gemini',
      cli: 'gemini',
      args: [],
      env: {},
      passEnv: [],
      timeoutSec: 600,
    });
    expect(config.agents.local).toEqual({
      name: 'local',
      command: ['ollama', 'run', 'llama3.2'],
      args: [],
      env: {},
      passEnv: [],
      timeoutSec: 300,
    });
    expect(config.pipelines['ai-review']).toEqual({
      label: 'ai-review',
      agents: ['claude', 'gemini', 'codex'],
      reviewer: 'claude',
    });
    expect(config.settings).toMatchObject({ maxParallel: 4, processedLabel: 'ai-processed', killGraceSec: 5 });
  });

  it('names the real file path and line in errors from a file', async () => {
    const file = writeConfig('settings:\n  max-parallel: 0\n');
    await expect(loadConfig(file, { required: false })).rejects.toThrow(
      `${file}:2: settings.max-parallel: must be a positive whole number`,
    );
  });

  it('treats an empty file as "no settings": defaults, but the file is named as the source', async () => {
    const file = writeConfig('# nothing configured yet\n');
    const config = await loadConfig(file, { required: true });
    expect(config.source).toBe(file);
    expect({ ...config, source: 'built-in defaults' }).toEqual(defaultConfig());
  });
});

describe('parseConfig: merging over the defaults', () => {
  it('keeps the built-in agents when the file adds another one', () => {
    const config = parseConfig('agents:\n  local:\n    command: [my-agent, --fast]\n', FILE);
    expect(Object.keys(config.agents)).toEqual(['claude', 'gemini', 'codex', 'local']);
    expect(config.pipelines['ai-review'].agents).toEqual(['claude', 'gemini', 'codex']);
  });

  it('accepts the copilot, qwen and opencode CLIs, with an npm version each', () => {
    const config = parseConfig(
      [
        'agents:',
        '  pilot: { cli: copilot, version: 1.0.102 }',
        '  qw: { cli: qwen, model: qwen3-coder-plus }',
        '  oc: { cli: opencode, model: fake/m }',
      ].join('\n'),
      FILE,
    );
    expect(config.agents.pilot).toMatchObject({ cli: 'copilot', version: '1.0.102' });
    expect(config.agents.qw).toMatchObject({ cli: 'qwen', model: 'qwen3-coder-plus' });
    expect(config.agents.oc).toMatchObject({ cli: 'opencode', model: 'fake/m' });
  });

  it('reads every agent key with its type conversions', () => {
    const config = parseConfig(
      [
        'agents:',
        '  custom:',
        '    cli: codex',
        '    model: gpt-5',
        '    args: [--verbose, "--flag=$(not a shell)"]',
        '    env: { MODE: fast, RETRIES: 3, DEBUG: true }',
        '    pass-env: [OPENAI_BASE_URL]',
        '    timeout: 12.5',
        'settings:',
        '  kill-grace: 0.5',
      ].join('\n'),
      FILE,
    );
    expect(config.agents.custom).toEqual({
      name: 'custom',
      cli: 'codex',
      model: 'gpt-5',
      args: ['--verbose', '--flag=$(not a shell)'],
      env: { MODE: 'fast', RETRIES: '3', DEBUG: 'true' },
      passEnv: ['OPENAI_BASE_URL'],
      timeoutSec: 12.5,
    });
    expect(config.settings.killGraceSec).toBe(0.5);
  });

  it('reads the labels of the pipelines that are not built yet', () => {
    const config = parseConfig(
      'pipelines:\n  relay-pipeline: { label: relay }\n  persona-data: { label: personas }\n',
      FILE,
    );
    expect(config.pipelines['relay-pipeline'].label).toBe('relay');
    expect(config.pipelines['persona-data'].label).toBe('personas');
  });

  it('reads a slash command for a pipeline, and leaves it unset (the default applies) otherwise', () => {
    const config = parseConfig(
      'pipelines:\n  ai-review: { command: /ask-ai }\n  relay-pipeline: { command: /relay.v2 }\n',
      FILE,
    );
    expect((config.pipelines['ai-review'] as { command?: string }).command).toBe('/ask-ai');
    expect((config.pipelines['relay-pipeline'] as { command?: string }).command).toBe('/relay.v2');
    expect((config.pipelines['persona-data'] as { command?: string }).command).toBeUndefined();
    expect(DEFAULT_COMMANDS).toEqual({
      'ai-review': '/ai-review',
      'relay-pipeline': '/relay',
      'persona-data': '/persona-data',
      'pr-review': '/ai-review',
      ask: '/ask',
    });
  });
});

describe('parseConfig: errors name the file, the line and the key', () => {
  it('an unknown top-level key, with the allowed keys', () => {
    const error = configError('agents: {}\nagentz:\n  x: 1\n');
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(3);
    expect(error.key).toBe('agentz');
    expect(error.message).toBe(
      `${FILE}:3: agentz: unknown key (did you mean "agents"?); allowed: agents, pipelines, settings`,
    );
  });

  it('an unknown key that differs only in case or separators gets a did-you-mean', () => {
    expect(configError('settings:\n  maxParallel: 3\n').message).toMatch(
      /^\.github\/ai-orchestra\.yml:2: settings\.maxParallel: unknown key \(did you mean "max-parallel"\?\); allowed: max-parallel, /,
    );
    expect(configError('agents:\n  x:\n    command: [a]\n    pass_env: [A]\n').message).toContain(
      'agents.x.pass_env: unknown key (did you mean "pass-env"?)',
    );
    expect(configError('agents:\n  x:\n    command: [a]\n    Timeout: 5\n').message).toContain(
      '(did you mean "timeout"?)',
    );
  });

  it('an unknown agent key', () => {
    const error = configError('agents:\n  claude:\n    cli: claude\n    timout: 5\n');
    // The full list is compared with the schema below; here only its shape.
    expect(error.message).toMatch(
      /^\.github\/ai-orchestra\.yml:4: agents\.claude\.timout: unknown key \(did you mean "timeout"\?\); allowed: cli, command, .*\btimeout\b/,
    );
  });

  it('an unknown key inside pipelines and pipelines.ai-review', () => {
    expect(configError('pipelines:\n  bogus: {}\n').message).toBe(
      `${FILE}:2: pipelines.bogus: unknown key; allowed: ai-review, relay-pipeline, persona-data, pr-review, ask`,
    );
    expect(configError('pipelines:\n  ai-review:\n    lable: x\n').message).toMatch(
      /^\.github\/ai-orchestra\.yml:3: pipelines\.ai-review\.lable: unknown key; allowed: label, .*\breviewer\b/,
    );
  });

  it('an agent with both cli and command', () => {
    const error = configError('agents:\n  both:\n    cli: claude\n    command: [x]\n');
    expect(error.key).toBe('agents.both');
    expect(error.line).toBeGreaterThanOrEqual(2);
    expect(error.line).toBeLessThanOrEqual(3);
    expect(error.message).toContain(
      'agents.both: needs exactly one of "cli" (a built-in adapter) or "command" (an argv list)',
    );
  });

  it('an agent with neither cli nor command', () => {
    const error = configError('agents:\n  neither: { model: m }\n');
    expect(error.message).toBe(
      `${FILE}:2: agents.neither: needs exactly one of "cli" (a built-in adapter) or "command" (an argv list)`,
    );
  });

  it('an agent that is not a mapping', () => {
    expect(configError('agents:\n  empty:\n').message).toBe(`${FILE}:2: agents.empty: must be a mapping`);
    expect(configError('agents: [claude]\n').message).toBe(`${FILE}:1: agents: must be a mapping`);
  });

  it('an unknown cli, listing the built-in ones', () => {
    const error = configError('agents:\n  x:\n    cli: cursor\n');
    expect(error.line).toBe(3);
    expect(error.key).toBe('agents.x.cli');
    expect(error.message).toContain('unknown cli "cursor"; built-in: claude, gemini, codex');
  });

  it('a cli named like an Object.prototype member is unknown, not inherited', () => {
    expect(configError('agents:\n  x:\n    cli: toString\n').message).toContain('unknown cli "toString"');
  });

  it.each([
    ['a string', '"10"'],
    ['negative', '-1'],
    ['zero', '0'],
    ['a list', '[10]'],
  ])('a timeout that is %s', (_what, value) => {
    const error = configError(`agents:\n  x:\n    command: [a]\n    timeout: ${value}\n`);
    expect(error.message).toBe(`${FILE}:4: agents.x.timeout: must be a positive number`);
  });

  it('a max-parallel that is not a whole number', () => {
    expect(configError('settings:\n  max-parallel: 2.5\n').message).toBe(
      `${FILE}:2: settings.max-parallel: must be a positive whole number`,
    );
  });

  it('a reference to an undefined agent in pipelines.ai-review.agents, naming the list index', () => {
    const error = configError('pipelines:\n  ai-review:\n    agents:\n      - claude\n      - nobody\n');
    expect(error.line).toBe(5);
    expect(error.key).toBe('pipelines.ai-review.agents.1');
    expect(error.message).toContain('unknown agent "nobody"; defined: claude, gemini, codex');
  });

  it('a reference to an undefined reviewer', () => {
    const error = configError('agents:\n  local: { command: [x] }\npipelines:\n  ai-review:\n    reviewer: nobody\n');
    expect(error.message).toBe(
      `${FILE}:5: pipelines.ai-review.reviewer: unknown agent "nobody"; defined: claude, gemini, codex, local`,
    );
  });

  it('an agent listed twice, an empty agent list, and two pipelines with one label', () => {
    expect(configError('pipelines:\n  ai-review:\n    agents: [claude, claude]\n').message).toBe(
      `${FILE}:3: pipelines.ai-review.agents: lists an agent twice`,
    );
    expect(configError('pipelines:\n  ai-review:\n    agents: []\n').message).toBe(
      `${FILE}:3: pipelines.ai-review.agents: must not be empty`,
    );
    expect(configError('pipelines:\n  relay-pipeline:\n    label: ai-review\n').message).toContain(
      'pipelines: two pipelines use the same label',
    );
  });

  it('a command that is not a slash command', () => {
    expect(configError('pipelines:\n  ai-review:\n    command: ai-review\n').message).toBe(
      `${FILE}:3: pipelines.ai-review.command: "ai-review" is not a slash command like /ai-review (one word starting with "/")`,
    );
    expect(configError('pipelines:\n  ai-review:\n    command: "/ai review"\n').message).toContain(
      'is not a slash command',
    );
    expect(configError('pipelines:\n  relay-pipeline:\n    command: 7\n').message).toBe(
      `${FILE}:3: pipelines.relay-pipeline.command: must be a non-empty string`,
    );
  });

  it('two pipelines with the same slash command, also when one of them is a default', () => {
    expect(
      configError('pipelines:\n  ai-review: { command: /go }\n  relay-pipeline: { command: /go }\n').message,
    ).toContain('pipelines: two pipelines use the same command');
    expect(configError('pipelines:\n  ai-review:\n    command: /relay\n').message).toContain(
      'pipelines: two pipelines use the same command',
    );
  });

  it('args that are not a list of strings', () => {
    expect(configError('agents:\n  x:\n    command: [a]\n    args: "--x"\n').message).toBe(
      `${FILE}:4: agents.x.args: must be a list of strings`,
    );
    expect(configError('agents:\n  x:\n    command: [a]\n    args: [1]\n').message).toBe(
      `${FILE}:4: agents.x.args.0: must be a non-empty string`,
    );
  });

  it('a command that is empty or not a list', () => {
    expect(configError('agents:\n  x:\n    command: []\n').message).toBe(
      `${FILE}:3: agents.x.command: must not be empty`,
    );
    expect(configError('agents:\n  x:\n    command: "ollama run"\n').message).toBe(
      `${FILE}:3: agents.x.command: must be a list of strings`,
    );
  });

  it('env that is not a mapping of scalars with valid names', () => {
    expect(configError('agents:\n  x:\n    command: [a]\n    env: [A]\n').message).toBe(
      `${FILE}:4: agents.x.env: must be a mapping`,
    );
    expect(configError('agents:\n  x:\n    command: [a]\n    env:\n      A: { b: 1 }\n').message).toBe(
      `${FILE}:5: agents.x.env.A: must be a string, number or boolean`,
    );
    expect(configError('agents:\n  x:\n    command: [a]\n    env:\n      A: [1]\n').message).toContain(
      'agents.x.env.A: must be a string, number or boolean',
    );
    expect(configError('agents:\n  x:\n    command: [a]\n    env:\n      1BAD: v\n').message).toContain(
      'agents.x.env.1BAD: not a valid variable name',
    );
  });

  it('pass-env that is not a list', () => {
    expect(configError('agents:\n  x:\n    command: [a]\n    pass-env: HOME\n').message).toBe(
      `${FILE}:4: agents.x.pass-env: must be a list of strings`,
    );
  });

  it('an agent name that is not a plain identifier', () => {
    expect(configError('agents:\n  "-rm":\n    command: [a]\n').message).toContain(
      'agents.-rm: agent names use letters, digits',
    );
    expect(configError('agents:\n  "a b":\n    command: [a]\n').message).toContain('agent names use letters, digits');
  });

  it('a document that is not a mapping', () => {
    const error = configError('just a string\n');
    expect(error.line).toBeUndefined();
    expect(error.message).toBe(`${FILE}: must be a mapping`);
  });

  it('invalid YAML syntax, with its line', () => {
    const error = configError('agents:\n  claude:\n    cli: claude\n  broken: [\n');
    expect(error.file).toBe(FILE);
    expect(error.line).toBeGreaterThanOrEqual(4);
    expect(error.message).toMatch(/^\.github\/ai-orchestra\.yml:\d+: invalid YAML: /);
  });

  it('a duplicate key, as invalid YAML on the duplicate’s line', () => {
    const error = configError('agents:\n  x:\n    command: [a]\n  x:\n    cli: claude\n');
    expect(error.message).toBe(`${FILE}:4: invalid YAML: Map keys must be unique`);
  });
});

describe('schema/ai-orchestra.schema.json', () => {
  interface JsonSchema {
    type?: string;
    additionalProperties?: boolean | JsonSchema;
    properties?: Record<string, JsonSchema>;
    propertyNames?: { pattern: string };
    $defs?: Record<string, JsonSchema>;
    enum?: unknown[];
    default?: unknown;
    oneOf?: { required: string[] }[];
  }
  const schema = JSON.parse(
    readFileSync(new URL('../../schema/ai-orchestra.schema.json', import.meta.url), 'utf8'),
  ) as JsonSchema;
  const props = (s: JsonSchema | undefined): Record<string, JsonSchema> => s?.properties ?? {};
  const agentSchema = schema.$defs?.agent;

  /** The keys the loader allows at a place, read from its "unknown key" error (the loader keeps them private). */
  function loaderKeys(yamlWithUnknownKey: string): string[] {
    const match = /; allowed: (.+)$/.exec(configError(yamlWithUnknownKey).message);
    expect(match, 'the unknown-key error lists the allowed keys').not.toBeNull();
    return match![1]!.split(', ').sort();
  }

  it('is a JSON object schema that rejects unknown keys at every level', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(props(schema).pipelines?.additionalProperties).toBe(false);
    expect(props(props(schema).pipelines)['ai-review']?.additionalProperties).toBe(false);
    expect(props(schema).settings?.additionalProperties).toBe(false);
    expect(agentSchema?.additionalProperties).toBe(false);
    expect(props(schema).agents?.additionalProperties).toEqual({ $ref: '#/$defs/agent' });
  });

  it('lists the same top-level keys as the loader', () => {
    expect(Object.keys(props(schema)).sort()).toEqual(loaderKeys('zz-unknown: 1\n'));
  });

  it('lists the same agent keys as the loader', () => {
    expect(Object.keys(props(agentSchema)).sort()).toEqual(
      loaderKeys('agents:\n  x:\n    command: [a]\n    zz-unknown: 1\n'),
    );
  });

  it('lists the same settings, pipelines and ai-review keys as the loader', () => {
    expect(Object.keys(props(props(schema).settings)).sort()).toEqual(loaderKeys('settings:\n  zz-unknown: 1\n'));
    expect(Object.keys(props(props(schema).pipelines)).sort()).toEqual(loaderKeys('pipelines:\n  zz-unknown: {}\n'));
    expect(Object.keys(props(props(props(schema).pipelines)['ai-review'])).sort()).toEqual(
      loaderKeys('pipelines:\n  ai-review:\n    zz-unknown: 1\n'),
    );
  });

  it('allows exactly the built-in CLIs, and requires one of cli or command', () => {
    expect([...(props(agentSchema).cli?.enum ?? [])].sort()).toEqual(Object.keys(builtInAdapters).sort());
    expect(agentSchema?.oneOf).toEqual([{ required: ['cli'] }, { required: ['command'] }]);
  });

  it('documents every pipeline’s slash command with the loader’s default and rule', () => {
    for (const name of PIPELINE_NAMES) {
      const command = props(props(props(schema).pipelines)[name]).command as
        | (JsonSchema & { pattern?: string })
        | undefined;
      expect(command, `pipelines.${name}.command`).toBeDefined();
      expect(command?.default).toBe(DEFAULT_COMMANDS[name]);
      const pattern = new RegExp(command?.pattern ?? '(missing)');
      for (const candidate of [
        '/ai-review',
        '/x',
        '/a.b_c-d',
        `/${'a'.repeat(50)}`,
        'ai-review',
        '/',
        '/-x',
        '/a b',
        `/${'a'.repeat(51)}`,
      ]) {
        let loaderAccepts = true;
        try {
          // ai-review only, so that the candidate never collides with a default command of another pipeline.
          parseConfig(`pipelines:\n  ai-review:\n    command: ${JSON.stringify(candidate)}\n`, FILE);
        } catch {
          loaderAccepts = false;
        }
        expect(loaderAccepts, `command ${candidate}`).toBe(pattern.test(candidate));
      }
    }
  });

  it('documents the same defaults as defaultConfig', () => {
    const defaults = defaultConfig();
    const review = props(props(schema).pipelines)['ai-review'];
    expect(props(review).label?.default).toBe(defaults.pipelines['ai-review'].label);
    expect(props(review).agents?.default).toEqual(defaults.pipelines['ai-review'].agents);
    expect(props(review).reviewer?.default).toBe(defaults.pipelines['ai-review'].reviewer);
    expect(props(props(props(schema).pipelines)['relay-pipeline']).label?.default).toBe(
      defaults.pipelines['relay-pipeline'].label,
    );
    expect(props(props(props(schema).pipelines)['persona-data']).label?.default).toBe(
      defaults.pipelines['persona-data'].label,
    );
    const settings = props(props(schema).settings);
    expect(settings['max-parallel']?.default).toBe(defaults.settings.maxParallel);
    expect(settings['processed-label']?.default).toBe(defaults.settings.processedLabel);
    expect(settings['kill-grace']?.default).toBe(defaults.settings.killGraceSec);
    expect(props(agentSchema).timeout?.default).toBe(DEFAULT_TIMEOUT_SEC);
  });

  it('uses the same agent-name rule as the loader', () => {
    const pattern = new RegExp(props(schema).agents?.propertyNames?.pattern ?? '(missing)');
    for (const name of [
      'claude',
      'my-agent',
      'a.b_c',
      'A1',
      'x'.repeat(64),
      '-rm',
      '.hidden',
      'a b',
      'x'.repeat(65),
      'ünïcode',
    ]) {
      const schemaAccepts = pattern.test(name);
      let loaderAccepts = true;
      try {
        parseConfig(`agents:\n  ${JSON.stringify(name)}:\n    command: [a]\n`, FILE);
      } catch {
        loaderAccepts = false;
      }
      expect(loaderAccepts, `agent name ${JSON.stringify(name)}`).toBe(schemaAccepts);
    }
  });
});

describe('closestKey (did-you-mean hints)', () => {
  it('suggests keys a typo away and ignores unrelated words', async () => {
    const { closestKey } = await import('../../src/config/load.js');
    const agentKeys = ['cli', 'command', 'model', 'args', 'env', 'pass-env', 'timeout'];
    expect(closestKey('timout', agentKeys)).toBe('timeout');
    expect(closestKey('comand', agentKeys)).toBe('command');
    expect(closestKey('pass_env', agentKeys)).toBe('pass-env');
    expect(closestKey('Model', agentKeys)).toBe('model');
    expect(closestKey('temperature', agentKeys)).toBeUndefined();
    expect(closestKey('x', agentKeys)).toBeUndefined();
  });
});
