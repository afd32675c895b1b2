// The action's `mode: dashboard`: reads the records from the data branch, asks which relay pull requests were merged,
// and writes the site for GitHub Pages.
import type { Octokit } from '../github/client.js';
import { RECORDS_DIR, readFolder, type StoreLocation } from '../records/github-store.js';
import { parseStoredRecord, type StoredRecord } from '../records/record.js';
import { writeDashboard } from './command.js';

/** Pages of 100 pull requests read at most to learn which relay pull requests were merged. */
const MAX_PULL_PAGES = 30;

async function mergedRelayPulls(octokit: Octokit, at: StoreLocation, records: StoredRecord[]): Promise<Set<string>> {
  const wanted = new Set(records.map((r) => r.relay?.prUrl).filter((u): u is string => Boolean(u)));
  const merged = new Set<string>();
  if (wanted.size === 0) return merged;
  let pages = 0;
  await octokit.paginate(
    'GET /repos/{owner}/{repo}/pulls',
    { owner: at.owner, repo: at.repo, state: 'all', per_page: 100 },
    (response, done) => {
      for (const p of response.data) if (p.merged_at && wanted.has(p.html_url)) merged.add(p.html_url);
      if (++pages >= MAX_PULL_PAGES) done();
      return [];
    },
  );
  return merged;
}

export async function buildDashboardFromBranch(args: {
  octokit: Octokit;
  at: StoreLocation;
  outDir: string;
  now: Date;
}): Promise<{ file: string; records: number; skipped: number }> {
  const files = await readFolder(args.octokit, args.at, RECORDS_DIR);
  const byId = new Map<string, StoredRecord>();
  let skipped = 0;
  for (const f of files) {
    for (const line of f.text.split('\n')) {
      if (line.trim() === '') continue;
      const record = parseStoredRecord(line);
      if (record) byId.set(record.id, record);
      else skipped += 1;
    }
  }
  const records = [...byId.values()];
  const merged = await mergedRelayPulls(args.octokit, args.at, records);
  const file = writeDashboard(args.outDir, {
    records,
    merged,
    title: `${args.at.owner}/${args.at.repo}`,
    now: args.now,
  });
  return { file, records: records.length, skipped };
}
