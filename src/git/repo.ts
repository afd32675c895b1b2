// Our git operations for the relay. The user's repository is read once, before any agent runs (its commit, branch
// and origin); the agents then work in a copy with no `.git` (stage-tree.ts), and every later git command runs in a
// bare repository of our own, fed with objects we write from bytes we read ourselves: no hook, filter, attribute or
// config an agent could plant is ever read by our git. The token never reaches argv.

import { existsSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { buildAgentEnv } from '../process/env.js';
import { runProcess } from '../process/run-process.js';
import type { ProcessResult } from '../process/types.js';
import { type WritePolicy, writePolicy } from '../security/write-policy.js';
import { AgentConfigGuard } from './agent-config.js';
import { type Author, BOT_AUTHOR } from './author.js';
import { RepoMetadata } from './metadata.js';
import { ObjectStore } from './object-store.js';
import { authConfigEnv, isPushDenied, sameOrigin, withoutCredentials } from './push-auth.js';
import { StageTree, type TreeChange } from './stage-tree.js';

export interface GitOptions {
  /** The working directory: the repository or a folder inside it (the agents run at the same place in the copy). */
  cwd: string;
  /** Outside the working tree: our own bare repository, the scratch index, git's logs. */
  scratchDir: string;
  /** Paths the change may not touch; the default protected paths when absent. */
  policy?: WritePolicy;
  /** Files refused as well, by absolute path: the action's own config file wherever it lives. */
  protectFiles?: string[];
  /** Folders of the working tree left out of the stage copy (the local run's --out folder). */
  exclude?: string[];
  /** Where the commit is written as a patch (`git apply`-able), if anywhere. */
  patchFile?: string;
  /** false: the commit stays in our repository, no local branch in the user's. */
  localBranch?: boolean;
  /** Only PATH, HOME, locale and proxy variables are taken from it; never GIT_* or tokens. */
  parentEnv: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Per command; a push gets PUSH_TIMEOUT_MS. */
  timeoutMs?: number;
  killGraceMs?: number;
}

export interface WorkspaceChanges {
  /** True when the working tree equals the starting commit (untracked files included, ignored files not). */
  empty: boolean;
  /** `git diff --stat` of the starting commit against the working tree. */
  stat: string;
  /** "3 files changed, 10 insertions(+), 2 deletions(-)", or "" when empty. */
  summary: string;
  /** The unified diff, at most maxChars long. */
  diff: string;
  /** True when `diff` was cut; `totalChars` is then the full length. */
  cut: boolean;
  totalChars: number;
  /** Paths the agents changed that are not part of the change, and why. */
  refused?: RefusedPath[];
}

export interface CommitInfo {
  sha: string;
  branch: string;
  /** The commit it was made on (the relay's start). */
  parent?: string;
  /** Paths the commit adds, changes or deletes. */
  paths?: string[];
  stat: string;
  summary: string;
  refused?: RefusedPath[];
}

/**
 * `replaced`: the commit the branch had on origin before (the push replaced it); undefined when the push created
 * the branch. `kept`: origin's branch was left alone because it holds work that is not the relay's.
 */
export type PushResult =
  | { ok: true; url: string; replaced?: string }
  | { ok: false; denied: boolean; error: string; kept?: boolean };

/** A branch on origin: the commit it points to, undefined when there is no such branch. */
export type RemoteHead = { ok: true; sha?: string } | { ok: false; denied: boolean; error: string };

export { type Author, BOT_AUTHOR };

const DEFAULT_TIMEOUT_MS = 120_000;
const PUSH_TIMEOUT_MS = 300_000;
/** Kept in memory per git command; a longer diff is cut anyway. */
const CAPTURE_BYTES = 2 * 1024 * 1024;

/**
 * Flags in front of every command. The repository's hooks and fsmonitor would run programs an agent planted;
 * the global attributes and excludes files live in HOME, which agents can write. safe.directory lets git work on
 * a checkout owned by another user (container jobs) although the global config is switched off; once open() has
 * read the user's repository every command names its repository explicitly, so none is ever discovered.
 */
function safetyFlags(root: string): string[] {
  return [
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.attributesFile=/dev/null',
    '-c',
    'core.excludesFile=/dev/null',
    '-c',
    'protocol.ext.allow=never',
    '-c',
    `safe.directory=${root}`,
    '-c',
    'safe.directory=*',
  ];
}

/** The repository's top folder, found on disk: asking git would already read the repository's config. */
function findRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return realpathSync(dir);
    if (dirname(dir) === dir)
      throw new Error(
        `${cwd} is not inside a git repository: the relay needs a checkout (actions/checkout) to work in.`,
      );
  }
}

