// pipelines.relay-pipeline: defaults, the documented keys, and errors that name the file, line and key.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse.js';
import { defaultConfig } from '../../../src/config/schema.js';

const FILE = '.github/ai-orchestra.yml';
const relayOf = (yaml: string) => parseConfig(yaml, FILE).pipelines['relay-pipeline'];

function errorOf(yaml: string): string {
  try {
    parseConfig(yaml, FILE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a config error');
}

describe('relay-pipeline config', () => {
  it('defaults to claude (implement, write) → gemini (test) → codex (review, on-fail implement), max-rounds 2, create-pr', () => {
    const relay = defaultConfig().pipelines['relay-pipeline'];
    expect(relay).toMatchObject({ label: 'relay-pipeline', maxRounds: 2, createPr: true });
    expect(relay.stages.map((s) => [s.name, s.agent, s.write, s.pass, s.onFail])).toEqual([
      ['implement', 'claude', true, ['DONE'], undefined],
      ['test', 'gemini', false, ['PASS'], undefined],
      ['review', 'codex', false, ['APPROVED'], 'implement'],
    ]);
    expect(relay.stages.every((s) => s.instructions.length > 20 && s.run === undefined)).toBe(true);
  });

  it('reads the keys of the issue example', () => {
    const relay = relayOf(`
pipelines:
  relay-pipeline:
    label: relay-pipeline
    max-rounds: 2
    create-pr: true
    stages:
      - name: implement
        agent: claude
        instructions: Implement what the issue asks in this repository.
        write: true
        pass: [DONE]
      - name: test
        agent: gemini
        run: npm test
        pass: [PASS]
      - name: review
        agent: codex
        pass: [APPROVED]
        on-fail: implement
`);
    expect(relay.stages[0]).toMatchObject({
      name: 'implement',
      instructions: 'Implement what the issue asks in this repository.',
      write: true,
      pass: ['DONE'],
    });
    expect(relay.stages[1]).toMatchObject({ name: 'test', run: ['npm', 'test'], write: false, runTimeoutSec: 900 });
    expect(relay.stages[2]).toMatchObject({ name: 'review', onFail: 'implement' });
  });

  it('takes `run` as an argv list or a whitespace-split string, and refuses shell syntax in the string', () => {
    const stage = (run: string): string =>
      `pipelines:\n  relay-pipeline:\n    stages:\n      - name: test\n        agent: gemini\n        run: ${run}\n        run-timeout: 60\n`;
    expect(relayOf(stage('["npm", "run", "test -- --ci"]')).stages[0]).toMatchObject({
      run: ['npm', 'run', 'test -- --ci'],
      runTimeoutSec: 60,
    });
    expect(relayOf(stage('"  npx   vitest run  "')).stages[0]!.run).toEqual(['npx', 'vitest', 'run']);
    for (const bad of [
      '"npm ci && npm test"',
      '"npm test | tee log"',
      '"echo $HOME"',
      `"node -e 'x'"`,
      '"make > out"',
    ]) {
      expect(errorOf(stage(bad))).toMatch(
        /ai-orchestra\.yml:6: pipelines\.relay-pipeline\.stages\.0\.run: is run without a shell/,
      );
    }
    expect(errorOf(stage('[]'))).toMatch(/stages\.0\.run: must not be empty/);
  });

  it('upper-cases pass words and refuses words a verdict line could not carry', () => {
    const yaml = (pass: string): string =>
      `pipelines:\n  relay-pipeline:\n    stages:\n      - name: review\n        agent: codex\n        pass: ${pass}\n`;
    expect(relayOf(yaml('[approved, lgtm]')).stages[0]!.pass).toEqual(['APPROVED', 'LGTM']);
    expect(errorOf(yaml('["APPROVED?"]'))).toMatch(
      /:6: pipelines\.relay-pipeline\.stages\.0\.pass\.0: "APPROVED\?" is not a verdict word/,
    );
    expect(errorOf(yaml('[]'))).toMatch(/pass: must not be empty/);
  });

  it('names the line of bad keys, unknown agents, bad loop targets and duplicate stages', () => {
    const base = (stages: string): string => `pipelines:\n  relay-pipeline:\n    stages:\n${stages}`;
    expect(errorOf(base('      - name: implement\n        agent: claude\n        wirte: true\n'))).toMatch(
      /:6: pipelines\.relay-pipeline\.stages\.0\.wirte: unknown key/,
    );
    expect(errorOf(base('      - name: implement\n        agent: nobody\n'))).toMatch(
      /:5: pipelines\.relay-pipeline\.stages\.0\.agent: unknown agent "nobody"/,
    );
    expect(
      errorOf(
        base(
          '      - name: test\n        agent: gemini\n        on-fail: review\n      - name: review\n        agent: codex\n',
        ),
      ),
    ).toMatch(/:6: pipelines\.relay-pipeline\.stages\.0\.on-fail: "review" comes after "test"/);
    expect(errorOf(base('      - name: review\n        agent: codex\n        on-fail: nope\n'))).toMatch(
      /on-fail: unknown stage "nope"/,
    );
    expect(
      errorOf(base('      - name: review\n        agent: codex\n      - name: review\n        agent: claude\n')),
    ).toMatch(/stages\.1\.name: a stage named "review" already exists/);
    expect(errorOf(base('      - name: lint\n        agent: codex\n'))).toMatch(/stages\.0: needs "instructions"/);
    expect(errorOf(base('      - agent: codex\n'))).toMatch(/stages\.0: needs a "name"/);
    expect(errorOf(base('      - name: implement\n        agent: claude\n        write: "yes"\n'))).toMatch(
      /write: must be true or false/,
    );
    expect(errorOf('pipelines:\n  relay-pipeline:\n    max-rounds: -1\n')).toMatch(
      /:3: pipelines\.relay-pipeline\.max-rounds: must be a whole number from 0 to 10/,
    );
    expect(errorOf('pipelines:\n  relay-pipeline:\n    create-pr: maybe\n')).toMatch(
      /create-pr: must be true or false/,
    );
    expect(errorOf('pipelines:\n  relay-pipeline:\n    stages: []\n')).toMatch(/stages: must be a non-empty list/);
    expect(errorOf('pipelines:\n  relay-pipeline:\n    rounds: 3\n')).toMatch(/relay-pipeline\.rounds: unknown key/);
  });

  it('lets a stage send work back to itself, and keeps defaults for keys not given', () => {
    const relay = relayOf(
      'pipelines:\n  relay-pipeline:\n    max-rounds: 0\n    create-pr: false\n    stages:\n      - name: review\n        agent: codex\n        on-fail: review\n',
    );
    expect(relay).toMatchObject({ maxRounds: 0, createPr: false, label: 'relay-pipeline' });
    expect(relay.stages[0]).toMatchObject({ onFail: 'review', pass: ['PASS'], write: false });
  });
});
