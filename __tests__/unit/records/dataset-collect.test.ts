// Tests merging the stored persona-data rows into one versioned dataset per format.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateJsonl } from '../../../src/dataset/validate.js';
import { collectFormat, writeCollected } from '../../../src/records/dataset-collect.js';
import type { StoredDatasetRow } from '../../../src/records/keep.js';

const chat = (answer: string) => ({
  messages: [
    { role: 'system', content: 'Be terse.' },
    { role: 'user', content: 'Why does it crash?' },
    { role: 'assistant', content: answer },
  ],
});
const row = (run: string, at: string, value: unknown, meta: Record<string, unknown> = {}): StoredDatasetRow => ({
  store: 1,
  run,
  format: 'openai-chat',
  at,
  meta: { id: `${run}-x`, ...meta },
  row: value,
});

describe('dataset collect', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'collect-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('keeps one copy of a row seen in several runs, with every run in its provenance, oldest first', () => {
    const c = collectFormat('openai-chat', [
      row('r2', '2026-12-02T00:00:00Z', chat('Null config.'), { persona: 'terse' }),
      row('r1', '2026-12-01T00:00:00Z', chat('Null config.'), { persona: 'terse' }),
      row('r1', '2026-12-01T00:00:00Z', chat('A race in the cache.')),
      { ...row('r3', '2026-12-03T00:00:00Z', { prompt: [], completion: [] }), format: 'trl-sft' },
    ]);
    expect(c.rows).toEqual([chat('Null config.'), chat('A race in the cache.')]);
    expect(c.duplicates).toBe(1);
    expect(c.meta[0]).toMatchObject({
      runs: ['r1', 'r2'],
      firstSeen: '2026-12-01T00:00:00Z',
      persona: 'terse',
      id: 'r1-x',
    });
    expect(c.meta[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('drops rows the trainers would refuse, as validate-dataset does', () => {
    const c = collectFormat('openai-chat', [
      row('r1', '2026-12-01T00:00:00Z', chat('ok')),
      row('r2', '2026-12-01T00:00:00Z', { messages: [{ role: 'user', content: 'no answer' }], extra: 1 }),
    ]);
    expect(c.rows).toHaveLength(1);
    expect(c.invalid).toEqual([{ run: 'r2', problem: expect.stringContaining('extra') }]);
  });

  it('writes version 1, keeps it while nothing changes, and writes version 2 when rows are added', () => {
    const first = [row('r1', '2026-12-01T00:00:00Z', chat('one'))];
    const v1 = writeCollected(out, [collectFormat('openai-chat', first)], new Date('2026-12-04T00:00:00Z'));
    expect(v1).toMatchObject({
      changed: true,
      manifest: { version: 1, formats: { 'openai-chat': { file: 'openai-chat.v1.jsonl', rows: 1 } } },
    });
    expect(validateJsonl(readFileSync(join(out, 'openai-chat.v1.jsonl'), 'utf8'), 'openai-chat').valid).toBe(1);
    expect(writeCollected(out, [collectFormat('openai-chat', first)], new Date()).changed).toBe(false);
    const v2 = writeCollected(
      out,
      [collectFormat('openai-chat', [...first, row('r2', '2026-12-02T00:00:00Z', chat('two'))])],
      new Date(),
    );
    expect(v2.manifest.version).toBe(2);
    expect(readdirSync(out).sort()).toEqual([
      'manifest.json',
      'openai-chat.v1.jsonl',
      'openai-chat.v1.meta.jsonl',
      'openai-chat.v2.jsonl',
      'openai-chat.v2.meta.jsonl',
    ]);
    expect(readFileSync(join(out, 'openai-chat.v2.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
