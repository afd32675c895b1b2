// Bundles the action (dist/index.js) and the local CLI (dist/cli.js) with esbuild; `--outdir` for check-dist.

import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : 'dist';
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // What `ai-orchestra-action --version` prints.
  define: { AI_ORCHESTRA_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(); an ESM bundle needs it defined.
  banner: {
    js: "import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);",
  },
});
