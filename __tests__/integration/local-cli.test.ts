// The local runner's command line, run as a process (dist/cli.js): usage and did-you-mean, --version, the issue
// from flags, and every set-up problem caught before an agent starts (no agent record is ever written for those).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { FAKE_TOKEN, FIXTURES_BIN, isAlive, REPO_ROOT, readRecords, testSystemPath } from './harness.js';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let dir: string;
let records: string;
let config: string;

/** Agents with the stand-ins' record folder (and `extraEnv`) in their own environment. */
function writeConfig(file: string, extraEnv: Record<string, string> = {}): string {
  const env = JSON.stringify({ FAKE_RECORD_DIR: records, ...extraEnv });
  writeFileSync(
    file,
    ['agents:', ...['claude', 'gemini', 'codex'].map((cli) => `  ${cli}: { cli: ${cli}, env: ${env} }`), ''].join('\n'),
  );
  return file;
}

function cli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: {
      PATH: `${FIXTURES_BIN}:${testSystemPath().join(':')}`,
      HOME: dir,
      LANG: 'C.UTF-8',
      TMPDIR: tmpdir(),
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** As cli(), without blocking this process: a fake server in this process must keep answering. */
function cliAsync(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: {
      PATH: `${FIXTURES_BIN}:${testSystemPath().join(':')}`,
      HOME: dir,
      LANG: 'C.UTF-8',
      TMPDIR: tmpdir(),
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const ISSUE = ['--label', 'ai-review', '--title', 'Parser crashes', '--body', 'on an empty file'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-orchestra-local-cli-'));
  records = join(dir, 'records');
  config = writeConfig(join(dir, 'config.yml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

describe('the local runner’s command line', { timeout: 60_000 }, () => {
  // Each case starts with no agent record, whatever the one before left.
  afterEach(() => rmSync(records, { recursive: true, force: true }));

  it('--version prints the package version', () => {
    const run = cli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`ai-orchestra-action ${VERSION}`);
  });

  it('an unknown option or command is named with the closest known one, in one line, exit 2', () => {
    const option = cli(['run', '--evnt', 'x.json']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('unknown option --evnt (did you mean --event?)');
    expect(option.stderr).toContain('--help');
    expect(option.stderr).not.toMatch(/TypeError|at parseArgs|ERR_PARSE_ARGS/);
    const command = cli(['runn', '--event', 'x.json']);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('unknown command "runn" (did you mean "run"?)');
  });

  it('--help lists the options and the exit codes', () => {
    const run = cli(['--help']);
    expect(run.status).toBe(0);
    for (const option of ['--label', '--title', '--body-file', '--repo', '--working-directory', '--out', '--version'])
      expect(run.stdout).toContain(option);
    expect(run.stdout).toContain('130 interrupted');
  });

  it('a --label that starts no pipeline is refused with the closest label', () => {
    const run = cli(['run', '--dry-run', '--config', config, '--label', 'ai-reveiw', '--title', 'x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--label "ai-reveiw" starts no pipeline (did you mean "ai-review"?)');
  });

  it('the issue comes from --title, --body-file and --repo: the agents get that text', async () => {
    const body = join(dir, 'body.md');
    writeFileSync(body, 'The body from a file: `widgets build` fails.\n');
    const out = join(dir, 'out-flags');
    const run = cli([
      'run',
      '--dry-run',
      '--config',
      config,
      '--out',
      out,
      '--label',
      'ai-review',
      '--title',
      'Title from a flag',
      '--body-file',
      body,
      '--repo',
      'acme/widgets',
      '--issue',
      '12',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const answers = (await readRecords(records)).filter((r) => r.prompt && !r.prompt.includes('--- BEGIN ANSWER'));
    expect(answers).toHaveLength(3);
    for (const r of answers) {
      expect(r.prompt).toContain('Title from a flag');
      expect(r.prompt).toContain('The body from a file: `widgets build` fails.');
    }
    expect(run.stdout).toMatch(/result: .*out-flags\/local-\d+-1-issue-12\/result\.json/);
    rmSync(records, { recursive: true, force: true });
  });

  it('every problem of the config file is reported at once, before any agent runs', async () => {
    const broken = join(dir, 'broken.yml');
    writeFileSync(
      broken,
      [
        'agents:',
        '  claude: { cli: claude, timout: 5 }',
        'settings:',
        '  max-paralel: 2',
        'pipelines:',
        '  ai-review:',
        '    reviwer: claude',
        '',
      ].join('\n'),
    );
    const run = cli(['run', '--dry-run', '--config', broken, ...ISSUE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`3 problems in ${broken}:`);
    for (const key of ['agents.claude.timout', 'settings.max-paralel', 'pipelines.ai-review.reviwer'])
      expect(run.stderr).toContain(key);
    expect(await readRecords(records)).toEqual([]);
  });

  it('GITHUB_REPOSITORY differing from --repo stops the run before any agent (exit 2), naming both', () => {
    const run = cli(
      ['run', '--dry-run', '--config', config, ...ISSUE, '--repo', 'acme/widgets', '--out', join(dir, 'out-repo')],
      { GITHUB_REPOSITORY: 'evil/elsewhere' },
    );
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('GITHUB_REPOSITORY is evil/elsewhere but the run is about acme/widgets');
    expect(existsSync(records)).toBe(false);
  });

  it('an issue with an empty title and body runs nothing and says why', async () => {
    const run = cli(['run', '--dry-run', '--config', config, '--label', 'ai-review', '--title', '', '--body', '  ']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Nothing to do: issue #1 has an empty title and body');
    expect(run.stdout).toContain('settings.allow-empty-issue: true');
    expect(await readRecords(records)).toEqual([]);
  });

  it('a --working-directory that does not exist stops the run before any agent, naming the folder', async () => {
    const run = cli([
      'run',
      '--dry-run',
      '--config',
      config,
      ...ISSUE,
      '--working-directory',
      join(dir, 'no-such-folder'),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--working-directory ${join(dir, 'no-such-folder')} does not exist.`);
    expect(run.stderr).not.toContain('was not found on PATH');
    expect(await readRecords(records)).toEqual([]);
  });

  it.each([
    ['below a file', (d: string) => join(d, 'config.yml', 'out'), 'is a file, not a folder'],
    ['in /proc', () => '/proc/ai-orchestra-out', '/proc is a kernel file system'],
  ])('an --out %s is refused with the reason before any agent runs', async (_case, outOf, reason) => {
    const run = cli(['run', '--dry-run', '--config', config, ...ISSUE, '--out', outOf(dir)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stderr).not.toMatch(/ENOTDIR|ENOENT|\n\s+at /);
    expect(await readRecords(records)).toEqual([]);
  });

  it('an --out on a read-only file system is refused as such (not a misleading ENOENT)', async (ctx) => {
    const mountPoint = join(dir, 'read-only');
    mkdirSync(mountPoint);
    // Needs root (mount); elsewhere the case cannot be set up and is skipped.
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mountPoint]).status !== 0) return ctx.skip();
    try {
      const run = cli(['run', '--dry-run', '--config', config, ...ISSUE, '--out', join(mountPoint, 'out')]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`cannot create ${join(mountPoint, 'out')}: the file system is read-only.`);
      expect(run.stderr).not.toContain('ENOENT');
      expect(await readRecords(records)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('with a token but GitHub unreachable it stops with "cannot reach <host>" before any agent runs', async () => {
    const port = await closedPort();
    const run = cli(
      [
        'run',
        '--config',
        config,
        '--event',
        join(REPO_ROOT, '__fixtures__', 'payloads', 'issues-labeled-ai-review.json'),
      ],
      {
        GITHUB_TOKEN: FAKE_TOKEN,
        GITHUB_API_URL: `http://127.0.0.1:${port}`,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`cannot reach 127.0.0.1:${port}`);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).not.toContain('HTTP 500');
    expect(await readRecords(records)).toEqual([]);
  });

  it('without --dry-run it posts to the issue, and a GitHub notice reads as a plain "Warning:" line, never a workflow command', async () => {
    const gh = await startFakeGitHub();
    try {
      gh.addIssue({ owner: 'acme', repo: 'widgets', number: 5, title: 'Parser crashes', body: 'on an empty file' });
      gh.failNext({ method: 'POST', pathRegex: /\/issues\/5\/reactions$/ }, { status: 422 }, 10);
      const run = await cliAsync(
        [
          'run',
          '--config',
          config,
          '--label',
          'ai-review',
          '--title',
          'Parser crashes',
          '--body',
          'on an empty file',
          '--repo',
          'acme/widgets',
          '--issue',
          '5',
          '--out',
          join(dir, 'out-posted'),
        ],
        {
          GITHUB_TOKEN: FAKE_TOKEN,
          GITHUB_API_URL: gh.url,
          // Whoever runs the CLI locally is a Unix user, not a GitHub login: GitHub's @ubuntu is a stranger.
          USER: 'ubuntu',
        },
      );
      expect(run.status, run.stderr).toBe(0);
      const status = gh.commentsOn(5, 'acme', 'widgets').find((c) => /key=status/.test(c.body));
      expect(status?.body).toContain('ai-review');
      expect(gh.commentsOn(5, 'acme', 'widgets').filter((c) => c.body.includes('@ubuntu'))).toEqual([]);
      expect(run.stderr).toMatch(/^Warning: Could not react 👀 to issue #5/m);
      expect(`${run.stdout}${run.stderr}`).not.toContain('::warning::');
      expect(gh.commentsOn(5, 'acme', 'widgets').length).toBeGreaterThanOrEqual(5);
    } finally {
      await gh.close();
      rmSync(records, { recursive: true, force: true });
    }
  }, 90_000);

  it('Ctrl-C stops every agent and ends as "interrupted" with exit 130', async () => {
    const hanging = writeConfig(join(dir, 'hang.yml'), { FAKE_MODE: 'hang' });
    const child = spawn(
      process.execPath,
      [CLI, 'run', '--dry-run', '--config', hanging, ...ISSUE, '--out', join(dir, 'out-interrupted')],
      {
        cwd: dir,
        env: { PATH: `${FIXTURES_BIN}:${testSystemPath().join(':')}`, HOME: dir, LANG: 'C.UTF-8', TMPDIR: tmpdir() },
      },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait (bounded) until all three stand-ins hang, then press Ctrl-C once.
    // A record being written reads as incomplete JSON: that poll counts as not yet.
    const started = async (): Promise<number> => (await readRecords(records).catch(() => [])).length;
    for (let i = 0; i < 600 && (await started()) < 3; i++) await new Promise((r) => setTimeout(r, 50));
    const hung = await readRecords(records);
    expect(hung).toHaveLength(3);
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toContain('Interrupted');
    expect(stdout).toMatch(/^ai-review interrupted$/m);
    expect(stdout).not.toMatch(/^ai-review cancelled/m);
    for (const r of hung) expect(isAlive(r.pid)).toBe(false);
    rmSync(records, { recursive: true, force: true });
  }, 60_000);
});

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
