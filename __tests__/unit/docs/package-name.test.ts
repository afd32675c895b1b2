// The command users are told to run must resolve to our code: the npm name `ai-orchestra` is someone else's package,
// so no doc may send anyone to `npx ai-orchestra`, and our bin is named after our own (unclaimed) package name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
};
const CANONICAL_REPO = 'ai-orchestra/ai-orchestra-action';

function docs(): [string, string][] {
  const files = [
    'README.md',
    'SECURITY.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const examples = readdirSync(join(ROOT, 'examples', 'workflows')).map((f) => `examples/workflows/${f}`);
  return [...files, ...examples].map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]);
}

describe('package and command names', () => {
  it('is not the npm name of an unrelated project, and the bin is the package name', () => {
    expect(pkg.name).not.toBe('ai-orchestra');
    expect(Object.keys(pkg.bin)).toEqual([pkg.name]);
  });

  it.each(docs())(
    '%s never documents npx of a package that is not ours, nor a placeholder repository',
    (_file, text) => {
      // `npx X` runs the npm package X when it is not installed locally: only devDependencies of a clone are fine there.
      for (const m of text.matchAll(/(?:^|`|\$ )\s*npx\s+(?:--?\S+\s+)*([@\w./-]+)/gm)) {
        expect(['vitest', 'tsc', 'esbuild'], `npx ${m[1]}`).toContain(m[1]);
      }
      expect(text).not.toMatch(/your-org\//);
      for (const m of text.matchAll(/uses:\s*([\w.-]+\/[\w.-]*orchestra[\w.-]*)@/g)) expect(m[1]).toBe(CANONICAL_REPO);
    },
  );

  it('the schema $id is the URL the README points editors at', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'ai-orchestra.schema.json'), 'utf8')) as {
      $id: string;
    };
    expect(schema.$id).toBe(`https://raw.githubusercontent.com/${CANONICAL_REPO}/main/schema/ai-orchestra.schema.json`);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`$schema=${schema.$id}`);
  });
});
