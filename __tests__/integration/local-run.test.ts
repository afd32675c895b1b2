// The README's "Try it in one minute" commands, exactly as written there: every pipeline run locally with the
// stand-in CLIs, in a copy of a fresh clone, no token, nothing posted.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, testSystemPath } from './harness.js';

/** The shell block of README.md's "Try it in one minute": what a newcomer pastes first. */
function readmeTryItBlock(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Try it in one minute');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

const systemPath = testSystemPath().join(':');
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  }).trim();

describe('the README’s "Try it in one minute", from a copy of a fresh clone', () => {
  let clone: string;
  let home: string;

  beforeAll(() => {
    // A fresh clone holds what git tracks (dist/ included) in a repository of its own; this copies the
    // working tree's tracked and new files, so the test sees uncommitted changes too.
    clone = mkdtempSync(join(tmpdir(), 'ai-orchestra-local-run-'));
    home = mkdtempSync(join(tmpdir(), 'ai-orchestra-local-home-'));
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .split('\0')
      .filter(Boolean);
    for (const file of files)
      if (existsSync(join(REPO_ROOT, file))) cpSync(join(REPO_ROOT, file), join(clone, file), { recursive: true });
    git(clone, 'init', '--quiet', '--initial-branch', 'main');
    git(clone, 'add', '--all');
    git(clone, '-c', 'user.name=Newcomer', '-c', 'user.email=newcomer@example.com', 'commit', '--quiet', '-m', 'clone');
  }, 60_000);
  afterAll(() => {
    rmSync(clone, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('runs ai-review, relay-pipeline and persona-data with the stand-ins, each to success, with progress lines and totals', () => {
    const block = readmeTryItBlock();
    for (const pipeline of ['ai-review', 'relay-pipeline', 'persona-data'])
      expect(block).toContain(`--label ${pipeline} `);
    // The README's commands are shell lines for the reader's terminal; here they are our own text, not an issue's.
    const run = spawnSync('sh', ['-e', '-c', block], {
      cwd: clone,
      // The newcomer's home is not the clone: the stand-in claude keeps its sessions below HOME, as the real one does.
      env: { PATH: systemPath, HOME: home, LANG: 'C.UTF-8', TMPDIR: tmpdir(), GIT_CONFIG_NOSYSTEM: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    for (const pipeline of ['ai-review', 'relay-pipeline', 'persona-data'])
      expect(run.stdout).toMatch(new RegExp(`^${pipeline} success$`, 'm'));
    // A line per agent as it starts and ends, then a table with the totals, on stderr; never a workflow command.
    for (const agent of ['claude', 'gemini', 'codex']) {
      expect(run.stderr).toMatch(new RegExp(`\\] ▶ ${agent} \\(answer\\) started`));
      expect(run.stderr).toMatch(
        new RegExp(`\\] ✔ ${agent} \\(answer\\) success in [\\d.]+ m?s · [\\d,]+ in / [\\d,]+ out tokens`),
      );
    }
    expect(run.stderr.match(/^Total: \d+ agent runs · .* tokens · \$/gm)).toHaveLength(3);
    expect(`${run.stdout}${run.stderr}`).not.toContain('::');
    // ai-review: the answers and the ranked review, written below .ai-orchestra/ with result.json.
    expect(run.stdout).toMatch(/\| Rank \|/);
    const runs = readdirSync(join(clone, '.ai-orchestra')).filter((name) => name !== '.gitignore');
    expect(runs).toHaveLength(3);
    const results = runs.map(
      (dir) =>
        JSON.parse(readFileSync(join(clone, '.ai-orchestra', dir, 'result.json'), 'utf8')) as {
          pipeline: string;
          status: string;
        },
    );
    expect(results.map((r) => [r.pipeline, r.status]).sort()).toEqual([
      ['ai-review', 'success'],
      ['persona-data', 'success'],
      ['relay-pipeline', 'success'],
    ]);
    // The stand-ins change nothing, and the earlier runs' output in .ai-orchestra/ (ignored by git) is not taken
    // for a change: no commit, the checkout untouched.
    expect(run.stdout).toContain('the working directory has no changes, so there is nothing to commit');
    expect(git(clone, 'branch', '--format=%(refname:short)')).toBe('main');
    expect(git(clone, 'status', '--porcelain')).toBe('?? training-data/');
    expect(readdirSync(join(clone, 'training-data')).some((f) => f.endsWith('.openai-chat.jsonl'))).toBe(true);
  }, 150_000);

  it.each(['ai-review', 'relay-pipeline', 'persona-data'])(
    'the sample payload of %s names that pipeline’s label',
    (pipeline) => {
      const payload = JSON.parse(
        readFileSync(join(clone, '__fixtures__', 'payloads', `issues-labeled-${pipeline}.json`), 'utf8'),
      ) as { label: { name: string } };
      expect(payload.label.name).toBe(pipeline);
    },
  );

  it('without any AI CLI on PATH it names the missing ones and how to install them, and runs nothing', () => {
    const node = execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim();
    const run = spawnSync(
      node,
      ['dist/cli.js', 'run', '--event', '__fixtures__/payloads/issues-labeled-ai-review.json', '--dry-run'],
      {
        cwd: clone,
        // Only the folders of node itself and the basic tools: no claude, gemini or codex anywhere.
        env: { PATH: '/usr/bin:/bin', HOME: clone, LANG: 'C.UTF-8' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const text = `${run.stdout}\n${run.stderr}`;
    expect(run.status, text).not.toBe(0);
    for (const program of ['claude', 'gemini', 'codex']) expect(text).toContain(program);
    expect(text).toContain('npm install -g @anthropic-ai/claude-code');
    expect(text).toContain('@google/gemini-cli');
    expect(text).toContain('@openai/codex');
  }, 60_000);
});
