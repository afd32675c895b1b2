// pipelines.persona-data in the config: the six default personas, the keys, file:line errors, and the JSON schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/load.js';
import { parseConfig } from '../../../src/config/parse.js';
import { defaultConfig } from '../../../src/config/schema.js';
import { DEFAULT_PERSONAS, personaAgentNames } from '../../../src/pipelines/persona-data/config.js';

const FILE = '.github/ai-orchestra.yml';

function errorOf(text: string): string {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected a ConfigError for:\n${text}`);
}

describe('persona-data defaults', () => {
  it('are the six personas of the issue, on the three built-in CLIs, writing all three formats', () => {
    const p = defaultConfig().pipelines['persona-data'];
    expect(p).toMatchObject({
      label: 'persona-data',
      outputDir: 'training-data',
      formats: ['openai-chat', 'trl-sft', 'dpo'],
      reviewer: 'claude',
    });
    expect(p.personas.map((x) => [x.name, x.agent, x.focus])).toEqual([
      ['architect', 'claude', ['scalability', 'maintainability', 'design principles']],
      ['perfectionist', 'gemini', ['performance', 'code quality', 'edge cases']],
      ['pragmatist', 'codex', ['speed of delivery', 'practicality', 'MVP']],
      ['innovator', 'claude', ['new techniques', 'creativity']],
      ['educator', 'gemini', ['clarity', 'documentation', 'learning curve']],
      ['security-expert', 'codex', ['security', 'validation', 'vulnerabilities']],
    ]);
    for (const persona of p.personas) expect(persona.style).toMatch(/\S\.$/);
    // A copy each time: a run that changes its config cannot change the defaults.
    p.personas[0]!.focus.push('x');
    expect(DEFAULT_PERSONAS[0]!.focus).not.toContain('x');
  });

  it('start the personas’ agents, and the reviewer only when there is a dpo pair to rank', () => {
    const p = defaultConfig().pipelines['persona-data'];
    expect(personaAgentNames(p)).toEqual(['claude', 'gemini', 'codex']);
    expect(personaAgentNames({ ...p, reviewer: 'judge' })).toEqual(['claude', 'gemini', 'codex', 'judge']);
    expect(personaAgentNames({ ...p, reviewer: 'judge', formats: ['openai-chat'] })).toEqual([
      'claude',
      'gemini',
      'codex',
    ]);
  });
});

describe('persona-data config', () => {
  it('reads the issue’s example, replacing the default personas', () => {
    const config = parseConfig(
      [
        'agents:',
        '  local: { command: [ollama, run, llama3.2] }',
        'pipelines:',
        '  persona-data:',
        '    label: make-data',
        '    command: /make-data',
        '    output-dir: data/personas/',
        '    formats: [trl-sft, dpo]',
        '    reviewer: gemini',
        '    personas:',
        '      - name: architect',
        '        agent: claude',
        '        style: System architecture and design patterns first.',
        '        focus: [scalability, maintainability, design principles]',
        '      - { name: local-hero, agent: local, style: "  Plain answers.  " }',
      ].join('\n'),
      FILE,
    );
    expect(config.pipelines['persona-data']).toEqual({
      label: 'make-data',
      command: '/make-data',
      outputDir: 'data/personas',
      formats: ['trl-sft', 'dpo'],
      reviewer: 'gemini',
      personas: [
        {
          name: 'architect',
          agent: 'claude',
          style: 'System architecture and design patterns first.',
          focus: ['scalability', 'maintainability', 'design principles'],
        },
        { name: 'local-hero', agent: 'local', style: 'Plain answers.', focus: [] },
      ],
    });
  });

  it.each([
    [
      '    outptu-dir: x',
      `${FILE}:3: pipelines.persona-data.outptu-dir: unknown key (did you mean "output-dir"?); allowed: label, command, output-dir, formats, personas, reviewer`,
    ],
    [
      '    output-dir: /tmp/data',
      `${FILE}:3: pipelines.persona-data.output-dir: must be a folder relative to the workspace, not an absolute path`,
    ],
    [
      '    output-dir: data/../../etc',
      `${FILE}:3: pipelines.persona-data.output-dir: must stay inside the workspace (no ".." segments)`,
    ],
    ['    formats: []', `${FILE}:3: pipelines.persona-data.formats: must not be empty`],
    [
      '    formats: [openai-chat, alpaca]',
      `${FILE}:3: pipelines.persona-data.formats.1: unknown format "alpaca"; formats: openai-chat, trl-sft, dpo`,
    ],
    ['    formats: [dpo, dpo]', `${FILE}:3: pipelines.persona-data.formats.1: lists "dpo" twice`],
    [
      '    reviewer: nobody',
      `${FILE}:3: pipelines.persona-data.reviewer: unknown agent "nobody"; defined: claude, gemini, codex`,
    ],
    [
      '    personas: []',
      `${FILE}:3: pipelines.persona-data.personas: must be a non-empty list of personas (name, agent, style, focus)`,
    ],
    [
      '    personas:\n      - { name: a, agent: claude }',
      `${FILE}:4: pipelines.persona-data.personas.0: needs "style"`,
    ],
    [
      '    personas:\n      - { name: a b, agent: claude, style: s }',
      `${FILE}:4: pipelines.persona-data.personas.0.name: persona names use letters, digits, ".", "_" and "-"`,
    ],
    [
      '    personas:\n      - { name: a, agent: ghost, style: s }',
      `${FILE}:4: pipelines.persona-data.personas.0.agent: unknown agent "ghost"; defined: claude, gemini, codex`,
    ],
    [
      '    personas:\n      - { name: a, agent: claude, style: s, focus: security }',
      `${FILE}:4: pipelines.persona-data.personas.0.focus: must be a list of strings`,
    ],
    [
      '    personas:\n      - { name: a, agent: claude, style: s, tone: dry }',
      `${FILE}:4: pipelines.persona-data.personas.0.tone: unknown key; allowed: name, agent, style, focus`,
    ],
    [
      '    personas:\n      - { name: a, agent: claude, style: s }\n      - { name: a, agent: codex, style: t }',
      `${FILE}:5: pipelines.persona-data.personas.1.name: a persona named "a" already exists`,
    ],
  ])('%s', (lines, message) => {
    expect(errorOf(`pipelines:\n  persona-data:\n${lines}\n`)).toBe(message);
  });
});

describe('the JSON schema of persona-data', () => {
  type Schema = {
    properties?: Record<string, Schema>;
    additionalProperties?: boolean;
    default?: unknown;
    required?: string[];
    items?: unknown;
    $defs?: Record<string, Schema>;
  };
  const schema = JSON.parse(
    readFileSync(new URL('../../../schema/ai-orchestra.schema.json', import.meta.url), 'utf8'),
  ) as Schema;
  const persona = schema.properties?.pipelines?.properties?.['persona-data'];

  function allowedKeys(yaml: string): string[] {
    return /; allowed: (.+)$/.exec(errorOf(yaml))![1]!.split(', ').sort();
  }

  it('lists the loader’s keys and rejects others', () => {
    expect(persona?.additionalProperties).toBe(false);
    expect(Object.keys(persona?.properties ?? {}).sort()).toEqual(
      allowedKeys('pipelines:\n  persona-data:\n    zz: 1\n'),
    );
    expect(Object.keys(schema.$defs?.persona?.properties ?? {}).sort()).toEqual(
      allowedKeys('pipelines:\n  persona-data:\n    personas:\n      - { zz: 1 }\n'),
    );
    expect(schema.$defs?.persona?.required).toEqual(['name', 'agent', 'style']);
  });

  it('documents the loader’s defaults', () => {
    const defaults = defaultConfig().pipelines['persona-data'];
    const p = persona?.properties ?? {};
    expect(p.label?.default).toBe(defaults.label);
    expect(p['output-dir']?.default).toBe(defaults.outputDir);
    expect(p.formats?.default).toEqual(defaults.formats);
    expect(p.reviewer?.default).toBe(defaults.reviewer);
  });
});
