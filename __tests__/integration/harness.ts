// Runs the bundled action (dist/index.js) as a child process the way a GitHub runner does:
// INPUT_* variables, GITHUB_* variables, an event file, file-command files, a fresh workspace,
// PATH pointing at the fake AI CLIs and GITHUB_API_URL at the fake GitHub server.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { type FakeGitHub, type FakeUser, repoUrls, userJson } from '../../__fixtures__/fake-github/server.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bundled action; AI_ORCHESTRA_DIST points the tests at another bundle (e.g. one built with --outdir). */
export const DIST_PATH = process.env.AI_ORCHESTRA_DIST ?? join(REPO_ROOT, 'dist', 'index.js');
export const ACTION_YML = join(REPO_ROOT, 'action.yml');
export const FIXTURES_BIN = join(REPO_ROOT, '__fixtures__', 'bin');
/** Fake but realistically shaped installation token (what `${{ github.token }}` gives). */
export const FAKE_TOKEN = 'ghs_faketoken123456789012345678901234567890';
export const FAKE_SHA = 'ffac537e6cbbf934b08745a378932722df287a53';
export const CONFIG_PATH = '.github/ai-orchestra.yml';

/** git in `cwd` as a test user, with no system config and HOME in `cwd`; returns stdout. */
export function gitAt(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

export function distExists(): boolean {
  return existsSync(DIST_PATH);
}

// ------------------------------------------------------------------ webhook payload

export interface IssueEventOptions {
  owner?: string;
  repo?: string;
  number?: number;
  title?: string;
  body?: string | null;
  /** The label just added (also present in issue.labels). */
  label?: string;
  /** Other labels already on the issue. */
  otherLabels?: string[];
  sender?: string;
  senderType?: 'User' | 'Bot';
  /** Author of the issue. */
  author?: string;
  action?: string;
}

export interface IssueEvent {
  action: string;
  issue: {
    number: number;
    title: string;
    body: string | null;
    html_url: string;
    user: { login: string; type: string; [k: string]: unknown };
    labels: { name: string; [k: string]: unknown }[];
    [k: string]: unknown;
  };
  label?: { name: string; [k: string]: unknown };
  repository: {
    name: string;
    full_name: string;
    owner: { login: string; [k: string]: unknown };
    html_url: string;
    default_branch: string;
    [k: string]: unknown;
  };
  sender: { login: string; type: string; [k: string]: unknown };
  [k: string]: unknown;
}

function hookUser(login: string, type: string, id: number): Record<string, unknown> & { login: string; type: string } {
  return {
    ...userJson({ login, type: type as FakeUser['type'] }, id),
    node_id: `U_kgDO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`,
    login,
    type,
  };
}

function hookLabel(owner: string, repo: string, name: string, id: number): { name: string; [k: string]: unknown } {
  return {
    id,
    node_id: `LA_kwDO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`,
    url: `https://api.github.com/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

/** A realistic `issues` webhook payload (as written to GITHUB_EVENT_PATH). API URLs point at api.github.com, as on github.com. */
export function makeIssueEvent(o: IssueEventOptions = {}): IssueEvent {
  const owner = o.owner ?? 'acme';
  const repo = o.repo ?? 'widgets';
  const number = o.number ?? 7;
  const label = o.label ?? 'ai-review';
  const action = o.action ?? 'labeled';
  const sender = o.sender ?? 'maintainer';
  const api = `https://api.github.com/repos/${owner}/${repo}`;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const labelNames = [...(o.otherLabels ?? []), ...(action === 'labeled' || action === 'opened' ? [label] : [])];
  const labels = labelNames.map((n, i) => hookLabel(owner, repo, n, 5_000_000 + i));
  const ownerUser = { ...hookUser(owner, 'Organization', 100), user_view_type: 'public' };
  const event: IssueEvent = {
    action,
    issue: {
      url: `${api}/issues/${number}`,
      repository_url: api,
      labels_url: `${api}/issues/${number}/labels{/name}`,
      comments_url: `${api}/issues/${number}/comments`,
      events_url: `${api}/issues/${number}/events`,
      html_url: `https://github.com/${owner}/${repo}/issues/${number}`,
      id: 3_000_000_000 + number,
      node_id: `I_kwDO${Buffer.from(`${owner}/${repo}#${number}`).toString('base64').replace(/=+$/, '')}`,
      number,
      title: o.title ?? 'Widgets crash when the list is empty',
      user: hookUser(o.author ?? 'octocat', 'User', 583231),
      labels,
      state: 'open',
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: 0,
      created_at: now,
      updated_at: now,
      closed_at: null,
      author_association: 'CONTRIBUTOR',
      active_lock_reason: null,
      body:
        o.body === undefined ? 'Calling `render([])` throws `TypeError: cannot read properties of undefined`.' : o.body,
      reactions: {
        url: `${api}/issues/${number}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      timeline_url: `${api}/issues/${number}/timeline`,
      performed_via_github_app: null,
      state_reason: null,
    },
    repository: {
      id: 700_000,
      node_id: 'R_kgDOFake01',
      name: repo,
      full_name: `${owner}/${repo}`,
      private: false,
      owner: ownerUser,
      html_url: `https://github.com/${owner}/${repo}`,
      description: null,
      fork: false,
      url: api,
      ...repoUrls('https://api.github.com', owner, repo),
      clone_url: `https://github.com/${owner}/${repo}.git`,
      mirror_url: null,
      homepage: null,
      language: null,
      size: 0,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      open_issues: 1,
      open_issues_count: 1,
      default_branch: 'main',
      visibility: 'public',
      has_issues: true,
      has_projects: true,
      has_downloads: true,
      has_wiki: true,
      has_pages: false,
      has_discussions: false,
      archived: false,
      disabled: false,
      license: null,
      topics: [],
      created_at: '2020-01-01T00:00:00Z',
      updated_at: now,
      pushed_at: now,
    },
    organization: {
      login: owner,
      id: 100,
      node_id: 'O_kgDOFake01',
      url: `https://api.github.com/orgs/${owner}`,
      repos_url: `https://api.github.com/orgs/${owner}/repos`,
      events_url: `https://api.github.com/orgs/${owner}/events`,
      hooks_url: `https://api.github.com/orgs/${owner}/hooks`,
      issues_url: `https://api.github.com/orgs/${owner}/issues`,
      members_url: `https://api.github.com/orgs/${owner}/members{/member}`,
      public_members_url: `https://api.github.com/orgs/${owner}/public_members{/member}`,
      avatar_url: 'https://avatars.githubusercontent.com/u/100?v=4',
      description: null,
    },
    sender: hookUser(sender, o.senderType ?? (sender.endsWith('[bot]') ? 'Bot' : 'User'), 9_000_001),
  };
  if (action === 'labeled' || action === 'unlabeled')
    event.label = hookLabel(owner, repo, label, 5_000_000 + labels.length);
  return event;
}

/** Adds the event's issue to the fake server (if missing), with the event's labels. */
export function seedIssueFromEvent(github: FakeGitHub, event: IssueEvent): void {
  const owner = event.repository.owner.login;
  const repo = event.repository.name;
  if (github.issue(event.issue.number, owner, repo)) return;
  github.addIssue({
    owner,
    repo,
    number: event.issue.number,
    title: event.issue.title,
    body: event.issue.body,
    labels: event.issue.labels.map((l) => l.name),
    user: { login: event.issue.user.login, type: event.issue.user.type === 'Bot' ? 'Bot' : 'User' },
  });
}

// ------------------------------------------------------------------ running the action

export interface RunActionOptions {
  event: object;
  /** Default 'issues'. */
  eventName?: string;
  /** Action inputs by their action.yml name, e.g. {config: 'x.yml', 'dry-run': 'true'}. */
  inputs?: Record<string, string>;
  /** Extra variables, set last (override anything). */
  env?: Record<string, string>;
  github: FakeGitHub;
  /** Written to <workspace>/.github/ai-orchestra.yml. */
  configYaml?: string;
  /** More files to create in the workspace, by relative path. */
  files?: Record<string, string>;
  /** Called with the workspace once config and files are written, e.g. to make it a git repository. */
  prepareWorkspace?: (workspace: string) => Promise<void>;
  /** Directories put in front of the system PATH; default [__fixtures__/bin]. */
  pathPrepend?: string[];
  /** Default 60 000; then the action's process group is SIGKILLed and runAction rejects. */
  timeoutMs?: number;
  /** Sends `signal` to the action process (not its group), as the runner does on cancellation. */
  signalAfterMs?: { signal: NodeJS.Signals; ms: number; after?: () => boolean };
  /** Script to run instead of dist/index.js (for testing the harness itself). */
  entry?: string;
  /** Node flags put before the entry script, e.g. ['--import', probe] (the benchmark's peak-RSS probe). */
  nodeArgs?: string[];
  /** action.yml whose input defaults are applied (default <repo>/action.yml); false: none. */
  actionYml?: string | false;
  /** Run the action as this user (the harness must be root): root and everything below it is chowned to it first. */
  asUser?: { uid: number; gid: number };
}

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Parsed from the GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  /** Contents of the GITHUB_STEP_SUMMARY file. */
  summary: string;
  /** The full environment the action was started with. */
  env: Record<string, string>;
  /** Parent of workspace, runnerTemp and home. */
  root: string;
  workspace: string;
  runnerTemp: string;
  home: string;
  eventPath: string;
  durationMs: number;
  /** From the signal of `signalAfterMs` to the action's exit; undefined when none was sent. */
  cancelToExitMs?: number;
  /** Date.now() just before the action's process was spawned. */
  startedAt: number;
  /** True when processes of the action's own process group were still alive after it exited (the harness killed them). */
  leftoverProcesses: boolean;
  /** Removes root. */
  cleanup(): Promise<void>;
}

/**
 * Input defaults from action.yml, as the runner applies them: `${{ github.token }}` resolves to the
 * fake token, other expressions become ''. A file that does not parse is an error (a runner refuses it too).
 */
export function actionYmlDefaults(file: string = ACTION_YML): Record<string, string> {
  if (!existsSync(file)) return {};
  let doc: { inputs?: Record<string, { default?: unknown } | null> } | null;
  try {
    doc = parseYaml(readFileSync(file, 'utf8')) as typeof doc;
  } catch (e) {
    throw new Error(
      `${file} is not valid YAML (a runner would refuse the action too): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(doc?.inputs ?? {})) {
    if (spec?.default === undefined || spec.default === null) continue;
    defaults[name] = String(spec.default).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) =>
      expr === 'github.token' ? FAKE_TOKEN : '',
    );
  }
  return defaults;
}

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses a GITHUB_OUTPUT-style file: `name<<DELIM\nvalue\nDELIM` blocks and legacy `name=value` lines. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || line.indexOf('<<') < eq)) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        value.push(lines[i]!);
      }
      if (!closed) throw new Error(`Matching delimiter not found '${delimiter}' for output '${name}'`);
      result[name!] = value.join('\n');
    } else if (eq > 0) {
      result[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`Invalid format '${line}' in file command`);
    }
  }
  return result;
}

function tail(text: string, max = 8000): string {
  return text.length > max ? `...${text.slice(-max)}` : text;
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory()) await chownTree(join(path, entry.name), uid, gid);
    else await chown(join(path, entry.name), uid, gid);
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The AI CLIs a developer may have installed globally: a test must never run one of them by accident. */
const REAL_CLI_NAMES = ['claude', 'gemini', 'codex', 'copilot', 'qwen', 'opencode'];

/**
 * The system PATH for the action under test: without npm's node_modules/.bin entries (the real CLIs are dev
 * dependencies) and without any folder that holds a real AI CLI (a global npm install, nvm's bin folder); where
 * such a folder also held node, a folder with only node stands in for it.
 */
export function testSystemPath(): string[] {
  const dirs = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
    .split(':')
    .filter((p) => p && !p.includes('node_modules'));
  const nodeDir = dirname(process.execPath);
  const out: string[] = [];
  for (const dir of dirs) {
    if (!REAL_CLI_NAMES.some((name) => existsSync(join(dir, name)))) out.push(dir);
    else if (dir === nodeDir) out.push(nodeOnlyDir());
  }
  return out;
}

let nodeOnly: string | undefined;
function nodeOnlyDir(): string {
  if (nodeOnly === undefined) {
    nodeOnly = mkdtempSync(join(tmpdir(), 'ai-orchestra-node-only-'));
    symlinkSync(process.execPath, join(nodeOnly, 'node'));
  }
  return nodeOnly;
}

export async function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const entry = opts.entry ?? DIST_PATH;
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run bundle\` first.`);
  const event = opts.event as Partial<IssueEvent>;
  const fullName = event.repository?.full_name ?? 'acme/widgets';
  const owner = event.repository?.owner?.login ?? fullName.split('/')[0]!;
  const actor = event.sender?.login ?? 'maintainer';

  const root = await mkdtemp(join(tmpdir(), 'ai-orchestra-it-'));
  const workspace = join(root, 'workspace');
  const runnerTemp = join(root, 'runner-temp');
  const home = join(root, 'home');
  const commandsDir = join(runnerTemp, '_runner_file_commands');
  await Promise.all([workspace, runnerTemp, home, commandsDir].map((d) => mkdir(d, { recursive: true })));

  const eventPath = join(runnerTemp, '_github_workflow', 'event.json');
  await mkdir(dirname(eventPath), { recursive: true });
  await writeFile(eventPath, JSON.stringify(opts.event, null, 2));

  const fileCommand = async (kind: string): Promise<string> => {
    const file = join(commandsDir, `${kind}_${randomUUID()}`);
    await writeFile(file, '');
    return file;
  };
  const [outputFile, summaryFile, envFile, pathFile, stateFile] = await Promise.all(
    ['set_output', 'step_summary', 'set_env', 'add_path', 'save_state'].map(fileCommand),
  );

  if (opts.configYaml !== undefined) {
    await mkdir(join(workspace, '.github'), { recursive: true });
    await writeFile(join(workspace, CONFIG_PATH), opts.configYaml);
  }
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    const file = join(workspace, rel);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  await opts.prepareWorkspace?.(workspace);

  const inputs: Record<string, string> = {
    'github-token': FAKE_TOKEN,
    config: CONFIG_PATH,
    'dry-run': 'false',
    'working-directory': '',
    ...(opts.actionYml === false ? {} : actionYmlDefaults(opts.actionYml ?? ACTION_YML)),
    ...(opts.inputs ?? {}),
  };
  const systemPath = testSystemPath();
  const env: Record<string, string> = {
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputEnvName(k), v])),
    GITHUB_EVENT_NAME: opts.eventName ?? 'issues',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: opts.github.url,
    GITHUB_GRAPHQL_URL: `${opts.github.url}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_REPOSITORY_ID: '700000',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_WORKFLOW: 'AI Orchestra',
    GITHUB_WORKFLOW_REF: `${fullName}/.github/workflows/ai-orchestra.yml@refs/heads/main`,
    GITHUB_JOB: 'orchestra',
    GITHUB_ACTION: '__run',
    GITHUB_ACTOR: actor,
    GITHUB_TRIGGERING_ACTOR: actor,
    GITHUB_SHA: FAKE_SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_BASE_REF: '',
    GITHUB_HEAD_REF: '',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile!,
    GITHUB_STEP_SUMMARY: summaryFile!,
    GITHUB_ENV: envFile!,
    GITHUB_PATH: pathFile!,
    GITHUB_STATE: stateFile!,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TOOL_CACHE: join(root, 'toolcache'),
    HOME: home,
    PATH: [...(opts.pathPrepend ?? [FIXTURES_BIN]), ...systemPath].join(':'),
    ...(opts.env ?? {}),
  };

  if (opts.asUser) await chownTree(root, opts.asUser.uid, opts.asUser.gid);
  const started = Date.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), entry], {
    cwd: workspace,
    env,
    detached: true, // own process group, so a timeout can kill everything it started in it
    ...(opts.asUser ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));

  const timeoutMs = opts.timeoutMs ?? 60_000;
  let timedOut = false;
  const killTimer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, timeoutMs);
  // With `after`, the delay counts from the moment it holds (polled every 20 ms, bounded by the kill timer).
  let signalTimer: NodeJS.Timeout | undefined;
  let signalSentAt: number | undefined;
  const sendSignal = (): void => {
    signalSentAt = Date.now();
    try {
      process.kill(pid, opts.signalAfterMs!.signal);
    } catch {
      /* already gone */
    }
  };
  if (opts.signalAfterMs) {
    const { ms, after } = opts.signalAfterMs;
    if (!after) signalTimer = setTimeout(sendSignal, ms);
    else {
      const poll = (): void => {
        signalTimer = after() ? setTimeout(sendSignal, ms) : setTimeout(poll, 20);
      };
      poll();
    }
  }

  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c, s) => resolve({ code: c, signal: s }));
    },
  );
  const durationMs = Date.now() - started;
  const cancelToExitMs = signalSentAt === undefined ? undefined : Date.now() - signalSentAt;
  clearTimeout(killTimer);
  if (signalTimer) clearTimeout(signalTimer);

  // A process left in the group may hold the pipes open: note it, kill it, then collect the rest of the output.
  const leftoverProcesses = groupAlive(pid);
  if (leftoverProcesses) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  await Promise.race([
    Promise.all(
      [child.stdout!, child.stderr!].map((s) =>
        s.readableEnded || s.destroyed ? undefined : new Promise((r) => s.once('close', r)),
      ),
    ),
    new Promise((r) => setTimeout(r, 2_000)),
  ]);
  child.stdout!.destroy();
  child.stderr!.destroy();

  if (timedOut) {
    throw new Error(
      `The action did not finish within ${timeoutMs} ms and was killed.\n--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout)}`,
    );
  }

  const [outputText, summary] = await Promise.all([readFile(outputFile!, 'utf8'), readFile(summaryFile!, 'utf8')]);
  return {
    exitCode: code,
    signal,
    stdout,
    stderr,
    outputs: parseFileCommands(outputText),
    summary,
    env,
    root,
    workspace,
    runnerTemp,
    home,
    eventPath,
    durationMs,
    cancelToExitMs,
    startedAt: started,
    leftoverProcesses,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

// ------------------------------------------------------------------ fake CLI records

export interface FakeCliRecord {
  cli: string;
  pid: number;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  mode: string;
  /** null when the CLI exited before reading its prompt (exit-early, usage error, trust failure). */
  promptBase64: string | null;
  prompt: string | null;
  startedAt: number;
  /** null for `hang` (recorded when it started hanging). */
  finishedAt: number | null;
  exitCode?: number;
  /** `hang` only: the `sleep 1000` it spawned in its process group. */
  grandchildPid?: number | null;
  usageError?: string;
  /** Files a write entry wrote (FAKE_WRITE or FAKE_ANSWERS), when the mode let it. */
  written?: string[];
  /** Paths the FAKE_ANSWERS entry's `probe` asked about: whether each existed when the CLI started. */
  probed?: Record<string, boolean>;
  /** Commands the fake ran from project configuration (claude hooks, gemini mcpServers), as the real CLI would. */
  projectConfigRan?: string[];
  /** File name inside the record directory. */
  file: string;
}

/** All records written by the fake CLIs to a FAKE_RECORD_DIR, oldest first; [] if the directory does not exist. */
export async function readRecords(dir: string): Promise<FakeCliRecord[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const records = await Promise.all(
    names.map(async (file) => {
      const r = JSON.parse(await readFile(join(dir, file), 'utf8')) as Omit<FakeCliRecord, 'prompt' | 'file'>;
      return {
        ...r,
        prompt: r.promptBase64 === null ? null : Buffer.from(r.promptBase64, 'base64').toString('utf8'),
        file,
      };
    }),
  );
  return records.sort((a, b) => a.startedAt - b.startedAt || a.pid - b.pid);
}

/** Whether a process (e.g. a record's pid or grandchildPid) still exists. Zombies count as alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
