// Checks that the agent environment is an allow-list and that workflow credentials never get through.
import { describe, expect, it } from 'vitest';
import { buildAgentEnv, isForbiddenAgentVariable } from '../../../src/process/env.js';

const parentEnv: NodeJS.ProcessEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/runner',
  LANG: 'C.UTF-8',
  https_proxy: 'http://proxy:3128',
  ANTHROPIC_API_KEY: 'sk-ant',
  ANTHROPIC_BASE_URL: 'https://api.example',
  OPENAI_API_KEY: 'sk-openai',
  MY_TOOL_SETTING: 'on',
  UNRELATED_SECRET: 'nope',
  GITHUB_TOKEN: 'ghs_workflow',
  GH_TOKEN: 'ghs_gh',
  'INPUT_GITHUB-TOKEN': 'ghs_input',
  ACTIONS_RUNTIME_TOKEN: 'runtime',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
  GITHUB_REPOSITORY: 'o/r',
  RUNNER_TEMP: '/tmp/runner',
};

function build(overrides: Partial<Parameters<typeof buildAgentEnv>[0]> = {}): Record<string, string> {
  return buildAgentEnv({
    parentEnv,
    prefixes: ['ANTHROPIC_'],
    passEnv: [],
    adapterEnv: {},
    configEnv: {},
    ...overrides,
  });
}

describe('buildAgentEnv', () => {
  it('keeps base variables and prefixed provider variables, nothing else', () => {
    expect({ ...build() }).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      https_proxy: 'http://proxy:3128',
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: 'https://api.example',
    });
  });

  it('adds passEnv names, then adapter env, then config env (last one wins)', () => {
    const env = build({
      passEnv: ['MY_TOOL_SETTING', 'NOT_SET_ANYWHERE'],
      adapterEnv: { NO_COLOR: '1', MODE: 'adapter' },
      configEnv: { MODE: 'config', ANTHROPIC_BASE_URL: 'https://override' },
    });
    expect(env.MY_TOOL_SETTING).toBe('on');
    expect('NOT_SET_ANYWHERE' in env).toBe(false);
    expect(env.NO_COLOR).toBe('1');
    expect(env.MODE).toBe('config');
    expect(env.ANTHROPIC_BASE_URL).toBe('https://override');
    expect(env.UNRELATED_SECRET).toBeUndefined();
  });

  it('drops workflow credentials even when passEnv, a prefix or configEnv asks for them', () => {
    const env = build({
      prefixes: ['ANTHROPIC_', 'GITHUB_', 'INPUT_', 'ACTIONS_', 'RUNNER_', 'GH_'],
      passEnv: ['GITHUB_TOKEN', 'GH_TOKEN', 'INPUT_GITHUB-TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'GITHUB_REPOSITORY'],
      adapterEnv: { GITHUB_TOKEN: 'adapter' },
      configEnv: {
        GITHUB_TOKEN: 'config',
        'INPUT_GITHUB-TOKEN': 'config',
        ACTIONS_RUNTIME_TOKEN: 'x',
        github_token: 'y',
      },
    });
    for (const name of Object.keys(env)) expect(isForbiddenAgentVariable(name)).toBe(false);
    expect(Object.values(env)).not.toContain('ghs_workflow');
    expect(Object.values(env)).not.toContain('ghs_input');
    expect(env.PATH).toBe('/usr/bin:/bin');
    expect(env.HOME).toBe('/home/runner');
    expect(env.ANTHROPIC_API_KEY).toBe('sk-ant');
  });

  it('ignores an empty prefix instead of passing every variable', () => {
    expect(build({ prefixes: [''] }).UNRELATED_SECRET).toBeUndefined();
  });

  it('keeps a configured variable named __proto__ as plain data', () => {
    const configEnv = JSON.parse('{"__proto__": "x", "A": "1"}') as Record<string, string>;
    const env = build({ configEnv });
    expect(env.A).toBe('1');
    expect(Object.getPrototypeOf(env)).toBeNull();
  });
});

describe('isForbiddenAgentVariable', () => {
  it.each([
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'INPUT_GITHUB-TOKEN',
    'INPUT_ANTHROPIC_API_KEY',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'GITHUB_REPOSITORY',
    'RUNNER_TEMP',
    'github_token',
  ])('forbids %s', (name) => {
    expect(isForbiddenAgentVariable(name)).toBe(true);
  });

  it.each(['PATH', 'HOME', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'MY_GITHUB_HELPER'])('allows %s', (name) => {
    expect(isForbiddenAgentVariable(name)).toBe(false);
  });
});

describe('buildAgentEnv with an agent user (identityEnv)', () => {
  const identityEnv = { HOME: '/home/agent', TMPDIR: '/home/agent/tmp', USER: 'agent' };

  it("replaces the parent's HOME and TMPDIR, even when pass-env asks for them", () => {
    const env = build({ identityEnv, passEnv: ['HOME'], parentEnv: { ...parentEnv, TMPDIR: '/tmp' } });
    expect(env).toMatchObject(identityEnv);
  });

  it('stays under the adapter and the config env, which are explicit choices', () => {
    const env = build({ identityEnv, adapterEnv: { TMPDIR: '/adapter' }, configEnv: { HOME: '/config' } });
    expect(env).toMatchObject({ HOME: '/config', TMPDIR: '/adapter', USER: 'agent' });
  });
});

describe('RUNNER_TRACKING_ID', () => {
  it('reaches the agent (the runner reaps processes that carry it) while every other RUNNER_ variable stays out', () => {
    const env = buildAgentEnv({
      parentEnv: { PATH: '/bin', RUNNER_TRACKING_ID: 'github_5f0c', RUNNER_TEMP: '/tmp/r', RUNNER_NAME: 'x' },
      prefixes: [],
      passEnv: ['RUNNER_TEMP'],
      adapterEnv: {},
      configEnv: {},
    });
    expect(env.RUNNER_TRACKING_ID).toBe('github_5f0c');
    expect(env.RUNNER_TEMP).toBeUndefined();
    expect(env.RUNNER_NAME).toBeUndefined();
  });
});