function shortError(result: ProcessResult): string {
  if (result.spawnError)
    return result.spawnError.code === 'ENOENT' ? 'git was not found on PATH' : result.spawnError.message;
  if (result.timedOut) return 'timed out';
  if (result.aborted) return 'cancelled';
  const text = result.stderr.text.trim() || result.stdout.text.trim();
  return `${text.split('\n').slice(-6).join('\n')} (exit code ${result.exitCode ?? result.signal})`;
}

/** Cuts a diff at a line end before maxChars. */
function boundDiff(diff: string, maxChars: number): { diff: string; cut: boolean } {
  if (diff.length <= maxChars) return { diff, cut: false };
  const end = diff.lastIndexOf('\n', maxChars);
  return { diff: diff.slice(0, end > 0 ? end : maxChars), cut: true };
}

const DEFAULT_POLICY = writePolicy();
const ZERO_ID = (length: number): string => '0'.repeat(length);

/** A path the relay did not take into its commit, and why. */
export interface RefusedPath {
  path: string;
  reason: string;
}

export class GitRepo {
  private sequence = 0;
  /** The files of each commit we built, by commit id: what the secret scan reads before a push. */
  private readonly committed = new Map<string, { path: string; data: Buffer }[]>();

  private constructor(
    private readonly options: GitOptions,
    /** The user's working tree's top folder. */
    readonly root: string,
    /** The user's git folder; after open() only update-ref for the local branch runs there. */
    private readonly gitDir: string,
    /** The commit the relay starts from. */
    readonly baseSha: string,
    /** The branch checked out at the start; undefined on a detached HEAD. */
    readonly branch: string | undefined,
    /** origin's URL before any agent ran; undefined without an origin. */
    readonly originUrl: string | undefined,
    private readonly userObjectsDir: string,
    /** Our own bare repository, in the run's scratch folder. */
    private readonly ownGitDir: string,
    private readonly objects: ObjectStore,
    /** The copy the agents work in. */
    readonly stage: StageTree,
    /** The user's git config, hooks and redirections, as they were before the agents. */
    private readonly metadata: RepoMetadata,
    /** Agent-CLI configuration in the stage copy, as it was before the agents. */
    private readonly agentConfig: AgentConfigGuard,
  ) {}

  private get policy(): WritePolicy {
    return this.options.policy ?? DEFAULT_POLICY;
  }

  /** Where the agents run: the working directory's place inside the stage copy. */
  get agentDirectory(): string {
    return join(this.stage.root, relative(this.root, realpathSync(this.options.cwd)));
  }

