// The relay's write path under attack: a prompt-injected write stage does what a hostile shell can (plants git
// metadata, filter drivers, symlinks, secrets, workflows) against the bundled action, and the action disposes.
// The agents are `command:` agents running a shell script; a reader stage records the prompt it was given.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ActionRun,
  DIST_PATH,
  FAKE_TOKEN,
  gitAt,
  makeIssueEvent,
  testSystemPath,
} from '../integration/harness.js';
import { ISSUE, published, useAdversary } from './helpers.js';

const BRANCH = `ai-orchestra/issue-${ISSUE}`;
/** A value the action knows to be secret: the writer agent is given it in its config env. */
const SECRET = 'zq9X/k2Lm+4Np6=Qr8St0Uv7';

const git = gitAt;

/** Single-quoted for sh. */
const q = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A `command:` agent: reads its prompt, runs `script` in its working directory, answers with `verdict`. */
function shellAgent(script: string, verdict: string, env: Record<string, string> = {}): Record<string, unknown> {
  return {
    command: [
      'sh',
      '-c',
      `cat > "\${PROMPT_DUMP:-/dev/null}"; ${script}\nprintf 'Did it.\\n\\nVERDICT: ${verdict}\\n'`,
    ],
    env,
  };
}

/** A filter driver / hook body that records, as whoever runs it, every ancestor's environment into `marker`. */
function spy(marker: string): string {
  return `#!/bin/sh\np=$PPID\nwhile [ "$p" -gt 1 ]; do cat /proc/$p/environ >> ${q(marker)} 2>/dev/null; p=$(cut -d' ' -f4 /proc/$p/stat); done\necho ran >> ${q(marker)}\ncat\n`;
}

/** Two stages: the writer edits, the reader must approve. */
function relayConfig(
  writer: Record<string, unknown>,
  reader: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): string {
  const stages = [
    { name: 'implement', agent: 'writer', write: true, pass: ['DONE'] },
    { name: 'review', agent: 'reader', pass: ['APPROVED'] },
  ];
  return JSON.stringify({ agents: { writer, reader }, pipelines: { 'relay-pipeline': { stages, ...extra } } });
}

/**
 * Makes the workspace a repository with one commit, pushed to `bare` as origin, and notes its path in
 * `<scratch>/real-repo` for scripts that attack it by absolute path (a same-user agent can find it).
 */
function committedCheckout(bare: string, scratch: string): (workspace: string) => Promise<void> {
  return async (workspace) => {
    git(workspace, 'init', '--quiet');
    git(workspace, 'add', '--all');
    git(workspace, 'commit', '--quiet', '-m', 'initial');
    git(workspace, 'remote', 'add', 'origin', bare);
    git(workspace, 'push', '--quiet', 'origin', 'main');
    writeFileSync(join(scratch, 'real-repo'), workspace);
  };
}

interface RelayOptions {
  /** The write stage's shell script. */
  script: string;
  /** Where the read-only review stage writes the prompt it got. */
  promptDump?: string;
  allow?: string[];
  inputs?: Record<string, string>;
  title?: string;
  /** Where the config file goes instead of .github/ai-orchestra.yml (with the `config` input). */
  configAt?: string;
  /** Give the writer the known secret (SERVICE_TOKEN) in its config env. */
  secret?: boolean;
}

