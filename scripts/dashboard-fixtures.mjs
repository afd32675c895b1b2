// Writes the dashboard's fixture records (`__fixtures__/dashboard/records/`) from the seeded generator, as the data
// branch holds them: one JSON line per run in records/<yyyy-mm>.jsonl, and the relay's pull requests in pulls.json.
// `--count N --out DIR` writes a bigger set elsewhere (the 10,000-record measurement).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '360' }, out: { type: 'string', default: '__fixtures__/dashboard' } },
});
const temp = mkdtempSync(join(tmpdir(), 'dashboard-fixtures-'));
try {
  const outfile = join(temp, 'generate.mjs');
  await build({
    entryPoints: ['__fixtures__/dashboard/generate.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const { generateHistory } = await import(pathToFileURL(outfile).href);
  const { records, pulls } = generateHistory(Number(values.count));
  const dir = join(values.out, 'records');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const byMonth = new Map();
  for (const r of records) byMonth.set(r.startedAt.slice(0, 7), [...(byMonth.get(r.startedAt.slice(0, 7)) ?? []), r]);
  for (const [month, rs] of byMonth)
    writeFileSync(join(dir, `${month}.jsonl`), rs.map((r) => `${JSON.stringify(r)}\n`).join(''));
  writeFileSync(join(values.out, 'pulls.json'), `${JSON.stringify(pulls, null, 1)}\n`);
  console.log(
    `${records.length} records in ${byMonth.size} month files under ${dir}; ${pulls.length} pull requests in ${join(values.out, 'pulls.json')}`,
  );
} finally {
  rmSync(temp, { recursive: true, force: true });
}
