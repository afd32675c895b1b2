// Fails when the committed dist/ differs from a fresh bundle of src/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'ai-orchestra-dist-'));
execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', fresh], { stdio: 'inherit' });

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const list = (dir) =>
  files(dir)
    .map((f) => relative(dir, f))
    .sort();
const committed = list('dist');
const built = list(fresh);
const differing = [...new Set([...committed, ...built])].filter((f) => {
  try {
    return !readFileSync(join('dist', f)).equals(readFileSync(join(fresh, f)));
  } catch {
    return true;
  }
});
rmSync(fresh, { recursive: true, force: true });
if (differing.length > 0) {
  console.error(
    `dist/ is stale: ${differing.join(', ')} differ from a fresh bundle. Run \`npm run bundle\` and commit dist/.`,
  );
  process.exit(1);
}
console.log(`dist/ matches a fresh bundle (${committed.length} files).`);
