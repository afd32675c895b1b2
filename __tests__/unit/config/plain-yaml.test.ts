// The fast config reader (js-yaml, plain YAML only) against the reference reader (`yaml`): whatever the fast one
// accepts, it must read to the same value, and a config must load to the same Config, or fail with the same message,
// whichever reader read it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readConfig } from '../../../src/config/load.js';
import { parseConfig } from '../../../src/config/parse.js';
import { readPlainYaml, UNSUPPORTED } from '../../../src/config/plain-yaml.js';

const ROOT = join(import.meta.dirname, '../../..');
const FILE = '.github/ai-orchestra.yml';

/** `yaml`'s reading, as parseConfig takes it: undefined where it reports an error. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : (doc.toJS() ?? {});
}

/** The fast reader never accepts what `yaml` refuses, and reads what it accepts to the same value. */
function expectSameValue(text: string): boolean {
  const fast = readPlainYaml(text);
  if (fast === UNSUPPORTED) return false;
  const expected = reference(text);
  expect(expected, `yaml refuses what the fast reader took:\n${text}`).not.toBeUndefined();
  expect(fast, text).toEqual(expected);
  return true;
}

async function outcome(read: () => unknown): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: await read() };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** readConfig (what the action runs) and parseConfig (the reference) give the same Config or the same error. */
async function expectSameConfig(text: string): Promise<void> {
  const fast = await outcome(() => readConfig(text, FILE));
  const slow = await outcome(() => parseConfig(text, FILE));
  expect(fast, text).toEqual(slow);
}