  /**
   * Records what the relay starts from (commit, branch, origin, metadata), copies the working tree for the agents
   * and sets up our own bare repository. Call before any agent runs.
   */
  static async open(options: GitOptions): Promise<GitRepo> {
    const root = findRoot(options.cwd);
    await mkdir(join(options.scratchDir, 'logs'), { recursive: true });
    const probe = new GitRepo(
      options,
      root,
      '',
      '',
      undefined,
      undefined,
      '',
      '',
      undefined as never,
      undefined as never,
      undefined as never,
      undefined as never,
    );
    const gitDir = (await probe.mustRun(['rev-parse', '--absolute-git-dir'], 'git-dir')).trim();
    const commonDir = resolve(root, (await probe.mustRun(['rev-parse', '--git-common-dir'], 'common-dir')).trim());
    const head = await probe.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], 'head');
    if (head.exitCode !== 0)
      throw new Error(`The repository at ${root} has no commit checked out: the relay needs one to start from.`);
    const baseSha = head.stdout.text.trim();
    const branch = await probe.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], 'branch');
    const origin = await probe.run(['remote', 'get-url', 'origin'], 'origin');
    const userObjectsDir = resolve(
      root,
      (await probe.mustRun(['rev-parse', '--git-path', 'objects'], 'objects')).trim(),
    );
    const format = baseSha.length === 64 ? 'sha256' : 'sha1';
    const ownGitDir = join(options.scratchDir, 'relay.git');
    await probe.mustRun(['init', '--quiet', '--bare', `--object-format=${format}`, ownGitDir], 'own-init', {
      gitDir: null,
    });
    const objects = new ObjectStore(join(ownGitDir, 'objects'), format);
    await objects.linkAlternate(userObjectsDir);
    // A shallow checkout (actions/checkout's default depth 1): our repository must know where history stops too.
    const shallow = resolve(root, (await probe.mustRun(['rev-parse', '--git-path', 'shallow'], 'shallow')).trim());
    if (existsSync(shallow)) await copyFile(shallow, join(ownGitDir, 'shallow'));
    const stage = await StageTree.create(root, options.exclude ?? []);
    return new GitRepo(
      options,
      root,
      gitDir,
      baseSha,
      branch.exitCode === 0 ? branch.stdout.text.trim() || undefined : undefined,
      origin.exitCode === 0 ? origin.stdout.text.trim() || undefined : undefined,
      userObjectsDir,
      ownGitDir,
      objects,
      stage,
      await RepoMetadata.snapshot(commonDir, root),
      await AgentConfigGuard.snapshot(stage.root, join(stage.root, relative(root, realpathSync(options.cwd)))),
    );
  }

  /** Removes the stage copy; the commit, our repository and the patch stay in the scratch folder. */
  async close(): Promise<void> {
    await this.stage.remove();
  }

  /**
   * Puts agent-CLI configuration (hooks, MCP servers, plugins, .env: see AGENT_CONFIG_PATHS) in the stage copy back
   * as it was before the agents, so that no later stage's CLI and no `run` command sees one a stage planted.
   * Returns the paths that differed, relative to the repository.
   */
  async restoreAgentConfig(): Promise<string[]> {
    return this.agentConfig.restore();
  }

  /**
   * Puts the user's repository's config, hooks and redirections back as they were before the agents. With
   * agent-user the agents cannot reach that repository at all; without it they run as we do and could.
   */
  async restoreMetadata(): Promise<string[]> {
    return this.metadata.restore();
  }

  /**
   * The agents' change (stage copy against the start) as a tree on top of the starting commit, built in our own
   * repository; refused paths (policy, symlinks leading out, oversized files) are left out and listed.
   */
  private async buildTree(): Promise<{
    tree: string;
    refused: RefusedPath[];
    files: { path: string; data: Buffer }[];
    paths: string[];
  }> {
    const refused: RefusedPath[] = [];
    const accepted: Exclude<TreeChange, { kind: 'refused' }>[] = [];
    const protectedFiles = new Set(
      (this.options.protectFiles ?? []).map((file) => (existsSync(file) ? realpathSync(file) : resolve(file))),
    );
    const all = await this.stage.changes();
    const ignored = await this.ignoredPaths(all.map((c) => c.path));
    for (const change of all.filter((c) => !ignored.has(c.path))) {
      const rule =
        this.policy.protectedBy(change.path) ??
        (protectedFiles.has(join(this.root, change.path)) ? 'the config file' : undefined);
      if (change.kind === 'refused') refused.push({ path: change.path, reason: change.reason });
      else if (rule)
        refused.push({
          path: change.path,
          reason: `a protected path (${rule}); a maintainer can allow it with allow-protected-paths`,
        });
      else accepted.push(change);
    }
    const zero = ZERO_ID(this.baseSha.length);
    const lines: string[] = [];
    const files: { path: string; data: Buffer }[] = [];
    // Deletions first, so that a file replacing a folder (or the other way round) meets no conflict in the index.
    for (const change of accepted) if (change.kind === 'delete') lines.push(`0 ${zero}\t${change.path}\0`);
    for (const change of accepted) {
      if (change.kind !== 'write') continue;
      lines.push(`${change.mode} ${await this.objects.writeBlob(change.data)}\t${change.path}\0`);
      files.push({ path: change.path, data: change.data });
    }
    const env = { GIT_INDEX_FILE: join(this.options.scratchDir, 'relay.index') };
    await this.mustRun(['read-tree', this.baseSha], 'read-tree', { env });
    if (lines.length > 0)
      await this.mustRun(['update-index', '-z', '--index-info'], 'update-index', { env, stdin: lines.join('') });
    const tree = (await this.mustRun(['write-tree'], 'write-tree', { env })).trim();
    return { tree, refused, files, paths: accepted.map((c) => c.path) };
  }

  /**
   * The paths git would not commit: untracked in the starting commit and ignored by the rules as they were when
   * the run started (the user's tree's .gitignore files; not the copy's, not the user's global excludes).
   */
  private async ignoredPaths(paths: string[]): Promise<Set<string>> {
    if (paths.length === 0) return new Set();
    const env = { GIT_INDEX_FILE: join(this.options.scratchDir, 'ignore.index') };
    await this.mustRun(['read-tree', this.baseSha], 'ignore-index', { env });
    const result = await this.run(['--work-tree', this.root, 'check-ignore', '-z', '--stdin'], 'check-ignore', {
      env,
      stdin: paths.map((p) => `${p}\0`).join(''),
    });
    if (result.exitCode !== 0 && result.exitCode !== 1)
      throw new Error(`git check-ignore failed: ${shortError(result)}`);
    return new Set(result.stdout.text.split('\0').filter(Boolean));
  }

  /** git diff in our repository, where no attribute (`-diff`, a textconv) can hide or rewrite a file. */
  private diff(args: string[], label: string): Promise<ProcessResult> {
    return this.run(['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--no-renames', ...args], label);
  }

  /** The agents' change against the starting commit; the diff is cut at maxChars. */
  async changes(maxChars: number): Promise<WorkspaceChanges> {
    const { tree, refused } = await this.buildTree();
    const base = await this.treeOf(this.baseSha);
    if (tree === base) return { empty: true, stat: '', summary: '', diff: '', cut: false, totalChars: 0, refused };
    const range = [this.baseSha, tree];
    const [stat, summary, diff] = await Promise.all([
      this.diff(['--stat=120', ...range], 'diff-stat'),
      this.diff(['--shortstat', ...range], 'diff-shortstat'),
      this.diff(range, 'diff'),
    ]);
    for (const result of [stat, summary, diff])
      if (result.exitCode !== 0) throw new Error(`git diff failed: ${shortError(result)}`);
    const full = diff.stdout.text;
    const bounded = boundDiff(full, maxChars);
    const totalChars = diff.stdout.truncated ? diff.stdout.totalBytes : full.length;
    return {
      empty: false,
      stat: stat.stdout.text.trimEnd(),
      summary: summary.stdout.text.trim(),
      diff: bounded.diff,
      cut: bounded.cut || diff.stdout.truncated,
      totalChars,
      refused,
    };
  }

  /**
   * Commits the agents' change on top of the starting commit as `branch`, in our repository; writes it as a patch
   * to `patchFile` and, when asked, as a local branch of the user's repository (its working tree and HEAD stay as
   * they are). Undefined when nothing changed. The message goes on stdin, never in argv.
   */
  async commit(branch: string, message: string, author: Author = BOT_AUTHOR): Promise<CommitInfo | undefined> {
    const { tree, refused, files, paths } = await this.buildTree();
    if (tree === (await this.treeOf(this.baseSha))) return undefined;
    const identity = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    const sha = (
      await this.mustRun(['commit-tree', tree, '-p', this.baseSha, '-F', '-'], 'commit', {
        stdin: message,
        env: identity,
      })
    ).trim();
    await this.mustRun(['update-ref', `refs/heads/${branch}`, sha], 'branch');
    this.committed.set(sha, files);
    const range = [this.baseSha, sha];
    const [stat, summary, patch] = await Promise.all([
      this.diff(['--stat=120', ...range], 'commit-stat'),
      this.diff(['--shortstat', ...range], 'commit-shortstat'),
      this.diff(['--binary', ...range], 'patch'),
    ]);
    if (this.options.patchFile && patch.exitCode === 0)
      await writeFile(this.options.patchFile, patch.stdout.truncated ? '' : patch.stdout.text);
    if (this.options.localBranch !== false) await this.publishLocalBranch(branch, sha);
    return {
      sha,
      branch,
      parent: this.baseSha,
      paths,
      stat: stat.stdout.text.trimEnd(),
      summary: summary.stdout.text.trim(),
      refused,
    };
  }

  /**
   * Puts the commit on a local branch of the user's repository: our objects are copied into its object folder and
   * the one git command run there after the agents started is update-ref, with hooks and global config off.
   */
  private async publishLocalBranch(branch: string, sha: string): Promise<void> {
    await this.restoreMetadata();
    await this.objects.copyInto(this.userObjectsDir);
    await this.mustRun(['update-ref', `refs/heads/${branch}`, sha], 'local-branch', { gitDir: this.gitDir });
  }

  /** The files a commit of ours adds or changes, with their bytes: what leaves the runner if it is pushed. */
  committedFiles(sha: string): readonly { path: string; data: Buffer }[] {
    return this.committed.get(sha) ?? [];
  }

  /**
   * Origin's URL as it was before any agent ran, and the environment that authenticates to it: the token travels
   * as an HTTP header for `serverUrl` only, and only when origin is on that server.
   */
  private remote(auth: {
    serverUrl: string;
    token?: string;
  }): { url: string; env: Record<string, string> } | undefined {
    if (!this.originUrl) return undefined;
    const url = withoutCredentials(this.originUrl);
    const env =
      auth.token && /^https?:\/\//i.test(url) && sameOrigin(url, auth.serverUrl)
        ? authConfigEnv(auth.serverUrl, auth.token)
        : {};
    return { url, env: { ...env, GIT_TERMINAL_PROMPT: '0' } };
  }

  /** The commit `branch` points to on origin (git ls-remote). */
  async remoteHead(branch: string, auth: { serverUrl: string; token?: string }): Promise<RemoteHead> {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: 'the repository has no `origin` remote to push to' };
    const result = await this.run(['ls-remote', '--refs', remote.url, `refs/heads/${branch}`], 'ls-remote', {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS,
    });
    if (result.exitCode !== 0) {
      const error = shortError(result);
      return { ok: false, denied: isPushDenied(error), error };
    }
    const line = result.stdout.text.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
    return { ok: true, sha: line?.split('\t')[0] };
  }

  /**
   * The raw commit object (headers, then the message) of origin's `branch`, which must point to `sha`. It is
   * fetched alone (depth 1, no trees where the server allows) into a scratch repository: the checkout is not touched.
   */
  async remoteCommit(branch: string, sha: string, auth: { serverUrl: string; token?: string }): Promise<string> {
    const remote = this.remote(auth);
    if (!remote) throw new Error('the repository has no `origin` remote');
    const probe = join(this.options.scratchDir, 'remote-probe.git');
    if (!existsSync(probe)) await this.mustRun(['init', '--quiet', '--bare', probe], 'probe-init', { gitDir: null });
    const fetched = await this.run(
      [
        'fetch',
        '--quiet',
        '--depth=1',
        '--filter=tree:0',
        '--no-tags',
        remote.url,
        `+refs/heads/${branch}:refs/probe/head`,
      ],
      'probe-fetch',
      {
        env: remote.env,
        timeoutMs: PUSH_TIMEOUT_MS,
        gitDir: probe,
      },
    );
    if (fetched.exitCode !== 0) throw new Error(`git fetch failed: ${shortError(fetched)}`);
    return this.mustRun(['cat-file', 'commit', sha], 'probe-commit', { gitDir: probe });
  }

  /**
   * Pushes `sha` as `branch` to origin from our own repository, only over the commit the branch had when we looked
   * (`expected`; undefined: the branch must not exist), so a commit someone pushed meanwhile is never overwritten.
   */
  async push(
    branch: string,
    sha: string,
    auth: { serverUrl: string; token?: string },
    expected?: string,
  ): Promise<PushResult> {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: 'the repository has no `origin` remote to push to' };
    const lease = `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`;
    const result = await this.run(['push', lease, '--no-verify', remote.url, `${sha}:refs/heads/${branch}`], 'push', {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS,
    });
    if (result.exitCode === 0) return { ok: true, url: remote.url, ...(expected ? { replaced: expected } : {}) };
    const error = shortError(result);
    return { ok: false, denied: isPushDenied(error), error };
  }

  /**
   * Pushes `sha` onto origin's `branch` as a fast-forward only: no force and no lease, so git (and the server) refuse
   * anything that would drop a commit the branch holds.
   */
  async pushFastForward(branch: string, sha: string, auth: { serverUrl: string; token?: string }): Promise<PushResult> {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: 'the repository has no `origin` remote to push to' };
    const result = await this.run(['push', '--no-verify', remote.url, `${sha}:refs/heads/${branch}`], 'push-ff', {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS,
    });
    if (result.exitCode === 0) return { ok: true, url: remote.url };
    const error = shortError(result);
    return { ok: false, denied: isPushDenied(error), error };
  }

  /** Deletes `branch` on origin, only while it still points to `sha` (our commit). */
  async deleteRemoteBranch(
    branch: string,
    sha: string,
    auth: { serverUrl: string; token?: string },
  ): Promise<{ ok: true } | { ok: false; error: string }> {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, error: 'the repository has no `origin` remote' };
    const lease = `--force-with-lease=refs/heads/${branch}:${sha}`;
    const result = await this.run(['push', lease, '--no-verify', remote.url, `:refs/heads/${branch}`], 'push-delete', {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS,
    });
    return result.exitCode === 0 ? { ok: true } : { ok: false, error: shortError(result) };
  }

  private async treeOf(commit: string): Promise<string> {
    return (await this.mustRun(['rev-parse', `${commit}^{tree}`], 'tree')).trim();
  }

  private async mustRun(
    args: string[],
    label: string,
    extra: { stdin?: string; env?: Record<string, string>; gitDir?: string | null } = {},
  ): Promise<string> {
    const result = await this.run(args, label, extra);
    if (result.exitCode !== 0) throw new Error(`git ${args[0]} failed: ${shortError(result)}`);
    return result.stdout.text;
  }

  private run(
    args: string[],
    label: string,
    /** gitDir: another repository, without a work tree; null: none (git init). Default: our own bare repository. */
    extra: { stdin?: string; env?: Record<string, string>; timeoutMs?: number; gitDir?: string | null } = {},
  ): Promise<ProcessResult> {
    const { options } = this;
    // Before open() finishes, the user's repository is read where it is (no agent has run yet); after, every
    // command names its repository explicitly and none has a work tree.
    const gitDir = extra.gitDir !== undefined ? extra.gitDir : this.ownGitDir || undefined;
    const location = gitDir === undefined ? [] : gitDir ? [`--git-dir=${gitDir}`] : [];
    const env = buildAgentEnv({
      parentEnv: options.parentEnv,
      prefixes: [],
      passEnv: [],
      adapterEnv: {
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_TERMINAL_PROMPT: '0',
        GIT_ATTR_NOSYSTEM: '1',
        LC_ALL: 'C',
        ...extra.env,
      },
      configEnv: {},
    });
    return runProcess({
      argv: ['git', ...safetyFlags(this.root), ...location, ...args],
      env,
      cwd: gitDir || (this.ownGitDir ? options.scratchDir : this.root),
      stdin: extra.stdin ?? '',
      timeoutMs: extra.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      killGraceMs: options.killGraceMs ?? 2_000,
      outputDir: join(options.scratchDir, 'logs'),
      label: `git-${String(++this.sequence).padStart(3, '0')}-${label}`,
      memoryLimitBytes: CAPTURE_BYTES,
      signal: options.signal,
    });
  }
}
