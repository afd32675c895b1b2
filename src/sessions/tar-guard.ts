// A `tar` that @actions/cache finds first on PATH while a session entry is restored: before it lets the real tar
// extract (with the `-P` that @actions/cache always passes), it lists the archive and refuses any member that is not a
// plain file or folder, or whose path leads outside the one folder the entry belongs in. A poisoned cache entry then
// cannot write anywhere else on the runner (see SECURITY.md, "Session store").
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The guard program (plain Node, no imports of ours): argv = real tar, allowed folder, then tar's own arguments. */
const GUARD = String.raw`
import { spawnSync } from 'node:child_process';
import { resolve, sep } from 'node:path';
const [realTar, allowed, ...args] = process.argv.slice(2);
const run = (argv) => spawnSync(realTar, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
const flag = args.findIndex((a) => /^-[A-Za-z]*x[A-Za-z]*$/.test(a));
if (flag === -1) {
  const passed = spawnSync(realTar, args, { stdio: 'inherit' });
  process.exit(passed.status ?? 1);
}
const c = args.indexOf('-C');
const base = c === -1 ? process.cwd() : args[c + 1];
const listing = args.filter((a, i) => a !== '-P' && i !== c && i !== c + 1);
const fail = (why) => {
  process.stderr.write('ai-orchestra: refused the session cache entry: ' + why + '\n');
  process.exit(2);
};
// @actions/cache extracts with "-xf <archive> -P -C <dir>" and its decompression flags.
if (args[flag] !== '-xf') fail('unexpected tar arguments ' + args[flag]);
const verbose = run(listing.map((a) => (a === '-xf' ? '-tvf' : a)));
const names = run(listing.map((a) => (a === '-xf' ? '-tf' : a)));
if (verbose.status !== 0 || names.status !== 0) fail('cannot list it: ' + (verbose.stderr || names.stderr).trim());
for (const line of verbose.stdout.split('\n').filter(Boolean)) if (line[0] !== '-' && line[0] !== 'd') fail('a member is not a plain file or folder: ' + line);
for (const name of names.stdout.split('\n').filter(Boolean)) {
  const target = resolve(base, name);
  if (target !== allowed && !target.startsWith(allowed + sep)) fail(name + ' leads outside ' + allowed);
}
const extracted = spawnSync(realTar, args, { stdio: 'inherit' });
process.exit(extracted.status ?? 1);
`;

/**
 * Writes the guard below `dir` for an entry to be extracted into `allowed`; returns the folder to put first on PATH.
 * `realTar`: the tar it checks with and then runs (absolute).
 */
export function writeTarGuard(dir: string, allowed: string, realTar: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const script = join(dir, 'tar-guard.mjs');
  writeFileSync(script, GUARD);
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    join(bin, 'tar'),
    `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(script)} ${quote(realTar)} ${quote(allowed)} "$@"\n`,
  );
  chmodSync(join(bin, 'tar'), 0o755);
  return bin;
}
