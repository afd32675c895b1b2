// Our git operations on the working directory, safe against what a write-stage agent may plant there: hooks never
// run, the repository's config and the agent CLIs' project config are put back as they were before the agents,
// and the token never reaches argv.
import { copyFile, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { buildAgentEnv } from '../process/env.js';
import { runProcess } from '../process/run-process.js';
import type { ProcessResult } from '../process/types.js';
import { AgentConfigGuard } from './agent-config.js';
import { authConfigEnv, isPushDenied, sameOrigin, withoutCredentials } from './push-auth.js';

export interface GitOptions {
  /** Where the agents run: the repository or a folder inside it. */
  cwd: string;
  /** Outside the working tree: config and index snapshots, the scratch index, git's logs. */
  scratchDir: string;
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
}

export interface CommitInfo {
  sha: string;
  branch: string;
  stat: string;
  summary: string;
}

/**
 * `replaced`: the commit the branch had on origin before (the push replaced it); undefined when the push created
 * the branch. `kept`: origin's branch was left alone because it holds work that is not the relay's.
 */
export type PushResult = { ok: true; url: string; replaced?: string } | { ok: false; denied: boolean; error: string; kept?: boolean };

/** A branch on origin: the commit it points to, undefined when there is no such branch. */
export type RemoteHead = { ok: true; sha?: string } | { ok: false; denied: boolean; error: string };

export interface Author {
  name: string;
  email: string;
}

export const BOT_AUTHOR: Author = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

const DEFAULT_TIMEOUT_MS = 120_000;
const PUSH_TIMEOUT_MS = 300_000;
/** Kept in memory per git command; a longer diff is cut anyway. */
const CAPTURE_BYTES = 2 * 1024 * 1024;

/**
 * Flags in front of every command. The repository's hooks and fsmonitor would run programs an agent planted;
 * the global attributes and excludes files live in HOME, which agents can write. safe.directory lets git work on
 * a checkout owned by another user (container jobs) although the global config is switched off.
 */
function safetyFlags(root: string): string[] {
  return [
    '-c', 'core.hooksPath=/dev/null',
    '-c', 'core.fsmonitor=false',
    '-c', 'core.attributesFile=/dev/null',
    '-c', 'core.excludesFile=/dev/null',
    '-c', 'protocol.ext.allow=never',
    '-c', `safe.directory=${root}`,
  ];
}

/** The repository's top folder, found on disk: asking git would already read the repository's config. */
function findRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return realpathSync(dir);
    if (dirname(dir) === dir) throw new Error(`${cwd} is not inside a git repository: the relay needs a checkout (actions/checkout) to work in.`);
  }
}

/** Every file in the repository's hooks folder (samples included). */
async function hookFiles(commonDir: string): Promise<string[]> {
  const dir = join(commonDir, 'hooks');
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.isDirectory()).map((e) => join(dir, e.name));
}

function shortError(result: ProcessResult): string {
  if (result.spawnError) return result.spawnError.code === 'ENOENT' ? 'git was not found on PATH' : result.spawnError.message;
  if (result.timedOut) return 'timed out';
  if (result.aborted) return 'cancelled';
  const text = result.stderr.text.trim() || result.stdout.text.trim();
  return `${text.split('\n').slice(-6).join('\n')} (exit code ${result.exitCode ?? result.signal})`;
}

/**
 * Copies a git index with its modification time. Git trusts an entry's cached stat data only when the file is older
 * than the index: a copy stamped "now" would make an edit written in the index's own second (same size, same
 * second) look clean, and `git add` would leave it out of the commit.
 */
async function copyIndex(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  const { atime, mtime } = await stat(from);
  await utimes(to, atime, mtime);
}

/** Cuts a diff at a line end before maxChars. */
function boundDiff(diff: string, maxChars: number): { diff: string; cut: boolean } {
  if (diff.length <= maxChars) return { diff, cut: false };
  const end = diff.lastIndexOf('\n', maxChars);
  return { diff: diff.slice(0, end > 0 ? end : maxChars), cut: true };
}