const SCALARS = [
  ...['0', '-0', '+0', '00', '012', '0o17', '0o8', '0o', '0x1F', '0xG', '0x', '-0x1F', '+0x1F', '0b101', '1_000'],
  ...['12', '+12', '-12', '9007199254740993', '1.', '.5', '-.5', '+.5', '1.5e-3', '1e3', '1E3', '1.0e+3', '1e'],
  ...['1e400', '-1e400', 'e3', '0.1.2', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'NaN', 'inf', '.'],
  ...['~', 'null', 'Null', 'NULL', 'nUll', '', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE'],
  ...['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', '2024-01-01', '2001-12-14t21:59:43.10-05:00', '12:30'],
  ...['1:30:00', '<<', '=', '-', '--', '@x', '`x`', '"q"', "'s'", '"a\\tb\\u00e9\\x41\\/"', "'it''s'", '"\\N\\_"'],
  ...['a # comment', 'a#b', '"#"', 'http://x.test/a?b=c#d', '~/path', '$HOME', '${{ secrets.X }}', 'a: b', '- a'],
  ...['? x', '!!str 1', '!!int "1"', '!!float 1', '!!bool true', '!!null ""', '!!binary aGk=', '!foo bar', '&a 1'],
  ...['[]', '{}', '[1, two, "3"]', '{a: 1, b: [x, y]}', '[a, [b, [c]]]', '{a: {b: {c: d}}}', '[a, b, ]', '{a, b}'],
];

const DOCUMENTS = [
  '',
  '# only a comment\n',
  '---\n',
  '---\na: 1\n...\n',
  '~\n',
  'a: 1\n---\nb: 2\n',
  '%YAML 1.1\n---\na: yes\n',
  '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n',
  'a: &x {b: 1}\nc: *x\n',
  'a: 1\na: 2\n',
  'a: 1\n"a": 2\n',
  '1: a\n"1": b\n',
  '__proto__: {polluted: true}\nconstructor: x\n',
  '? complex\n: value\n',
  '? [a, b]\n: value\n',
  '{a: 1}: x\n',
  'key with spaces: v\n"quoted key": v\n\'single\': v\n',
  'a:\n  - b\n  -   c\n  - - d\n    - e\n',
  'a:\n- b\n- c\n',
  'a: |\n  line 1\n  line 2\n\nb: x\n',
  'a: |-\n  kept\n\n\n',
  'a: |+\n  kept\n\n\n',
  'a: >\n  folded\n  text\n\n  new para\n    indented\n  back\n',
  'a: >-\n  x\n  y\n',
  'a: |2\n    two extra\n  base\n',
  'a: |\n\n  leading blank\n',
  'a: |\n  tab\there\n',
  'a: plain\n  continued\n  over lines\n',
  'a: "double\n  quoted\n\n  folded"\n',
  'a: "line \\\n  continued"\n',
  "a: 'single\n  quoted'\n",
  'a: x # trailing comment\n# between\nb: y\n',
  'a:    spaced   \nb:\t tabbed\n',
  'a: x\r\nb: y\r\n',
  '\uFEFFa: bom\n',
  'a: é ü 中文 🎉\n',
  'a:\n  b:\n    c:\n      d:\n        e: deep\n',
  'a: [1,\n  2,\n  3]\n',
  'a: {x: 1,\n  y: 2}\n',
  'a: [x: 1, y: 2]\n',
  'a: [?x, y]\n',
  'a: -1\nb: - 1\n',
  'a:\n\tb: tab indent\n',
  'a: b: c\n',
  '- top\n- level\n- list\n',
  'just a string\n',
  '"a": 1\n"b": [1, 2]\n',
  'a: !!str\n',
  'a: "unterminated\n',
  'a: [unclosed\n',
  'a:\n  - b\n c: bad indent\n',
  `${'x: '.repeat(1)}${'['.repeat(120)}${']'.repeat(120)}\n`,
  // Found by an attacker's read: a lone carriage return, null and empty keys, an over-long key, a bare `:` line.
  'agents:\n  claude:\n    cli: claude\n    args: [] # defaults\r    pass-env: [GH_TOKEN]\n',
  'a: x\r\r\n',
  'a: x\rb: y\r',
  '~: a\n',
  'null: a\n',
  '? \n: a\n',
  '{: a}\n',
  'agents: {~: {cli: claude}}\n',
  `${'k'.repeat(1100)}: v\n`,
  'x: 1\n:  prices:\n    m: 2\n',
];

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

const REPO_YAML = [
  readFileSync(join(ROOT, 'examples/ai-orchestra.yml'), 'utf8'),
  ...readdirSync(join(ROOT, 'examples/workflows')).map((f) =>
    readFileSync(join(ROOT, 'examples/workflows', f), 'utf8'),
  ),
  ...yamlBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8')),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => yamlBlocks(readFileSync(join(ROOT, 'docs', f), 'utf8'))),
];

/** A small seeded generator (mulberry32), so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'agents',
  'cli',
  'model',
  'args',
  'env',
  'timeout',
  'label',
  'a-b',
  'x_y',
  '1',
  'true',
  'on',
  'k k',
  '~',
  'null',
  '1.0',
  '0x10',
  '.inf',
  '""',
];
const LEAVES = [...SCALARS.filter((s) => !/^[[{]|: |^- |^\? |^!|^&/.test(s)), 'plain words here', "'it''s'"];

/** A random block document of mappings, sequences, flow collections and block scalars. */
function randomDocument(next: () => number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const lines: string[] = [];
  const block = (indent: string, depth: number): void => {
    const used = new Set<string>();
    for (let n = 1 + Math.floor(next() * 4); n > 0; n--) {
      let key = pick(KEYS);
      if (used.has(key)) continue;
      used.add(key);
      if (next() < 0.3) key = `"${key}"`;
      const shape = next();
      if (depth < 3 && shape < 0.3) {
        lines.push(`${indent}${key}:`);
        block(`${indent}  `, depth + 1);
      } else if (depth < 3 && shape < 0.45) {
        lines.push(`${indent}${key}:`);
        for (let i = 1 + Math.floor(next() * 3); i > 0; i--) lines.push(`${indent}  - ${pick(LEAVES)}`);
      } else if (shape < 0.55) {
        lines.push(`${indent}${key}: [${[pick(LEAVES), pick(LEAVES)].filter((s) => s !== '').join(', ')}]`);
      } else if (shape < 0.65) {
        lines.push(
          `${indent}${key}: ${pick(['|', '>', '|-', '>+'])}`,
          `${indent}  first line`,
          `${indent}  second`,
          '',
        );
      } else {
        lines.push(`${indent}${key}: ${pick(LEAVES)}${next() < 0.2 ? ' # note' : ''}`);
      }
    }
  };
  block('', 0);
  return `${lines.join('\n')}\n`;
}

describe('the fast config reader', () => {
  it('resolves every scalar as yaml does, in block and in flow context', () => {
    for (const scalar of SCALARS) {
      expectSameValue(`k: ${scalar}\n`);
      expectSameValue(`k: [${scalar}]\n`);
      expectSameValue(`- ${scalar}\n`);
    }
  });

  it('reads every document shape as yaml does, and leaves tags, anchors, directives and errors to yaml', () => {
    const taken = DOCUMENTS.filter((text) => expectSameValue(text));
    // The fast reader takes the plain shapes (these counts move only with the corpus above).
    expect(taken.length).toBeGreaterThan(30);
    for (const text of [
      'args: [] # defaults\r    pass-env: [GH_TOKEN]\n',
      '~: a\n',
      `${'k'.repeat(1100)}: v\n`,
      '%YAML 1.1\n---\na: yes\n',
      'a: &x {b: 1}\nc: *x\n',
      'a: !!str 1\n',
      'a: 1\na: 2\n',
      'a: 1\n---\nb: 2\n',
      '# only a comment\n',
    ]) {
      expect(readPlainYaml(text), text).toBe(UNSUPPORTED);
    }
  });

  it('reads the repository’s own YAML (the example config, the workflows, every block in the docs) as yaml does', () => {
    expect(REPO_YAML.length).toBeGreaterThan(15);
    for (const text of REPO_YAML) expect(expectSameValue(text), text).toBe(true);
  });

  it('agrees with yaml on 600 generated documents', () => {
    const next = random(20261204);
    let taken = 0;
    for (let i = 0; i < 600; i++) if (expectSameValue(randomDocument(next))) taken++;
    expect(taken).toBeGreaterThan(300);
  });
});

describe('readConfig, the reader loadConfig uses', () => {
  it('loads the same Config as parseConfig, or fails with the same message, line included', async () => {
    const configs = [
      ...REPO_YAML,
      ...DOCUMENTS,
      'agents:\n  local:\n    command: [my-agent, --fast]\n',
      'agents:\n  claude: { cli: claude, timeout: 1e3 }\n',
      'agents:\n  claude: { cli: claude, timeout: 0x10 }\n',
      'settings:\n  max-parallel: 0\n',
      'settings:\n  max-parallel: 2\n  comment-mode: combined\n',
      'settings:\n  max-paralel: 2\n',
      'pipelines:\n  ai-review:\n    agents: [claude, nobody]\n',
      'agents:\n  claude:\n    cli: claude\n    version: 1.0\n',
      'agents:\n  claude:\n    cli: claude\n    version: "1.0.0"\n',
    ];
    for (const text of configs) await expectSameConfig(text);
  });

  it('names the line of a problem in a config the fast reader read', async () => {
    await expect(readConfig('settings:\n  max-parallel: 2\n  kill-grace-sec: -1\n', FILE)).rejects.toThrow(
      `${FILE}:3: settings.kill-grace-sec:`,
    );
  });
});
