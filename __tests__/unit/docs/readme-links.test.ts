// Every link a newcomer follows from the README lands: anchors name a heading (GitHub's slugs), files exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

describe.each(['README.md', 'docs/local-runs.md', 'docs/compatibility.md', 'docs/install.md'])('%s links', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const outsideCode = text.replace(/```[\s\S]*?```/g, '');
  const links = [...outsideCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));

  it('anchors name a heading of their file', () => {
    for (const link of links.filter((l) => l.includes('#'))) {
      const [path, anchor] = link.split('#') as [string, string];
      const target = path ? join(ROOT, file, '..', path) : join(ROOT, file);
      const headings = [...readFileSync(target, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!));
      expect(headings, link).toContain(anchor);
    }
  });

  it('files exist', () => {
    for (const link of links.map((l) => l.split('#')[0]!).filter(Boolean))
      expect(existsSync(join(ROOT, file, '..', decodeURI(link))), link).toBe(true);
  });
});
