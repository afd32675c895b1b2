// The edges of persona-data: the file sink, the artifact upload's skip path, and the validate-dataset command.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileDatasetSink, keepLocally } from '../../../src/dataset/file-sink.js';
import { missingArtifactService, uploadWorkflowArtifact } from '../../../src/github/artifact.js';
import { validateDatasetCommand } from '../../../src/validate-dataset.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-io-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileDatasetSink', () => {
  it('writes below its folder, creating it, replacing older files, and refuses to climb out', async () => {
    const sink = new FileDatasetSink(join(dir, 'training-data'), keepLocally);
    const path = await sink.write('a.jsonl', 'one\n');
    await sink.write('a.jsonl', 'two\n');
    expect(path).toBe(join(dir, 'training-data', 'a.jsonl'));
    expect(readFileSync(path, 'utf8')).toBe('two\n');
    await expect(sink.write('../escape.jsonl', 'x')).rejects.toThrow(/refusing to write \.\.\/escape\.jsonl outside/);
    expect(await sink.publish('n', [path])).toEqual({
      status: 'skipped',
      name: 'n',
      reason: 'a local run has no artifact service',
    });
  });

  it('turns an uploader that throws into a failed result', async () => {
    const sink = new FileDatasetSink(dir, async () => {
      throw new Error('boom');
    });
    expect(await sink.publish('n', [])).toEqual({ status: 'failed', name: 'n', error: 'boom' });
  });
});

describe('uploadWorkflowArtifact', () => {
  it('skips with a clear log line when the job has no artifact service', async () => {
    const log: string[] = [];
    const result = await uploadWorkflowArtifact({
      name: 'persona-data-issue-1',
      files: [],
      rootDirectory: dir,
      env: { ACTIONS_RESULTS_URL: 'https://results' },
      log: (m) => log.push(m),
    });
    expect(result).toEqual({
      status: 'skipped',
      name: 'persona-data-issue-1',
      reason: 'ACTIONS_RUNTIME_TOKEN is not set, so there is no artifact service (not a GitHub Actions job)',
    });
    expect(log).toEqual([
      `Artifact upload skipped: ACTIONS_RUNTIME_TOKEN is not set, so there is no artifact service (not a GitHub Actions job). The datasets are in ${dir}.`,
    ]);
    expect(missingArtifactService({})).toMatch(/^ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/);
    expect(missingArtifactService({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'u' })).toBeUndefined();
  });
});

describe('validate-dataset', () => {
  const good = '{"prompt":[{"role":"user","content":"q"}],"completion":[{"role":"assistant","content":"a"}]}';
  function runCommand(argv: string[]): { code: number; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    const code = validateDatasetCommand(argv, { log: (t) => out.push(t), error: (t) => err.push(t) });
    return { code, out, err };
  }

  it('exits 0 for a valid file', () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, `${good}\n${good}\n`);
    expect(runCommand([file, '--format', 'trl-sft'])).toEqual({
      code: 0,
      out: [`${file}: 2 rows, all valid trl-sft.`],
      err: [],
    });
  });

  it('exits 1 and names the first invalid lines', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, [good, '{"prompt":[]}', good, '[]', 'x', ''].join('\n'));
    const { code, err } = runCommand([file, '-f', 'trl-sft', '--max-errors', '2']);
    expect(code).toBe(1);
    expect(err).toEqual([
      `${file}:2: row: missing key completion`,
      `${file}:4: a row must be a JSON object, not an array`,
      `${file}: not a valid trl-sft dataset: 3 invalid lines (the first 2 shown); 2 of 5 rows valid.`,
    ]);
  });

  it('exits 1 for an empty file and 2 for usage errors', () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    expect(runCommand([empty, '--format', 'dpo']).code).toBe(1);
    expect(runCommand([empty]).err[0]).toMatch(/^--format must be one of openai-chat, trl-sft, dpo/);
    expect(runCommand(['--format', 'dpo']).code).toBe(2);
    expect(runCommand([empty, '--format', 'dpo', '--bogus']).code).toBe(2);
    expect(runCommand([join(dir, 'missing.jsonl'), '--format', 'dpo'])).toMatchObject({
      code: 2,
      err: [expect.stringMatching(/^Cannot read .*missing\.jsonl: ENOENT/)],
    });
    expect(runCommand(['--help']).code).toBe(0);
  });
});

describe('FileDatasetSink and symbolic links', () => {
  it('refuses a folder that resolves outside the workspace, and replaces a link planted at a file name', async () => {
    const { mkdirSync, symlinkSync, lstatSync } = await import('node:fs');
    const workspace = join(dir, 'workspace');
    const outside = join(dir, 'outside');
    mkdirSync(workspace);
    mkdirSync(outside);
    symlinkSync(outside, join(workspace, 'training-data'));
    await expect(
      new FileDatasetSink(join(workspace, 'training-data'), keepLocally, workspace).write('a.jsonl', 'x\n'),
    ).rejects.toThrow(/resolves to .*outside/);

    const data = join(workspace, 'data');
    mkdirSync(data);
    writeFileSync(join(outside, 'victim'), 'precious\n');
    symlinkSync(join(outside, 'victim'), join(data, 'a.jsonl'));
    const path = await new FileDatasetSink(data, keepLocally, workspace).write('a.jsonl', 'row\n');
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('row\n');
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('precious\n');
  });
});
