// Tests the durable store against the fake GitHub: the data branch is created, records are appended, never lost, read back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../__fixtures__/fake-github/server.js';
import type { RunRecord } from '../../../src/domain/record.js';
import { appendLines, readFolder } from '../../../src/records/github-store.js';
import { keepRunRecord } from '../../../src/records/keep.js';
import { parseStoredRecord, recordId } from '../../../src/records/record.js';
import { Redactor } from '../../../src/security/redact.js';

const AT = { owner: 'acme', repo: 'widgets', branch: 'ai-orchestra-data' };
const SECRET = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz';

function reviewResult(overrides: Partial<RunRecord> = {}): RunRecord {
  const run = (agent: string, role = 'answer') => ({
    agent,
    cli: agent,
    role,
    status: 'success' as const,
    answer: `the full answer of ${agent}, quoting ${SECRET}`,
    exitCode: 0,
    durationMs: 41_000,
    usage: { inputTokens: 1200, outputTokens: 800, costUsd: 0.12 },
    promptSha256: 'a'.repeat(64),
    outputTail: 'tail',
    startedAt: '2026-12-03T10:00:00.000Z',
    finishedAt: '2026-12-03T10:00:41.000Z',
    logFiles: { stdout: '/tmp/x', stderr: '/tmp/y' },
  });
  return {
    version: 1,
    pipeline: 'ai-review',
    status: 'success',
    repository: 'acme/widgets',
    issue: { number: 7, url: 'https://github.com/acme/widgets/issues/7', title: 'Crash on start' },
    runUrl: 'https://github.com/acme/widgets/actions/runs/1001',
    startedAt: '2026-12-03T10:00:00.000Z',
    finishedAt: '2026-12-03T10:02:00.000Z',
    runs: [run('claude'), run('gemini'), run('claude', 'reviewer')],
    comments: { review: `the review, with ${SECRET}` },
    review: { reviewer: 'claude', ranking: ['gemini', 'claude'], unranked: [], confidence: 'high' },
    ...overrides,
  };
}

describe('the data branch', () => {
  let gh: FakeGitHub;
  let dir: string;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addRepo({});
    dir = mkdtempSync(join(tmpdir(), 'records-'));
  });
  afterEach(async () => {
    await gh.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const octokit = () => getOctokit('ghs_test', { baseUrl: gh.url });

  it('is created as an orphan branch on the first record, which holds no answer, comment or secret', async () => {
    const resultFile = join(dir, 'result.json');
    writeFileSync(resultFile, JSON.stringify(reviewResult({ error: `failed with ${SECRET}` })));
    const kept = await keepRunRecord({
      octokit: octokit(),
      at: AT,
      resultFile,
      id: recordId('acme/widgets', '1001', 1, 7),
      redactor: new Redactor([SECRET]),
    });
    expect(kept).toEqual({ path: 'records/2026-12.jsonl', datasetRows: 0 });
    const files = gh.branchFiles('ai-orchestra-data')!;
    expect([...files.keys()].sort()).toEqual(['README.md', 'records/2026-12.jsonl']);
    const text = files.get('records/2026-12.jsonl')!;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('the full answer');
    expect(text).not.toContain('the review');
    const record = parseStoredRecord(text.trim())!;
    expect(record).toMatchObject({
      id: 'acme/widgets#1001-1-7',
      pipeline: 'ai-review',
      error: 'failed with [REDACTED]',
      review: { ranking: ['gemini', 'claude'], confidence: 'high' },
    });
    expect(record.agents.map((a) => [a.agent, a.role, a.usage.costUsd])).toEqual([
      ['claude', 'answer', 0.12],
      ['gemini', 'answer', 0.12],
      ['claude', 'reviewer', 0.12],
    ]);
    // The orphan commit: no parent, so the branch shares no history with the code.
    const commit = gh.requestsTo('POST', /\/git\/commits$/)[0]!;
    expect(commit.body).toMatchObject({ parents: [] });
  });

  it('loses no line when runs append at once (the loser of a race reads again and retries)', async () => {
    await appendLines(octokit(), AT, 'records/2026-12.jsonl', ['{"n":0}'], 'first');
    await Promise.all(
      [1, 2, 3, 4].map((n) => appendLines(octokit(), AT, 'records/2026-12.jsonl', [`{"n":${n}}`], `append ${n}`)),
    );
    const lines = gh.branchFiles('ai-orchestra-data')!.get('records/2026-12.jsonl')!.trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { n: number }).n).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads a folder back month by month, a file above the contents API’s 1 MB through the blob API', async () => {
    const big = Array.from({ length: 12_000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(90) }));
    await appendLines(octokit(), AT, 'records/2026-11.jsonl', big, 'big');
    await appendLines(octokit(), AT, 'records/2026-10.jsonl', ['{"i":-1}'], 'small');
    const files = await readFolder(octokit(), AT, 'records');
    expect(files.map((f) => f.path)).toEqual(['records/2026-10.jsonl', 'records/2026-11.jsonl']);
    expect(files[1]!.text.trim().split('\n')).toHaveLength(12_000);
    expect(gh.requestsTo('GET', /\/git\/blobs\//).length).toBeGreaterThanOrEqual(2);
  });

  it('finds nothing when the branch does not exist yet', async () => {
    expect(await readFolder(octokit(), AT, 'records')).toEqual([]);
  });

  it('keeps a persona-data run’s dataset rows with their provenance', async () => {
    const data = join(dir, 'a.openai-chat.jsonl');
    const meta = join(dir, 'a.openai-chat.meta.jsonl');
    writeFileSync(
      data,
      `${JSON.stringify({
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: 'a' },
        ],
      })}\n`,
    );
    writeFileSync(meta, `${JSON.stringify({ id: 'ex-1', persona: 'terse' })}\n`);
    const resultFile = join(dir, 'result.json');
    writeFileSync(
      resultFile,
      JSON.stringify(
        reviewResult({
          pipeline: 'persona-data',
          review: undefined,
          datasets: {
            dir,
            datasets: [{ format: 'openai-chat', rows: 1, file: data, metaFile: meta }],
            personas: [{ persona: 'terse', agent: 'claude', kept: true }],
            preference: { made: false, reason: 'one answer' },
          },
        }),
      ),
    );
    const kept = await keepRunRecord({
      octokit: octokit(),
      at: AT,
      resultFile,
      id: 'acme/widgets#5-1-7',
      redactor: new Redactor([]),
    });
    expect(kept.datasetRows).toBe(1);
    const row = JSON.parse(gh.branchFiles('ai-orchestra-data')!.get('datasets/2026-12.jsonl')!.trim()) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      run: 'acme/widgets#5-1-7',
      format: 'openai-chat',
      meta: { id: 'ex-1', persona: 'terse' },
    });
    const record = parseStoredRecord(gh.branchFiles('ai-orchestra-data')!.get('records/2026-12.jsonl')!.trim())!;
    expect(record.datasets).toEqual({ rows: { 'openai-chat': 1 }, personas: 1, kept: 1, dropped: 0, pair: false });
  });
});
