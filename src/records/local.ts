// Reads run records from local files: a checkout of the data branch, copies of its JSON Lines, or result.json files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Redactor } from '../security/redact.js';
import type { StoredDatasetRow } from './keep.js';
import { parseStoredRecord, type ResultFile, type StoredRecord, toStoredRecord } from './record.js';

/** Every file below `path` (or `path` itself), in a stable order; hidden folders such as .git are skipped. */
export function filesBelow(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') || e.name === '.ai-orchestra')
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => filesBelow(join(path, e.name)));
}

export interface LocalRecords {
  records: StoredRecord[];
  datasetRows: StoredDatasetRow[];
  /** Lines that were neither a record nor a dataset row. */
  skipped: number;
}

function isDatasetRow(value: unknown): value is StoredDatasetRow {
  const r = value as Partial<StoredDatasetRow> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.store === 1 &&
    typeof r.run === 'string' &&
    typeof r.format === 'string' &&
    'row' in r
  );
}

/**
 * Records and dataset rows from JSON Lines files and result.json files (a local run's `--out` folder): a record seen
 * twice (the same id) is kept once, the last one read.
 */
export function readLocalRecords(paths: string[]): LocalRecords {
  const records = new Map<string, StoredRecord>();
  const datasetRows: StoredDatasetRow[] = [];
  let skipped = 0;
  const redactor = new Redactor([]);
  for (const file of paths.flatMap(filesBelow)) {
    if (basename(file) === 'result.json') {
      const result = JSON.parse(readFileSync(file, 'utf8')) as ResultFile;
      // A local run's folder is named <run id>-<attempt>-issue-<n>.
      records.set(
        `${result.repository}#${basename(dirname(file))}`,
        toStoredRecord(result, `${result.repository}#${basename(dirname(file))}`, redactor),
      );
      continue;
    }
    if (!file.endsWith('.jsonl')) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = parseStoredRecord(line);
      if (record) {
        records.set(record.id, record);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (isDatasetRow(value)) datasetRows.push(value);
      else skipped += 1;
    }
  }
  return { records: [...records.values()], datasetRows, skipped };
}

/** The merged pull requests' URLs from a GitHub pulls listing (`gh api 'repos/o/r/pulls?state=all'`). */
export function mergedPullUrls(pulls: unknown): Set<string> {
  if (!Array.isArray(pulls)) return new Set();
  return new Set(
    pulls
      .filter((p: { merged_at?: unknown; html_url?: unknown }) => p && typeof p.html_url === 'string' && p.merged_at)
      .map((p: { html_url: string }) => p.html_url),
  );
}