describe('the relay write path against a hostile write stage (dist/index.js)', { timeout: 60_000 }, () => {
  const adv = useAdversary('write-path');

  function configFor(opts: RelayOptions): string {
    return relayConfig(
      shellAgent(opts.script, 'DONE', opts.secret ? { SERVICE_TOKEN: SECRET } : {}),
      shellAgent('', 'APPROVED', opts.promptDump ? { PROMPT_DUMP: opts.promptDump } : {}),
      opts.allow ? { 'allow-protected-paths': opts.allow } : {},
    );
  }

  async function relay(opts: RelayOptions): Promise<{ run: ActionRun; bare: string }> {
    const bare = join(adv.scratch, 'origin.git');
    git(adv.scratch, 'init', '--quiet', '--bare', bare);
    const event = adv.seeded({ label: 'relay-pipeline', ...(opts.title ? { title: opts.title } : {}) });
    const run = await adv.label(event, {
      ...(opts.configAt ? {} : { configYaml: configFor(opts) }),
      files: {
        'README.md': '# widgets\n',
        'src/render.js': 'export const render = (items) => items.join(",");\n',
        'old-name.txt': 'moved\n',
        'tool.sh': 'echo tool\n',
        ...(opts.configAt ? { [opts.configAt]: configFor(opts) } : {}),
      },
      inputs: opts.inputs,
      prepareWorkspace: committedCheckout(bare, adv.scratch),
      timeoutMs: 60_000,
    });
    return { run, bare };
  }

  const pushedFiles = (bare: string): string[] =>
    git(bare, '--git-dir', bare, 'diff', '--no-renames', '--name-only', 'refs/heads/main', `refs/heads/${BRANCH}`)
      .trim()
      .split('\n')
      .filter(Boolean)
      .sort();
  const branchExists = (bare: string): boolean =>
    spawnSync('git', ['--git-dir', bare, 'rev-parse', '--verify', '--quiet', `refs/heads/${BRANCH}`]).status === 0;
  const stageReport = (): string =>
    adv.gh.commentsOn(ISSUE).find((c) => c.body.includes('implement · writer'))?.body ?? '';
  const resultComment = (): string => adv.gh.commentsOn(ISSUE).find((c) => c.body.includes('Relay result'))?.body ?? '';

  /** Shell that plants, into the git folder "$G", a filter driver for every file and an fsmonitor, both running spy. */
  function plantFilter(spyFile: string): string {
    return [
      `mkdir -p "$G"`,
      `printf '[filter "x"]\\n\\tclean = %s\\n\\tsmudge = %s\\n\\trequired\\n[core]\\n\\tfsmonitor = %s\\n' ${q(spyFile)} ${q(spyFile)} ${q(spyFile)} >> "$G/config" 2>/dev/null`,
      `printf '* filter=x\\n' > "$(dirname "$G")/.gitattributes" 2>/dev/null`,
      `mkdir -p "$G/info" 2>/dev/null && printf '* filter=x\\n' > "$G/info/attributes" 2>/dev/null`,
    ].join('\n');
  }

  /** For each of the agent's own folder and the user's repository (absolute path): run `body` with G set to its .git. */
  function againstBothRepos(body: string): string {
    return `REAL=$(cat ${q('__SCRATCH__/real-repo')} 2>/dev/null)\nfor G in "$PWD/.git" "$REAL/.git"; do\n[ "$G" = "/.git" ] && continue\n${body}\ndone\n`;
  }

  function withScratch(script: string): string {
    return script.replaceAll('__SCRATCH__', adv.scratch);
  }

  it('a filter driver and fsmonitor planted in .git/config and info/attributes, with `* filter=x` in .gitattributes, never run in our git; .gitattributes is not committed', async () => {
    const marker = join(adv.scratch, 'filter-ran');
    const spyFile = join(adv.scratch, 'spy.sh');
    writeFileSync(spyFile, spy(marker));
    chmodSync(spyFile, 0o755);
    const script = withScratch(`${againstBothRepos(plantFilter(spyFile))}\nprintf 'fixed\\n' > src/fix.js\n`);
    const { run, bare } = await relay({ script });
    expect(existsSync(marker) ? readFileSync(marker, 'utf8').includes(FAKE_TOKEN) : false).toBe(false);
    expect(existsSync(marker)).toBe(false);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(pushedFiles(bare)).toEqual(['src/fix.js']);
    // The user's repository is left with its own config: no filter, no fsmonitor for a later workflow step.
    const config = readFileSync(join(run.workspace, '.git', 'config'), 'utf8');
    expect(config).not.toContain('filter');
    expect(config).not.toContain('fsmonitor');
    expect(existsSync(join(run.workspace, '.git', 'info', 'attributes'))).toBe(false);
  });

  it('a .git/commondir redirect to a folder of the agent (config with a filter, hooks) never steers our git and does not outlive the run', async () => {
    const marker = join(adv.scratch, 'redirect-ran');
    const spyFile = join(adv.scratch, 'spy.sh');
    writeFileSync(spyFile, spy(marker));
    chmodSync(spyFile, 0o755);
    const redirect = [
      `EVIL="$PWD/.cache-evil"`,
      `mkdir -p "$EVIL"`,
      `cp -r "$G"/. "$EVIL"/ 2>/dev/null`,
      `printf '[filter "x"]\\n\\tclean = %s\\n\\trequired\\n' ${q(spyFile)} >> "$EVIL/config"`,
      `mkdir -p "$EVIL/hooks" && for h in pre-commit post-commit reference-transaction pre-push; do cp ${q(spyFile)} "$EVIL/hooks/$h"; done`,
      `printf '* filter=x\\n' > "$(dirname "$G")/.gitattributes" 2>/dev/null`,
      `[ -d "$G" ] && printf '%s\\n' "$EVIL" > "$G/commondir"`,
    ].join('\n');
    const script = withScratch(`${againstBothRepos(redirect)}\nprintf 'fixed\\n' > src/fix.js\n`);
    const { run, bare } = await relay({ script });
    expect(existsSync(marker)).toBe(false);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(branchExists(bare)).toBe(true);
    // A later step of the workflow commits in the checkout: no redirect is left, no planted hook runs.
    expect(existsSync(join(run.workspace, '.git', 'commondir'))).toBe(false);
    git(run.workspace, 'commit', '--quiet', '--allow-empty', '-m', 'a later workflow step');
    expect(existsSync(marker)).toBe(false);
  });

  it('.git/hooks and .git/config swapped for symlinks to outside paths: nothing outside is deleted or overwritten', async () => {
    const outsideDir = join(adv.scratch, 'outside-dir');
    const outsideFile = join(adv.scratch, 'outside-file');
    mkdirSync(outsideDir);
    writeFileSync(join(outsideDir, 'keep-me'), 'precious\n');
    writeFileSync(join(outsideDir, 'pre-commit'), 'precious too\n');
    writeFileSync(outsideFile, 'precious config\n');
    const swap = [
      `mkdir -p "$G"`,
      `rm -rf "$G/hooks" "$G/config"`,
      `ln -s ${q(outsideDir)} "$G/hooks"`,
      `ln -s ${q(outsideFile)} "$G/config"`,
    ].join('\n');
    const script = withScratch(`${againstBothRepos(swap)}\nprintf 'fixed\\n' > src/fix.js\n`);
    const { run, bare } = await relay({ script });
    expect(readdirSync(outsideDir).sort()).toEqual(['keep-me', 'pre-commit']);
    expect(readFileSync(join(outsideDir, 'keep-me'), 'utf8')).toBe('precious\n');
    expect(readFileSync(outsideFile, 'utf8')).toBe('precious config\n');
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(branchExists(bare)).toBe(true);
    // The user's repository has its own hooks folder and config file again, not links.
    expect(lstatSync(join(run.workspace, '.git', 'hooks')).isDirectory()).toBe(true);
    expect(lstatSync(join(run.workspace, '.git', 'config')).isFile()).toBe(true);
    expect(readFileSync(join(run.workspace, '.git', 'config'), 'utf8')).toContain('[remote "origin"]');
  });

  const hexOf = (text: string): string => Buffer.from(text).toString('hex');
  it.each([
    ['after a NUL byte (a "binary" file)', `printf 'header\\000%s\\n' "$SERVICE_TOKEN" > data.bin`, 'data.bin'],
    [
      'in plain text behind `.gitattributes: *.txt -diff`',
      `printf '*.txt -diff\\n' > .gitattributes\nprintf '%s\\n' "$SERVICE_TOKEN" > notes.txt`,
      'notes.txt',
    ],
    ['base64-encoded, two bytes off a boundary', `printf 'xy%s' "$SERVICE_TOKEN" | base64 > blob.b64`, 'blob.b64'],
    ['hex-encoded', `printf '%s\\n' ${q(hexOf(SECRET))} > token.hex`, 'token.hex'],
    ['URL-encoded', `printf 'https://example.com/?k=%s\\n' ${q(encodeURIComponent(SECRET))} > link.txt`, 'link.txt'],
    [
      'as a GitHub token shape inside binary data',
      `printf '\\000\\001ghp_%s\\000' ${q('A'.repeat(36))} > blob.dat`,
      'blob.dat',
    ],
  ])('a known secret %s stops the push; the file is named, the value never', async (_what, write, file) => {
    const { run, bare } = await relay({ script: `${write}\nprintf 'fixed\\n' > src/fix.js\n`, secret: true });
    expect(branchExists(bare)).toBe(false);
    expect(adv.gh.state.pulls).toHaveLength(0);
    expect(run.exitCode).toBe(1);
    expect(resultComment()).toContain(`\`${file}\`, so nothing was pushed`);
    const everything = published(run, adv.gh);
    for (const form of [SECRET, hexOf(SECRET), encodeURIComponent(SECRET)]) expect(everything).not.toContain(form);
  });

  it('`-diff` cannot hide a file from the review stage: it sees the change from our own comparison', async () => {
    const promptDump = join(adv.scratch, 'review-prompt.txt');
    const script = `printf '*.txt -diff\\n*.js -diff\\n' > .gitattributes\nprintf 'hidden-change-marker\\n' > notes.txt\nprintf 'also-hidden\\n' >> src/render.js\n`;
    const { run } = await relay({ script, promptDump });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const prompt = readFileSync(promptDump, 'utf8');
    expect(prompt).toContain('+hidden-change-marker');
    expect(prompt).toContain('+also-hidden');
  });

  it('workflows, actions and our config written by a stage are refused and named in its report; the rest is committed', async () => {
    const script = [
      'mkdir -p .github/workflows .github/actions/evil',
      `printf 'on: push\\njobs: {}\\n' > .github/workflows/x.yml`,
      `printf 'runs: {using: node20, main: x.js}\\n' > .github/actions/evil/action.yml`,
      `printf '# edited\\n' >> .github/ai-orchestra.yml`,
      `printf '[submodule "x"]\\n' > .gitmodules`,
      `printf 'fixed\\n' > src/fix.js`,
    ].join('\n');
    const { run, bare } = await relay({ script });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(pushedFiles(bare)).toEqual(['src/fix.js']);
    const report = stageReport();
    for (const path of [
      '.github/workflows/x.yml',
      '.github/actions/evil/action.yml',
      '.github/ai-orchestra.yml',
      '.gitmodules',
    ]) {
      expect(report).toContain(`\`${path}\`: a protected path`);
    }
    expect(resultComment()).toContain('`.github/workflows/x.yml`: a protected path');
  });

  it('the config file at a path of its own (`config` input) is protected too', async () => {
    const { run, bare } = await relay({
      script: `printf '# edited\\n' >> ci/orchestra.yml\nprintf 'fixed\\n' > src/fix.js\n`,
      inputs: { config: 'ci/orchestra.yml' },
      configAt: 'ci/orchestra.yml',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(pushedFiles(bare)).toEqual(['src/fix.js']);
    expect(stageReport()).toContain('`ci/orchestra.yml`: a protected path (the config file)');
  });

  it('allow-protected-paths lets a maintainer allow some protected paths, and only those', async () => {
    const script = `mkdir -p .github/workflows .github/actions/a\nprintf 'on: push\\n' > .github/workflows/x.yml\nprintf 'x\\n' > .github/actions/a/action.yml\n`;
    const { run, bare } = await relay({ script, allow: ['.github/workflows/**'] });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(pushedFiles(bare)).toEqual(['.github/workflows/x.yml']);
    expect(stageReport()).toContain('`.github/actions/a/action.yml`: a protected path');
  });

  it('an issue title with [skip ci], a closing keyword and mentions does not reach the commit subject or PR title as such', async () => {
    const { run, bare } = await relay({
      script: `printf 'fixed\\n' > src/fix.js\n`,
      title: 'Crash [skip ci] fixes #1 cc @octocat @acme/core',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const subject = git(bare, '--git-dir', bare, 'log', '-1', '--format=%s', `refs/heads/${BRANCH}`).trim();
    const title = adv.gh.state.pulls[0]!.title;
    for (const text of [subject, title]) {
      expect(text).not.toMatch(/skip ci/i);
      expect(text).not.toMatch(/fixes #1/i);
      expect(text).not.toContain('@');
    }
    expect(subject).toBe(`Crash for #1 cc octocat acme/core (relay for #${ISSUE})`);
  });

  it('nothing a user relies on breaks: new, modified, deleted, renamed and executable files and new folders are committed', async () => {
    const script = [
      `printf '# widgets, documented\\n' > README.md`,
      'rm src/render.js',
      'mv old-name.txt new-name.txt',
      'chmod +x tool.sh',
      'mkdir -p lib/deep/er',
      `printf 'export const x = 1;\\n' > lib/deep/er/x.js`,
      `printf '#!/bin/sh\\necho hi\\n' > run.sh && chmod 755 run.sh`,
      'ln -s ../README.md lib/readme-link',
    ].join('\n');
    const { run, bare } = await relay({ script });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(adv.gh.state.pulls).toHaveLength(1);
    const tree = git(bare, '--git-dir', bare, 'ls-tree', '-r', `refs/heads/${BRANCH}`);
    const modeOf = (path: string): string | undefined =>
      tree
        .split('\n')
        .find((l) => l.endsWith(`\t${path}`))
        ?.split(' ')[0];
    expect(modeOf('README.md')).toBe('100644');
    expect(modeOf('src/render.js')).toBeUndefined();
    expect(modeOf('old-name.txt')).toBeUndefined();
    expect(modeOf('new-name.txt')).toBe('100644');
    expect(modeOf('tool.sh')).toBe('100755');
    expect(modeOf('run.sh')).toBe('100755');
    expect(modeOf('lib/deep/er/x.js')).toBe('100644');
    expect(modeOf('lib/readme-link')).toBe('120000');
    expect(git(bare, '--git-dir', bare, 'show', `refs/heads/${BRANCH}:README.md`)).toBe('# widgets, documented\n');
    expect(git(bare, '--git-dir', bare, 'show', `refs/heads/${BRANCH}:new-name.txt`)).toBe('moved\n');
    // The user's config file and the checkout's own files were no change of the agents'.
    expect(pushedFiles(bare)).toEqual([
      'README.md',
      'lib/deep/er/x.js',
      'lib/readme-link',
      'new-name.txt',
      'old-name.txt',
      'run.sh',
      'src/render.js',
      'tool.sh',
    ]);
  });

  it('a symlink pointing out of the repository is refused, not committed', async () => {
    const { run, bare } = await relay({
      script: `ln -s /etc/passwd passwd-link\nln -s ../../outside up-link\nprintf 'fixed\\n' > src/fix.js\n`,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(pushedFiles(bare)).toEqual(['src/fix.js']);
    expect(stageReport()).toContain('`passwd-link`: a symbolic link that points outside the repository');
  });
});

// ------------------------------------------------------------------------------------------------ agent-user

const AGENT_USER = 'aio-wp-agent';
const isRoot = process.getuid?.() === 0;
const hasSetfacl = spawnSync('sh', ['-c', 'command -v setfacl']).status === 0;

describe.skipIf(!isRoot || !hasSetfacl || process.platform !== 'linux')(
  'the same attacks by a write stage running as agent-user (root, setfacl)',
  { timeout: 60_000 },
  () => {
    const adv = useAdversary('write-path-agent-user');
    afterAll(() => {
      spawnSync('userdel', ['--remove', AGENT_USER]);
      spawnSync('groupdel', [AGENT_USER]);
    });

    it('works in its copy only: planted filters, redirects and symlinks reach neither our git nor the checkout, and the change is pushed', async () => {
      const marker = join(adv.scratch, 'ran');
      const spyFile = join(adv.scratch, 'spy.sh');
      const outsideFile = join(adv.scratch, 'outside-file');
      chmodSync(adv.scratch, 0o755);
      writeFileSync(spyFile, spy(marker));
      chmodSync(spyFile, 0o755);
      writeFileSync(outsideFile, 'precious\n');
      const bare = join(adv.scratch, 'origin.git');
      git(adv.scratch, 'init', '--quiet', '--bare', bare);
      const attack = [
        `REAL=$(cat ${q(join(adv.scratch, 'real-repo'))})`,
        `for G in "$PWD/.git" "$REAL/.git"; do`,
        `  mkdir -p "$G" 2>/dev/null`,
        `  printf '[filter "x"]\\n\\tclean = %s\\n\\trequired\\n' ${q(spyFile)} >> "$G/config" 2>/dev/null`,
        `  printf '%s\\n' "$PWD" > "$G/commondir" 2>/dev/null`,
        `  ln -sf ${q(outsideFile)} "$G/description" 2>/dev/null`,
        `done`,
        `printf '* filter=x\\n' > .gitattributes`,
        `printf 'fixed\\n' > src/fix.js`,
        `id -u > whoami.txt`,
      ].join('\n');
      const event = adv.seeded({ label: 'relay-pipeline' });
      const run = await adv.label(event, {
        configYaml: relayConfig(shellAgent(attack, 'DONE'), shellAgent('', 'APPROVED')),
        files: { 'src/render.js': 'x\n' },
        inputs: { 'agent-user': AGENT_USER },
        prepareWorkspace: committedCheckout(bare, adv.scratch),
      });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(existsSync(marker)).toBe(false);
      expect(readFileSync(outsideFile, 'utf8')).toBe('precious\n');
      // The checkout's git folder was out of the agent's reach: nothing planted there.
      expect(existsSync(join(run.workspace, '.git', 'commondir'))).toBe(false);
      expect(readFileSync(join(run.workspace, '.git', 'config'), 'utf8')).not.toContain('filter');
      const uid = git(bare, '--git-dir', bare, 'show', `refs/heads/${BRANCH}:whoami.txt`).trim();
      expect(uid).toBe(execFileSync('id', ['-u', AGENT_USER], { encoding: 'utf8' }).trim());
      expect(
        git(bare, '--git-dir', bare, 'diff', '--no-renames', '--name-only', 'refs/heads/main', `refs/heads/${BRANCH}`)
          .trim()
          .split('\n')
          .sort(),
      ).toEqual(['src/fix.js', 'whoami.txt']);
    });
  },
);

// ------------------------------------------------------------------------------------------------ local runs

describe('a local dry run with dist/cli.js', { timeout: 60_000 }, () => {
  const adv = useAdversary('write-path-local');

  it("commits only the agents' change (not the user's untracked mywork.txt) and leaves the working tree exactly as it was", () => {
    const repo = join(adv.scratch, 'repo');
    const out = join(adv.scratch, 'out');
    mkdirSync(join(repo, 'src'), { recursive: true });
    writeFileSync(join(repo, 'src', 'render.js'), 'export const render = 1;\n');
    writeFileSync(join(repo, '.gitignore'), 'build/\n');
    git(repo, 'init', '--quiet');
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'initial');
    // The user's own work in progress: untracked, ignored, and an uncommitted edit.
    writeFileSync(join(repo, 'mywork.txt'), 'my private wip\n');
    mkdirSync(join(repo, 'build'));
    writeFileSync(join(repo, 'build', 'cache.bin'), 'ignored\n');
    writeFileSync(join(repo, 'src', 'render.js'), 'export const render = 2; // wip\n');
    const statusBefore = git(repo, 'status', '--porcelain', '--ignored');

    const config = join(adv.scratch, 'config.yml');
    writeFileSync(
      config,
      relayConfig(
        shellAgent(`printf 'export const fix = 1;\\n' > src/fix.js\nprintf 'agent\\n' >> mywork.txt.agent`, 'DONE'),
        shellAgent('', 'APPROVED'),
      ),
    );
    const event = join(adv.scratch, 'event.json');
    writeFileSync(event, JSON.stringify(makeIssueEvent({ number: ISSUE, label: 'relay-pipeline', title: 'Add fix' })));
    const run = spawnSync(
      process.execPath,
      [
        join(dirname(DIST_PATH), 'cli.js'),
        'run',
        '--event',
        event,
        '--config',
        config,
        '--dry-run',
        '--working-directory',
        repo,
        '--out',
        out,
      ],
      {
        cwd: repo,
        env: { PATH: testSystemPath().join(':'), HOME: adv.scratch, LANG: 'C.UTF-8' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

    // The working tree is exactly as the user left it.
    expect(git(repo, 'status', '--porcelain', '--ignored')).toBe(statusBefore);
    expect(existsSync(join(repo, 'src', 'fix.js'))).toBe(false);
    expect(readFileSync(join(repo, 'mywork.txt'), 'utf8')).toBe('my private wip\n');
    expect(readFileSync(join(repo, 'src', 'render.js'), 'utf8')).toBe('export const render = 2; // wip\n');
    // The local branch holds the agents' files only: no mywork.txt, no build/, no uncommitted edit of the user's.
    expect(git(repo, 'diff', '--name-only', 'HEAD', BRANCH).trim().split('\n').sort()).toEqual([
      'mywork.txt.agent',
      'src/fix.js',
    ]);
    // And the change is in the run's folder as a patch that applies to the starting commit.
    const [runDir] = readdirSync(out).filter((name) => name !== '.gitignore');
    const patch = readFileSync(join(out, runDir!, 'changes.patch'), 'utf8');
    expect(patch).toContain('+export const fix = 1;');
    expect(patch).not.toContain('my private wip');
  });
});
