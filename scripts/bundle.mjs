// Bundles the action (dist/index.js) and the local CLI (dist/cli.js) with esbuild; `--outdir` for check-dist.

import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : 'dist';
rmSync(outdir, { recursive: true, force: true });

// @actions/core imports its OIDC client (and through it @actions/http-client and undici, about 0.8 MB) at the top of its
// index, for getIDToken, which this action never calls. Declaring those modules free of side effects lets esbuild drop
// them where nothing uses them, so the start-up chunks load without undici; @actions/cache and @actions/artifact, which
// use it, still get it in their own lazily imported chunks.
const SIDE_EFFECT_FREE =
  /node_modules\/(@actions\/core\/lib\/oidc-utils\.js|@actions\/http-client\/lib\/index\.js|undici\/)/;
const dropUnusedOidc = {
  name: 'drop-unused-oidc',
  setup(b) {
    b.onResolve({ filter: /oidc-utils|http-client|^undici$/ }, async (args) => {
      if (args.pluginData?.dropUnusedOidc) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { dropUnusedOidc: true },
      });
      if (resolved.errors.length > 0 || !SIDE_EFFECT_FREE.test(resolved.path)) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

await build({
  plugins: [dropUnusedOidc],
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
