// `ai-orchestra-action dataset collect`: merges every persona-data run's kept rows into one versioned dataset per format,
// deduplicated across runs, each row's provenance kept, and validated as validate-dataset does.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATASET_FORMATS, type DatasetFormat, toJsonl } from '../dataset/formats.js';
import { validateJsonl, validateRow } from '../dataset/validate.js';
import type { StoredDatasetRow } from './keep.js';
import { readLocalRecords } from './local.js';

export interface CollectedFormat {
  format: DatasetFormat;
  rows: unknown[];
  /** One line per row, same order: its content hash, the runs that produced it (first first), and its first provenance. */
  meta: Record<string, unknown>[];
  duplicates: number;
  invalid: { run: string; problem: string }[];
  sha256: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Merges rows of one format: oldest first, a row seen again (the same JSON) only adds its run to the first one's provenance. */
export function collectFormat(format: DatasetFormat, all: StoredDatasetRow[]): CollectedFormat {
  const rows = all
    .filter((r) => r.format === format)
    .sort((a, b) => a.at.localeCompare(b.at) || a.run.localeCompare(b.run));
  const byHash = new Map<string, { row: unknown; meta: Record<string, unknown> & { runs: string[] } }>();
  const invalid: CollectedFormat['invalid'] = [];
  let duplicates = 0;
  for (const r of rows) {
    const problem = validateRow(format, r.row);
    if (problem) {
      invalid.push({ run: r.run, problem });
      continue;
    }
    const hash = sha256(JSON.stringify(r.row));
    const seen = byHash.get(hash);
    if (seen) {
      duplicates += 1;
      if (!seen.meta.runs.includes(r.run)) seen.meta.runs.push(r.run);
      continue;
    }
    byHash.set(hash, { row: r.row, meta: { ...r.meta, sha256: hash, runs: [r.run], firstSeen: r.at } });
  }
  const kept = [...byHash.values()];
  const text = toJsonl(kept.map((k) => k.row));
  return {
    format,
    rows: kept.map((k) => k.row),
    meta: kept.map((k) => k.meta),
    duplicates,
    invalid,
    sha256: sha256(text),
  };
}

interface Manifest {
  version: number;
  builtAt: string;
  formats: Record<
    string,
    { file: string; meta: string; rows: number; sha256: string; duplicatesDropped: number; invalidDropped: number }
  >;
}

/**
 * Writes `<format>.v<N>.jsonl` and its `.meta.jsonl` for every format with rows, and manifest.json. N goes up by one
 * when any format's content changed since the manifest in `out`; unchanged data keeps its version and files.
 */
export function writeCollected(
  out: string,
  collected: CollectedFormat[],
  now: Date,
): { manifest: Manifest; changed: boolean } {
  mkdirSync(out, { recursive: true });
  const manifestFile = join(out, 'manifest.json');
  const previous = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest) : undefined;
  const present = collected.filter((c) => c.rows.length > 0);
  const changed =
    !previous ||
    present.length !== Object.keys(previous.formats).length ||
    present.some((c) => previous.formats[c.format]?.sha256 !== c.sha256);
  if (!changed) return { manifest: previous, changed };
  const version = (previous?.version ?? 0) + 1;
  const manifest: Manifest = { version, builtAt: now.toISOString(), formats: {} };
  for (const c of present) {
    const file = `${c.format}.v${version}.jsonl`;
    const meta = `${c.format}.v${version}.meta.jsonl`;
    const text = toJsonl(c.rows);
    // The same check as validate-dataset, on the exact text a trainer will read.
    const report = validateJsonl(text, c.format);
    if (report.invalid > 0)
      throw new Error(`${file} would not validate: line ${report.errors[0]?.line}: ${report.errors[0]?.message}`);
    writeFileSync(join(out, file), text);
    writeFileSync(join(out, meta), toJsonl(c.meta));
    manifest.formats[c.format] = {
      file,
      meta,
      rows: c.rows.length,
      sha256: c.sha256,
      duplicatesDropped: c.duplicates,
      invalidDropped: c.invalid.length,
    };
  }
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, changed };
}

export const COLLECT_USAGE = `Usage: ai-orchestra-action dataset collect --records <dir|file>... [--out <dir>]

  Merges the persona-data rows kept on the data branch (a checkout of it, or its datasets/*.jsonl) into one dataset
  per format: <format>.v<N>.jsonl (what a trainer reads), <format>.v<N>.meta.jsonl (each row's hash, the runs that
  produced it, its provenance) and manifest.json. Rows are deduplicated across runs and validated as validate-dataset
  does; N goes up when the content changed. Default --out: datasets/.`;

export function datasetCollectCommand(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', multiple: true },
      out: { type: 'string', default: 'datasets' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.records?.length) {
    console.log(COLLECT_USAGE);
    return values.help ? 0 : 2;
  }
  const { datasetRows } = readLocalRecords(values.records.map((p) => resolve(p)));
  const collected = DATASET_FORMATS.map((f) => collectFormat(f, datasetRows));
  const { manifest, changed } = writeCollected(resolve(values.out ?? 'datasets'), collected, new Date());
  for (const c of collected) {
    for (const bad of c.invalid.slice(0, 5))
      console.error(`Dropped an invalid ${c.format} row of ${bad.run}: ${bad.problem}`);
    if (c.rows.length > 0)
      console.log(
        `${c.format}: ${c.rows.length} rows (${c.duplicates} duplicates and ${c.invalid.length} invalid rows dropped)`,
      );
  }
  console.log(
    `${changed ? 'wrote' : 'unchanged:'} version ${manifest.version} in ${resolve(values.out ?? 'datasets')}`,
  );
  return 0;
}
