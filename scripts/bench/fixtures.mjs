// Loads the TypeScript test fixtures (fake GitHub server, integration harness) into plain Node with one esbuild step.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** { startFakeGitHub, runAction, makeIssueEvent, seedIssueFromEvent, ... } from the real fixtures, bundled once. */
export async function loadFixtures(repoRoot) {
  const dir = mkdtempSync(join(tmpdir(), 'ai-orchestra-bench-fixtures-'));
  const outfile = join(dir, 'fixtures.mjs');
  try {
    await build({
      stdin: {
        contents: [
          "export * from './__tests__/integration/harness.ts';",
          "export { startFakeGitHub } from './__fixtures__/fake-github/server.ts';",
        ].join('\n'),
        resolveDir: repoRoot,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      // The harness locates the repository from its own URL; point it at the source file, not the bundle.
      define: {
        'import.meta.url': JSON.stringify(pathToFileURL(join(repoRoot, '__tests__/integration/harness.ts')).href),
      },
      banner: {
        js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
      },
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
