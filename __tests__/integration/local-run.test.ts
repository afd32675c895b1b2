// The README's second set-up command, exactly as written there: the main job run locally with the fake CLIs,
// in a copy of the files a fresh clone has (the bundle and the fixtures), no token, nothing posted.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, testSystemPath } from './harness.js';

/** The shell block after "one command runs the main job locally" in README.md's Development section. */
function readmeLocalCommand(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Development'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  return blocks[1]!;
}

const systemPath = testSystemPath().join(':');

describe('the README’s local run, from a copy of a fresh clone', () => {
  let clone: string;

  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'ai-orchestra-local-run-'));
    for (const path of ['dist', '__fixtures__/bin', '__fixtures__/payloads']) cpSync(join(REPO_ROOT, path), join(clone, path), { recursive: true });
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('runs ai-review with the fake CLIs, prints the three answers and the review, and writes them to .ai-orchestra/', () => {
    const command = readmeLocalCommand();
    expect(command).toMatch(/node dist\/cli\.js run --event \S+ --dry-run/);
    // The README's command is a shell line for the reader's terminal; here it is our own text, not an issue's.
    const run = spawnSync('sh', ['-c', command], {
      cwd: clone,
      env: { PATH: systemPath, HOME: clone, LANG: 'C.UTF-8', TMPDIR: tmpdir() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    for (const agent of ['claude', 'gemini', 'codex']) expect(run.stdout).toMatch(new RegExp(`key=agent:${agent} `));
    expect(run.stdout).toMatch(/key=review /);
    expect(run.stdout).toMatch(/\| Rank \|/);
    // One folder per run below .ai-orchestra/: result.json, comments/, logs/.
    const runs = readdirSync(join(clone, '.ai-orchestra'));
    expect(runs).toHaveLength(1);
    const out = join(clone, '.ai-orchestra', runs[0]!);
    expect(existsSync(join(out, 'result.json'))).toBe(true);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { runs: { agent: string; status: string; role: string }[] };
    expect(result.runs.filter((r) => r.role === 'answer').map((r) => [r.agent, r.status]).sort()).toEqual([
      ['claude', 'success'],
      ['codex', 'success'],
      ['gemini', 'success'],
    ]);
    expect(readdirSync(join(out, 'comments')).filter((f) => f.endsWith('.md')).length).toBeGreaterThanOrEqual(4);
  }, 90_000);

  it('without any AI CLI on PATH it names the missing ones and how to install them, and runs nothing', () => {
    const node = execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim();
    const run = spawnSync(node, ['dist/cli.js', 'run', '--event', '__fixtures__/payloads/issues-labeled-ai-review.json', '--dry-run'], {
      cwd: clone,
      // Only the folders of node itself and the basic tools: no claude, gemini or codex anywhere.
      env: { PATH: '/usr/bin:/bin', HOME: clone, LANG: 'C.UTF-8' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const text = `${run.stdout}\n${run.stderr}`;
    expect(run.status, text).not.toBe(0);
    for (const program of ['claude', 'gemini', 'codex']) expect(text).toContain(program);
    expect(text).toContain('npm install -g @anthropic-ai/claude-code');
    expect(text).toContain('@google/gemini-cli');
    expect(text).toContain('@openai/codex');
  }, 60_000);
});
