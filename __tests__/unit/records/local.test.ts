// Tests reading records from local files: data-branch JSON lines, a local run's result.json, dataset rows, junk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateHistory } from '../../../__fixtures__/dashboard/generate.js';
import { mergedPullUrls, readLocalRecords } from '../../../src/records/local.js';

describe('local records', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-records-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JSON lines and result files below a folder, keeps the last record of an id, and counts the rest', () => {
    const { results, records } = generateHistory(4, 9);
    mkdirSync(join(dir, 'records'));
    writeFileSync(
      join(dir, 'records', '2026-11.jsonl'),
      `${JSON.stringify(records[0])}\n${JSON.stringify({ ...records[0], status: 'failure' })}\nnot json\n`,
    );
    writeFileSync(
      join(dir, 'records', '2026-12.jsonl'),
      `${JSON.stringify(records[1])}\n${JSON.stringify({ store: 1, run: records[1]!.id, format: 'dpo', at: 'x', meta: {}, row: {} })}\n`,
    );
    mkdirSync(join(dir, '.ai-orchestra', '1001-1-issue-7'), { recursive: true });
    writeFileSync(join(dir, '.ai-orchestra', '1001-1-issue-7', 'result.json'), JSON.stringify(results[2]));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'x.jsonl'), JSON.stringify(records[3]));
    const local = readLocalRecords([dir]);
    expect(local.records.map((r) => r.id).sort()).toEqual(
      [records[0]!.id, records[1]!.id, `${results[2]!.repository}#1001-1-issue-7`].sort(),
    );
    expect(local.records.find((r) => r.id === records[0]!.id)!.status).toBe('failure');
    expect(local.datasetRows).toHaveLength(1);
    expect(local.skipped).toBe(1);
  });

  it('takes the merged pull requests from a GitHub listing', () => {
    expect(
      mergedPullUrls([
        { html_url: 'https://github.com/a/b/pull/1', merged_at: '2026-01-01T00:00:00Z' },
        { html_url: 'https://github.com/a/b/pull/2', merged_at: null },
        null,
        'x',
      ]),
    ).toEqual(new Set(['https://github.com/a/b/pull/1']));
    expect(mergedPullUrls({ message: 'Not Found' })).toEqual(new Set());
  });
});
