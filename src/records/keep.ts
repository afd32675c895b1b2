// Keeps a finished run's record (and persona-data's dataset rows) on the data branch; the one hook the front ends call.
import { readFileSync } from 'node:fs';
import { type Octokit, statusOf } from '../github/client.js';
import type { Redactor } from '../security/redact.js';
import { appendLines, DATASETS_DIR, monthFile, RECORDS_DIR, type StoreLocation } from './github-store.js';
import { type ResultFile, toStoredRecord } from './record.js';

/** One dataset row as kept in the store: the row, its provenance line, and the run and format it came from. */
export interface StoredDatasetRow {
  store: 1;
  run: string;
  format: string;
  /** When the run finished: the row's age in the merged dataset. */
  at: string;
  meta: Record<string, unknown>;
  row: unknown;
}

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/** The dataset rows a persona-data result lists, each joined to its provenance line. */
export function datasetRowsOf(result: ResultFile, id: string): StoredDatasetRow[] {
  const rows: StoredDatasetRow[] = [];
  for (const d of result.datasets?.datasets ?? []) {
    if (!d.file) continue;
    const data = jsonLines(readFileSync(d.file, 'utf8'));
    const meta = d.metaFile ? (jsonLines(readFileSync(d.metaFile, 'utf8')) as Record<string, unknown>[]) : [];
    data.forEach((row, i) =>
      rows.push({ store: 1, run: id, format: d.format, at: result.finishedAt, meta: meta[i] ?? {}, row }),
    );
  }
  return rows;
}

export interface KeepArgs {
  octokit: Octokit;
  at: StoreLocation;
  resultFile: string;
  /** recordId(...) of the run. */
  id: string;
  redactor: Redactor;
}

/** Appends the run's record to `records/<month>.jsonl` and its dataset rows to `datasets/<month>.jsonl`. */
export async function keepRunRecord(args: KeepArgs): Promise<{ path: string; datasetRows: number }> {
  const result = JSON.parse(readFileSync(args.resultFile, 'utf8')) as ResultFile;
  const stored = toStoredRecord(result, args.id, args.redactor);
  const message = `Record ${stored.pipeline} on #${stored.issue.number} (${stored.status})`;
  const path = monthFile(RECORDS_DIR, stored.startedAt);
  await appendLines(args.octokit, args.at, path, [JSON.stringify(stored)], message);
  const rows = datasetRowsOf(result, args.id).map((r) => JSON.stringify(args.redactor.redactDeep(r)));
  await appendLines(
    args.octokit,
    args.at,
    monthFile(DATASETS_DIR, stored.startedAt),
    rows,
    `Dataset rows of #${stored.issue.number}`,
  );
  return { path, datasetRows: rows.length };
}

/**
 * The front ends' hook: keeps the record when a records branch is configured; a store that cannot be written is a
 * warning (the run itself went fine), naming the permission it most likely lacks.
 */
export async function keepRecordIfConfigured(
  args: Omit<KeepArgs, 'at'> & {
    branch?: string;
    owner: string;
    repo: string;
    info: (m: string) => void;
    warn: (m: string) => void;
  },
): Promise<void> {
  if (!args.branch) return;
  try {
    const kept = await keepRunRecord({ ...args, at: { owner: args.owner, repo: args.repo, branch: args.branch } });
    args.info(
      `Kept the run's record in ${kept.path} on ${args.branch}${kept.datasetRows ? ` (and ${kept.datasetRows} dataset rows)` : ''}.`,
    );
  } catch (error) {
    const status = statusOf(error);
    const hint =
      status === 403 || status === 404 ? ' The job needs `permissions: contents: write` to keep records.' : '';
    args.warn(
      `Could not keep the run's record on the branch ${args.branch}: ${error instanceof Error ? error.message : String(error)}.${hint}`,
    );
  }
}
