// `ai-orchestra-action dashboard`: builds the static site from local records (a checkout of the data branch, result files).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergedPullUrls, readLocalRecords } from '../records/local.js';
import type { StoredRecord } from '../records/record.js';
import { renderDashboard } from './page.js';

export const DASHBOARD_USAGE = `Usage: ai-orchestra-action dashboard --records <dir|file>... [--pulls <pulls.json>] [--out <dir>] [--title <text>]

  --records  a checkout of the data branch (git worktree add ../data ai-orchestra-data), JSON Lines files of
             records, or a local run's --out folder (its result.json files); may be given several times
  --pulls    the repository's pull requests as GitHub lists them (gh api 'repos/OWNER/REPO/pulls?state=all'
             --paginate > pulls.json), to count the relay's merged pull requests
  --out      folder to write index.html to (default: _site)
  --title    shown in the page's title (default: the repository of the records)`;

/** Writes `<out>/index.html`; returns its path. */
export function writeDashboard(
  out: string,
  input: { records: StoredRecord[]; merged?: ReadonlySet<string>; title?: string; now?: Date },
): string {
  mkdirSync(out, { recursive: true });
  const file = join(out, 'index.html');
  const title = input.title ?? [...new Set(input.records.map((r) => r.repository))].join(', ');
  writeFileSync(
    file,
    renderDashboard({ records: input.records, merged: input.merged, now: input.now ?? new Date(), title }),
  );
  return file;
}

export function dashboardCommand(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', multiple: true },
      pulls: { type: 'string' },
      out: { type: 'string', default: '_site' },
      title: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.records?.length) {
    console.log(DASHBOARD_USAGE);
    return values.help ? 0 : 2;
  }
  const started = performance.now();
  const { records, skipped } = readLocalRecords(values.records.map((p) => resolve(p)));
  const merged = values.pulls ? mergedPullUrls(JSON.parse(readFileSync(values.pulls, 'utf8'))) : undefined;
  const file = writeDashboard(resolve(values.out ?? '_site'), { records, merged, title: values.title });
  const note = skipped ? ` (${skipped} lines were not records and were skipped)` : '';
  console.log(`dashboard: ${records.length} records → ${file} in ${Math.round(performance.now() - started)} ms${note}`);
  return 0;
}