export class GitRepo {
  private sequence = 0;

  private constructor(
    private readonly options: GitOptions,
    /** The working tree's top folder. */
    readonly root: string,
    private readonly gitDir: string,
    /** The commit the relay starts from. */
    readonly baseSha: string,
    /** The branch checked out at the start; undefined on a detached HEAD. */
    readonly branch: string | undefined,
    /** origin's URL before any agent ran; undefined without an origin. */
    readonly originUrl: string | undefined,
    private readonly commonDir: string,
    /** The config file and every hook, as they were before the agents (undefined: the file did not exist). */
    private readonly metadata: Map<string, Buffer | undefined>,
    private readonly indexSnapshot: string | undefined,
    /** Agent-CLI configuration in the working tree, as it was before the agents. */
    private readonly agentConfig: AgentConfigGuard | undefined,
  ) {}

  /** Records what the relay starts from (commit, branch, origin, config, index). Call before any agent runs. */
  static async open(options: GitOptions): Promise<GitRepo> {
    const root = findRoot(options.cwd);
    await mkdir(join(options.scratchDir, 'logs'), { recursive: true });
    const probe = new GitRepo(options, root, '', '', undefined, undefined, '', new Map(), undefined, undefined);
    const gitDir = (await probe.mustRun(['rev-parse', '--absolute-git-dir'], 'git-dir')).trim();
    const commonDir = resolve(root, (await probe.mustRun(['rev-parse', '--git-common-dir'], 'common-dir')).trim());
    const head = await probe.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], 'head');
    if (head.exitCode !== 0) throw new Error(`The repository at ${root} has no commit checked out: the relay needs one to start from.`);
    const branch = await probe.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], 'branch');
    const origin = await probe.run(['remote', 'get-url', 'origin'], 'origin');
    const metadata = new Map<string, Buffer | undefined>();
    for (const file of [join(commonDir, 'config'), ...(await hookFiles(commonDir))]) metadata.set(file, await readFile(file).catch(() => undefined));
    const indexFile = resolve(root, (await probe.mustRun(['rev-parse', '--git-path', 'index'], 'index')).trim());
    let indexSnapshot: string | undefined;
    if (existsSync(indexFile)) {
      indexSnapshot = join(options.scratchDir, 'base.index');
      await copyIndex(indexFile, indexSnapshot);
    }
    return new GitRepo(
      options,
      root,
      gitDir,
      head.stdout.text.trim(),
      branch.exitCode === 0 ? branch.stdout.text.trim() || undefined : undefined,
      origin.exitCode === 0 ? origin.stdout.text.trim() || undefined : undefined,
      commonDir,
      metadata,
      indexSnapshot,
      await AgentConfigGuard.snapshot(root, options.cwd),
    );
  }

  /**
   * Puts agent-CLI configuration (hooks, MCP servers, plugins, .env: see AGENT_CONFIG_PATHS) back as it was before
   * the agents, so that no later stage's CLI, no `run` command and no commit sees one a stage planted. Returns
   * the paths that differed, relative to the repository.
   */
  async restoreAgentConfig(): Promise<string[]> {
    return this.agentConfig ? this.agentConfig.restore() : [];
  }

  /**
   * Puts the repository's config and hooks back as they were before the agents: an agent could otherwise leave
   * a hook or a config entry (fsmonitor, a filter, a credential helper) for a later git command, ours or the
   * workflow's. Returns the paths it restored or removed, relative to the repository.
   */
  async restoreMetadata(): Promise<string[]> {
    const changed: string[] = [];
    const files = new Set([...this.metadata.keys(), ...(await hookFiles(this.commonDir))]);
    for (const file of files) {
      const before = this.metadata.get(file);
      const now = await readFile(file).catch(() => undefined);
      if (before === undefined && now === undefined) continue;
      if (before !== undefined && now !== undefined && now.equals(before)) continue;
      if (before === undefined) await rm(file, { force: true });
      else await writeFile(file, before);
      changed.push(relative(this.root, file));
    }
    return changed;
  }

  /** The working tree against the starting commit, new files included; the diff is cut at maxChars. */
  async changes(maxChars: number): Promise<WorkspaceChanges> {
    const tree = await this.stageAll();
    const base = await this.treeOf(this.baseSha);
    if (tree === base) return { empty: true, stat: '', summary: '', diff: '', cut: false, totalChars: 0 };
    const range = [this.baseSha, tree];
    const [stat, summary, diff] = await Promise.all([
      this.mustRun(['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--stat=120', ...range], 'diff-stat'),
      this.mustRun(['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--shortstat', ...range], 'diff-shortstat'),
      this.run(['diff', '--no-ext-diff', '--no-textconv', '--no-color', ...range], 'diff'),
    ]);
    if (diff.exitCode !== 0) throw new Error(`git diff failed: ${shortError(diff)}`);
    const full = diff.stdout.text;
    const bounded = boundDiff(full, maxChars);
    const totalChars = diff.stdout.truncated ? diff.stdout.totalBytes : full.length;
    return { empty: false, stat: stat.trimEnd(), summary: summary.trim(), diff: bounded.diff, cut: bounded.cut || diff.stdout.truncated, totalChars };
  }

  /**
   * Commits the working tree on top of the starting commit as `branch` (a local branch; the working tree and
   * HEAD stay as they are). Undefined when nothing changed. The message goes on stdin, never in argv.
   */
  async commit(branch: string, message: string, author: Author = BOT_AUTHOR): Promise<CommitInfo | undefined> {
    const tree = await this.stageAll();
    if (tree === (await this.treeOf(this.baseSha))) return undefined;
    const identity = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    const sha = (await this.mustRun(['commit-tree', tree, '-p', this.baseSha, '-F', '-'], 'commit', { stdin: message, env: identity })).trim();
    await this.mustRun(['update-ref', `refs/heads/${branch}`, sha], 'branch');
    const range = [this.baseSha, sha];
    const [stat, summary] = await Promise.all([
      this.mustRun(['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--stat=120', ...range], 'commit-stat'),
      this.mustRun(['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--shortstat', ...range], 'commit-shortstat'),
    ]);
    return { sha, branch, stat: stat.trimEnd(), summary: summary.trim() };
  }

  /** The whole diff a commit adds to the starting commit, read from git's log file (not cut in memory). */
  async committedDiff(sha: string): Promise<string> {
    const result = await this.run(['diff', '--no-ext-diff', '--no-textconv', '--no-color', this.baseSha, sha], 'full-diff');
    if (result.exitCode !== 0) throw new Error(`git diff failed: ${shortError(result)}`);
    return result.stdout.truncated ? readFile(result.stdout.file, 'utf8') : result.stdout.text;
  }

  /**
   * Origin's URL as it was before any agent ran, and the environment that authenticates to it: the token travels
   * as an HTTP header for `serverUrl` only, and only when origin is on that server.
   */
  private remote(auth: { serverUrl: string; token?: string }): { url: string; env: Record<string, string> } | undefined {
    if (!this.originUrl) return undefined;
    const url = withoutCredentials(this.originUrl);
    const env = auth.token && /^https?:\/\//i.test(url) && sameOrigin(url, auth.serverUrl) ? authConfigEnv(auth.serverUrl, auth.token) : {};
    return { url, env: { ...env, GIT_TERMINAL_PROMPT: '0' } };
  }

  /** The commit `branch` points to on origin (git ls-remote). */
  async remoteHead(branch: string, auth: { serverUrl: string; token?: string }): Promise<RemoteHead> {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: 'the repository has no `origin` remote to push to' };
    const result = await this.run(['ls-remote', '--refs', remote.url, `refs/heads/${branch}`], 'ls-remote', { env: remote.env, timeoutMs: PUSH_TIMEOUT_MS });
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
    const fetched = await this.run(['fetch', '--quiet', '--depth=1', '--filter=tree:0', '--no-tags', remote.url, `+refs/heads/${branch}:refs/probe/head`], 'probe-fetch', {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS,
      gitDir: probe,
    });
    if (fetched.exitCode !== 0) throw new Error(`git fetch failed: ${shortError(fetched)}`);
    return this.mustRun(['cat-file', 'commit', sha], 'probe-commit', { gitDir: probe });
  }

  /**
   * Pushes `sha` as `branch` to origin, only over the commit the branch had when we looked (`expected`; undefined:
   * the branch must not exist), so a commit someone pushed meanwhile is never overwritten.
   */
  async push(branch: string, sha: string, auth: { serverUrl: string; token?: string }, expected?: string): Promise<PushResult> {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: 'the repository has no `origin` remote to push to' };
    await this.restoreMetadata();
    const lease = `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`;
    const result = await this.run(['push', lease, '--no-verify', remote.url, `${sha}:refs/heads/${branch}`], 'push', { env: remote.env, timeoutMs: PUSH_TIMEOUT_MS });
    if (result.exitCode === 0) return { ok: true, url: remote.url, ...(expected ? { replaced: expected } : {}) };
    const error = shortError(result);
    return { ok: false, denied: isPushDenied(error), error };
  }

  /** Deletes `branch` on origin, only while it still points to `sha` (our commit). */
  async deleteRemoteBranch(branch: string, sha: string, auth: { serverUrl: string; token?: string }): Promise<{ ok: true } | { ok: false; error: string }> {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, error: 'the repository has no `origin` remote' };
    const lease = `--force-with-lease=refs/heads/${branch}:${sha}`;
    const result = await this.run(['push', lease, '--no-verify', remote.url, `:refs/heads/${branch}`], 'push-delete', { env: remote.env, timeoutMs: PUSH_TIMEOUT_MS });
    return result.exitCode === 0 ? { ok: true } : { ok: false, error: shortError(result) };
  }

  /** A scratch index that starts from the one checked out before the agents, then takes in the working tree. */
  private async stageAll(): Promise<string> {
    await this.restoreMetadata();
    await this.restoreAgentConfig();
    const index = join(this.options.scratchDir, 'relay.index');
    const env = { GIT_INDEX_FILE: index };
    if (this.indexSnapshot) await copyIndex(this.indexSnapshot, index);
    else await this.mustRun(['read-tree', this.baseSha], 'read-tree', { env });
    await this.mustRun(['add', '--all', '--', '.'], 'add', { env, cwd: this.root });
    return (await this.mustRun(['write-tree'], 'write-tree', { env })).trim();
  }

  private async treeOf(commit: string): Promise<string> {
    return (await this.mustRun(['rev-parse', `${commit}^{tree}`], 'tree')).trim();
  }

  private async mustRun(
    args: string[],
    label: string,
    extra: { stdin?: string; env?: Record<string, string>; cwd?: string; gitDir?: string | null } = {},
  ): Promise<string> {
    const result = await this.run(args, label, extra);
    if (result.exitCode !== 0) throw new Error(`git ${args[0]} failed: ${shortError(result)}`);
    return result.stdout.text;
  }

  private run(
    args: string[],
    label: string,
    /** gitDir: another repository (a scratch one, no work tree); null: none (git init). */
    extra: { stdin?: string; env?: Record<string, string>; cwd?: string; timeoutMs?: number; gitDir?: string | null } = {},
  ): Promise<ProcessResult> {
    const { options } = this;
    // Once known, the repository is named explicitly: a `.git` file an agent swapped in cannot redirect us.
    const location =
      extra.gitDir !== undefined ? (extra.gitDir ? [`--git-dir=${extra.gitDir}`] : []) : this.gitDir ? [`--git-dir=${this.gitDir}`, `--work-tree=${this.root}`] : [];
    const env = buildAgentEnv({
      parentEnv: options.parentEnv,
      prefixes: [],
      passEnv: [],
      adapterEnv: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...extra.env },
      configEnv: {},
    });
    return runProcess({
      argv: ['git', ...safetyFlags(this.root), ...location, ...args],
      env,
      cwd: extra.cwd ?? this.root,
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
