// A fake GitHub REST API for integration tests: plain node:http on 127.0.0.1, in-memory state,
// realistic JSON, pagination Link headers and fault injection. No dependencies, and only
// erasable TypeScript syntax, so it also runs under `node --experimental-strip-types`. The test suite installs an
// auditor (setExchangeAuditor) that holds every request and response to GitHub's own REST description.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ActionsSide,
  DOWNLOAD_PREFIX,
  type FakeCheckRunSeed,
  type FakeWorkflowRun,
  newActionsSide,
  registerActionsRoutes,
  type WorkflowRunSeed,
} from './actions.js';
import { addGitDataRoutes, type GitDataStore } from './git-data.js';
import {
  type FakePullFile,
  type FakeReview,
  type FakeReviewComment,
  newPullSide,
  type PullSeed,
  type PullSide,
  type ReviewSeed,
  registerPullRoutes,
  seedReview,
} from './pulls.js';

export type { FakeCheckRunSeed, FakeJobSeed, FakeWorkflowRun, WorkflowRunSeed } from './actions.js';
export type { FakePullFile, FakeReview, FakeReviewComment, PullSeed, ReviewSeed } from './pulls.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface FakeUser {
  login: string;
  type: 'User' | 'Bot';
}

export interface FakeIssue {
  owner: string;
  repo: string;
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string | null;
  /** Label names, in the order they were added. */
  labels: string[];
  user: FakeUser;
  state: 'open' | 'closed';
  created_at: string;
  updated_at: string;
  reactions: FakeReaction[];
  /** This issue is a pull request's (addPullRequest). */
  pull_request?: boolean;
}

export interface FakeComment {
  owner: string;
  repo: string;
  issue_number: number;
  id: number;
  node_id: string;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
  html_url: string;
  issue_url: string;
  url: string;
}

export interface FakeReaction {
  id: number;
  node_id: string;
  content: string;
  user: FakeUser;
  created_at: string;
}

export interface FakePull {
  owner: string;
  repo: string;
  number: number;
  id: number;
  title: string;
  head: string;
  base: string;
  body: string | null;
  draft: boolean;
  state: 'open' | 'closed';
  html_url: string;
  created_at: string;
  /** Seeded pull requests (addPullRequest) have these; ones the action opens have none. */
  user?: FakeUser;
  head_sha?: string;
  base_sha?: string;
  /** owner/name of the fork the head branch lives in. */
  head_repo?: string;
  files?: FakePullFile[];
}

export interface FakeRepo {
  owner: string;
  repo: string;
  id: number;
  default_branch: string;
  private: boolean;
}

export interface FakeState {
  repos: FakeRepo[];
  issues: FakeIssue[];
  /** Every comment of every issue, in creation order. Deleting one here makes the API 404 it. */
  comments: FakeComment[];
  /** Repository-wide labels (created on first use, as GitHub does). */
  labels: Record<string, { id: number; name: string; color: string; description: string | null }>;
  /** Collaborator permission by login (any repository). */
  permissions: Record<string, Permission>;
  pulls: FakePull[];
  /** Compare results, contents at refs, reviews and review comments. */
  pullSide: PullSide;
  /** Workflow runs with their jobs and logs, check suites with their check runs. */
  actionsSide: ActionsSide;
}

export interface RequestLogEntry {
  method: string;
  /** Path with query string, e.g. /repos/acme/widgets/issues/7/comments?per_page=100&page=2 */
  path: string;
  /** Path without query string. */
  pathname: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined when there was none; the raw string when it was not JSON). */
  body: unknown;
  /** Date.now() when the request arrived. */
  time: number;
  /** Status sent; 0 while the response is pending (or when the client went away first). */
  status: number;
  /** Whether failNext produced the response. */
  injected: boolean;
}

export interface FailMatch {
  /** HTTP method, case-insensitive; '*' matches any. */
  method: string;
  /** Tested against the path WITHOUT the query string. */
  pathRegex: RegExp;
  /** Also tested against the raw request body when given, e.g. to fail the POST of one marked comment only. */
  bodyRegex?: RegExp;
}

export interface FailResponse {
  /** Status to answer. Omitted: answer the normal response (useful with stallMs alone, to slow one request). */
  status?: number;
  headers?: Record<string, string>;
  /** Object/array → JSON, string → as is. Default for status >= 400: {message, documentation_url}. */
  body?: unknown;
  /** Apply the write as if the request succeeded, then still answer the injected error (e.g. 502 after creating). */
  afterApplying?: boolean;
  /** Wait this long before answering (the write, if applied, happens at once). */
  stallMs?: number;
}

export interface AddIssueInput {
  owner?: string;
  repo?: string;
  number: number;
  title?: string;
  body?: string | null;
  labels?: string[];
  /** A login (type User) or a full user. */
  user?: string | FakeUser;
  state?: 'open' | 'closed';
}

export interface AddCommentInput {
  owner?: string;
  repo?: string;
  number: number;
  body: string;
  /** Default: github-actions[bot]. */
  user?: string | FakeUser;
}

/** A request or a normal response that GitHub's REST description does not allow (see setExchangeAuditor). */
export interface Violation {
  kind: 'request' | 'response';
  /** Names the route, the operation and the schema error. */
  message: string;
}

export interface AuditedRequest {
  method: string;
  pathname: string;
  query: Record<string, string>;
  /** Parsed JSON body; undefined when none was sent. */
  body: unknown;
}

/** Checks exchanges against a description of the API; the server records what it finds as violations. */
export interface ExchangeAuditor {
  /** invalidBody: the body's schema error, which GitHub answers with 422 "Invalid request" (the fake does too). */
  request(req: AuditedRequest): { problems: string[]; invalidBody?: string };
  /** Called for every response the fake itself produced (not for failNext's injected ones). */
  response(req: AuditedRequest, status: number, body: unknown): string[];
}

let auditor: ExchangeAuditor | undefined;
const auditedServers = new Set<FakeGitHub>();

/** Installs (or, with undefined, removes) the auditor for every fake GitHub started afterwards in this process. */
export function setExchangeAuditor(next: ExchangeAuditor | undefined): void {
  auditor = next;
}

/** Takes the violations recorded so far by every fake GitHub of this process (closed ones included). */
export function takeViolations(): Violation[] {
  const all: Violation[] = [];
  for (const gh of auditedServers) all.push(...gh.takeViolations());
  return all;
}

export interface FakeGitHub {
  /** Base URL without trailing slash, for GITHUB_API_URL. */
  url: string;
  state: FakeState;
  requests: RequestLogEntry[];
  /** Violations not yet taken (by takeViolations, or the suite's after-each check). */
  violations: Violation[];
  /** Returns and clears this server's violations: a test that sends a wrong request on purpose takes them itself. */
  takeViolations(): Violation[];
  addRepo(input: { owner?: string; repo?: string; defaultBranch?: string; private?: boolean }): FakeRepo;
  addIssue(input: AddIssueInput): FakeIssue;
  /** Seeds a comment (no request logged); default author github-actions[bot]. */
  addComment(input: AddCommentInput): FakeComment;
  setPermission(user: string, permission: Permission): void;
  /** The issue, or undefined; owner/repo default to acme/widgets. */
  issue(number: number, owner?: string, repo?: string): FakeIssue | undefined;
  /** Comments of one issue in creation order; owner/repo default to acme/widgets. */
  commentsOn(number: number, owner?: string, repo?: string): FakeComment[];
  /** Requests matching method (or '*') and a regex on the path without query. */
  requestsTo(method: string, pathRegex: RegExp): RequestLogEntry[];
  /** The next `times` requests matching `match` get `response` instead of the normal one. */
  failNext(match: FailMatch, response: FailResponse, times?: number): void;
  /** The routes it serves: method and path with :params, e.g. GET /repos/:o/:r/issues/:n (to warm the checks up). */
  routes(): { method: string; path: string }[];
  /** Drops pending failNext rules. */
  clearFailures(): void;
  /** A branch's files (path → text) as the Contents and Git Data routes left them; undefined when it does not exist. */
  branchFiles: GitDataStore['branchFiles'];
  close(): Promise<void>;
  /** Seeds a pull request (and its issue, as GitHub numbers them together) with its files' patches. */
  addPullRequest(seed: PullSeed): FakePull;
  /** A push to the pull request: a new head and the files of the whole pull request now. */
  pushToPull(number: number, head: { sha: string; files: FakePullFile[] }, owner?: string, repo?: string): FakePull;
  /** What GET compare/{base}...{head} answers. */
  addCompare(base: string, head: string, files: FakePullFile[], status?: 'ahead' | 'diverged'): void;
  /** File texts at a commit, for GET contents/{path}?ref={sha}. */
  setContents(sha: string, files: Record<string, string>): void;
  reviewsOn(number: number, owner?: string, repo?: string): FakeReview[];
  reviewCommentsOn(number: number, owner?: string, repo?: string): FakeReviewComment[];
  /** Seeds a submitted review (default CHANGES_REQUESTED) with line comments on the pull request's diff. */
  addReview(
    number: number,
    seed: ReviewSeed,
    owner?: string,
    repo?: string,
  ): { review: FakeReview; comments: FakeReviewComment[] };
  /** A completed workflow run with its jobs, steps and logs (GET actions/runs/{id}/jobs, actions/jobs/{id}/logs). */
  addWorkflowRun(seed: WorkflowRunSeed): FakeWorkflowRun;
  /** A check suite's check runs (GET check-suites/{id}/check-runs). */
  addCheckSuite(id: number, headSha: string, runs: FakeCheckRunSeed[]): void;
}

export const BOT_USER: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };
const BOT_ID = 41898282;
const DEFAULT_OWNER = 'acme';
const DEFAULT_REPO = 'widgets';
const MAX_COMMENT_LENGTH = 65536;
const REACTIONS = new Set(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']);
const DOCS = 'https://docs.github.com/rest';

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  readonly reply: Reply;
  constructor(reply: Reply) {
    super(`HTTP ${reply.status}`);
    this.reply = reply;
  }
}

function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function error(status: number, message: string, extra: Record<string, unknown> = {}, docs = DOCS): HttpError {
  return new HttpError({ status, body: { message, ...extra, documentation_url: docs, status: String(status) } });
}

const notFound = (): HttpError => error(404, 'Not Found');

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`fake:${id}`).toString('base64').replace(/=+$/, '')}`;
}

/** A simple-user, with every URL GitHub's description requires (GitHub always sends them). */
export function userJson(user: FakeUser, id: number): Record<string, unknown> {
  const bot = user.type === 'Bot';
  const slug = user.login.replace(/\[bot\]$/, '');
  const api = `https://api.github.com/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id,
    node_id: nodeId(bot ? 'BOT' : 'U', id),
    avatar_url: bot
      ? 'https://avatars.githubusercontent.com/in/15368?v=4'
      : `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: bot ? `https://github.com/apps/${slug}` : `https://github.com/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** Every URL template GitHub sends in a repository object (its description requires them all); api: the API base. */
export function repoUrls(api: string, owner: string, repo: string): Record<string, string> {
  const root = `${api}/repos/${owner}/${repo}`;
  const templates: Record<string, string> = {
    archive_url: '/{archive_format}{/ref}',
    assignees_url: '/assignees{/user}',
    blobs_url: '/git/blobs{/sha}',
    branches_url: '/branches{/branch}',
    collaborators_url: '/collaborators{/collaborator}',
    comments_url: '/comments{/number}',
    commits_url: '/commits{/sha}',
    compare_url: '/compare/{base}...{head}',
    contents_url: '/contents/{+path}',
    contributors_url: '/contributors',
    deployments_url: '/deployments',
    downloads_url: '/downloads',
    events_url: '/events',
    forks_url: '/forks',
    git_commits_url: '/git/commits{/sha}',
    git_refs_url: '/git/refs{/sha}',
    git_tags_url: '/git/tags{/sha}',
    hooks_url: '/hooks',
    issue_comment_url: '/issues/comments{/number}',
    issue_events_url: '/issues/events{/number}',
    issues_url: '/issues{/number}',
    keys_url: '/keys{/key_id}',
    labels_url: '/labels{/name}',
    languages_url: '/languages',
    merges_url: '/merges',
    milestones_url: '/milestones{/number}',
    notifications_url: '/notifications{?since,all,participating}',
    pulls_url: '/pulls{/number}',
    releases_url: '/releases{/id}',
    stargazers_url: '/stargazers',
    statuses_url: '/statuses/{sha}',
    subscribers_url: '/subscribers',
    subscription_url: '/subscription',
    tags_url: '/tags',
    teams_url: '/teams',
    trees_url: '/git/trees{/sha}',
  };
  return {
    ...Object.fromEntries(Object.entries(templates).map(([key, suffix]) => [key, `${root}${suffix}`])),
    git_url: `git://github.com/${owner}/${repo}.git`,
    ssh_url: `git@github.com:${owner}/${repo}.git`,
    svn_url: `https://github.com/${owner}/${repo}`,
  };
}

/** GET /user of a token without the user scope: the public profile (GitHub's public-user). */
function publicUserJson(user: FakeUser, id: number): Record<string, unknown> {
  return {
    ...userJson(user, id),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z',
  };
}

/** The GitHub Actions app, as GitHub shows it under performed_via_github_app of what its token wrote. */
function actionsAppJson(): Record<string, unknown> {
  const owner: FakeUser = { login: 'github', type: 'User' };
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    owner: { ...userJson(owner, 9919), node_id: 'MDEyOk9yZ2FuaXphdGlvbjk5MTk=', type: 'Organization' },
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: 'https://github.com/apps/github-actions',
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2019-12-10T19:04:12Z',
    permissions: { actions: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' },
    events: ['check_run', 'issue_comment', 'issues', 'pull_request', 'push', 'workflow_dispatch'],
  };
}

function toUser(u: string | FakeUser | undefined, fallback: FakeUser): FakeUser {
  if (u === undefined) return { ...fallback };
  if (typeof u === 'string') return { login: u, type: u.endsWith('[bot]') ? 'Bot' : 'User' };
  return { ...u };
}

function labelColor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h & 0xffffff).toString(16).padStart(6, '0');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeGitHub(
  opts: {
    latencyMs?: number;
    /**
     * Whom the token belongs to: comments and reactions are written as this account. Default github-actions[bot]
     * (an installation token, which may not ask GET /user); a User stands for a personal access token.
     */
    tokenUser?: FakeUser;
  } = {},
): Promise<FakeGitHub> {
  const actor: FakeUser = opts.tokenUser ?? BOT_USER;
  const state: FakeState = {
    repos: [],
    issues: [],
    comments: [],
    labels: {},
    permissions: {},
    pulls: [],
    pullSide: newPullSide(),
    actionsSide: newActionsSide(),
  };
  const requests: RequestLogEntry[] = [];
  const violations: Violation[] = [];
  const audit = auditor;
  const failures: { match: FailMatch; response: FailResponse; remaining: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 2_000_000_001;
  const newId = (): number => nextId++;
  const userIds = new Map<string, number>();
  const userId = (u: FakeUser): number => {
    if (u.login === BOT_USER.login) return BOT_ID;
    let id = userIds.get(u.login);
    if (id === undefined) userIds.set(u.login, (id = 1000 + userIds.size));
    return id;
  };
  let base = '';

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  // ------------------------------------------------------------------ state helpers

  const findRepo = (owner: string, repo: string): FakeRepo | undefined =>
    state.repos.find(
      (r) => r.owner.toLowerCase() === owner.toLowerCase() && r.repo.toLowerCase() === repo.toLowerCase(),
    );

  const addRepo: FakeGitHub['addRepo'] = (input) => {
    const owner = input.owner ?? DEFAULT_OWNER;
    const repo = input.repo ?? DEFAULT_REPO;
    const existing = findRepo(owner, repo);
    if (existing) {
      if (input.defaultBranch) existing.default_branch = input.defaultBranch;
      if (input.private !== undefined) existing.private = input.private;
      return existing;
    }
    const created: FakeRepo = {
      owner,
      repo,
      id: 700_000 + state.repos.length,
      default_branch: input.defaultBranch ?? 'main',
      private: input.private ?? false,
    };
    state.repos.push(created);
    return created;
  };

  const findIssue = (owner: string, repo: string, number: number): FakeIssue | undefined =>
    state.issues.find(
      (i) =>
        i.number === number &&
        i.owner.toLowerCase() === owner.toLowerCase() &&
        i.repo.toLowerCase() === repo.toLowerCase(),
    );

  const ensureLabel = (name: string): { id: number; name: string; color: string; description: string | null } => {
    const key = name.toLowerCase();
    let label = state.labels[key];
    if (!label) state.labels[key] = label = { id: newId(), name, color: labelColor(name), description: null };
    return label;
  };

  const addIssue: FakeGitHub['addIssue'] = (input) => {
    const owner = input.owner ?? DEFAULT_OWNER;
    const repo = input.repo ?? DEFAULT_REPO;
    addRepo({ owner, repo });
    if (findIssue(owner, repo, input.number)) throw new Error(`issue ${owner}/${repo}#${input.number} already exists`);
    const now = isoNow();
    const id = newId();
    const issue: FakeIssue = {
      owner,
      repo,
      number: input.number,
      id,
      node_id: nodeId('I', id),
      title: input.title ?? `Issue ${input.number}`,
      body: input.body === undefined ? 'Issue body' : input.body,
      labels: [...(input.labels ?? [])],
      user: toUser(input.user, { login: 'octocat', type: 'User' }),
      state: input.state ?? 'open',
      created_at: now,
      updated_at: now,
      reactions: [],
    };
    issue.labels.forEach(ensureLabel);
    state.issues.push(issue);
    return issue;
  };

  const createComment = (issue: FakeIssue, body: string, user: FakeUser): FakeComment => {
    const id = newId();
    const now = isoNow();
    const comment: FakeComment = {
      owner: issue.owner,
      repo: issue.repo,
      issue_number: issue.number,
      id,
      node_id: nodeId('IC', id),
      body,
      user,
      created_at: now,
      updated_at: now,
      html_url: `https://github.com/${issue.owner}/${issue.repo}/issues/${issue.number}#issuecomment-${id}`,
      issue_url: `${base}/repos/${issue.owner}/${issue.repo}/issues/${issue.number}`,
      url: `${base}/repos/${issue.owner}/${issue.repo}/issues/comments/${id}`,
    };
    state.comments.push(comment);
    issue.updated_at = now;
    return comment;
  };

  const addComment: FakeGitHub['addComment'] = (input) => {
    const owner = input.owner ?? DEFAULT_OWNER;
    const repo = input.repo ?? DEFAULT_REPO;
    const issue = findIssue(owner, repo, input.number);
    if (!issue) throw new Error(`no issue ${owner}/${repo}#${input.number}; addIssue first`);
    return createComment(issue, input.body, toUser(input.user, BOT_USER));
  };

  // ------------------------------------------------------------------ JSON renderers

  const repoJson = (r: FakeRepo): Record<string, unknown> => {
    const ownerUser: FakeUser = { login: r.owner, type: 'User' };
    const openIssues = state.issues.filter(
      (i) => i.owner === r.owner && i.repo === r.repo && i.state === 'open',
    ).length;
    return {
      id: r.id,
      node_id: nodeId('R', r.id),
      name: r.repo,
      full_name: `${r.owner}/${r.repo}`,
      private: r.private,
      owner: userJson(ownerUser, userId(ownerUser)),
      html_url: `https://github.com/${r.owner}/${r.repo}`,
      description: null,
      fork: false,
      url: `${base}/repos/${r.owner}/${r.repo}`,
      ...repoUrls(base, r.owner, r.repo),
      clone_url: `https://github.com/${r.owner}/${r.repo}.git`,
      mirror_url: null,
      homepage: null,
      language: null,
      forks_count: 0,
      forks: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 0,
      default_branch: r.default_branch,
      open_issues_count: openIssues,
      open_issues: openIssues,
      visibility: r.private ? 'private' : 'public',
      archived: false,
      disabled: false,
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_downloads: true,
      has_pages: false,
      has_discussions: false,
      license: null,
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      network_count: 0,
      subscribers_count: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: isoNow(),
      pushed_at: isoNow(),
    };
  };

  const labelJson = (owner: string, repo: string, name: string): Record<string, unknown> => {
    const l = ensureLabel(name);
    return {
      id: l.id,
      node_id: nodeId('LA', l.id),
      url: `${base}/repos/${owner}/${repo}/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      color: l.color,
      default: false,
      description: l.description,
    };
  };

  const reactionSummary = (url: string, reactions: FakeReaction[]): Record<string, unknown> => {
    const summary: Record<string, unknown> = { url, total_count: reactions.length };
    for (const c of REACTIONS) summary[c] = reactions.filter((r) => r.content === c).length;
    return summary;
  };

  const issueJson = (i: FakeIssue): Record<string, unknown> => {
    const api = `${base}/repos/${i.owner}/${i.repo}/issues/${i.number}`;
    return {
      url: api,
      repository_url: `${base}/repos/${i.owner}/${i.repo}`,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `https://github.com/${i.owner}/${i.repo}/${i.pull_request ? 'pull' : 'issues'}/${i.number}`,
      id: i.id,
      node_id: i.node_id,
      number: i.number,
      title: i.title,
      user: userJson(i.user, userId(i.user)),
      labels: i.labels.map((l) => labelJson(i.owner, i.repo, l)),
      state: i.state,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: state.comments.filter((c) => c.owner === i.owner && c.repo === i.repo && c.issue_number === i.number)
        .length,
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_at: null,
      author_association: 'MEMBER',
      active_lock_reason: null,
      body: i.body,
      closed_by: null,
      reactions: reactionSummary(`${api}/reactions`, i.reactions),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
      state_reason: null,
      ...(i.pull_request
        ? {
            draft: false,
            pull_request: {
              url: `${base}/repos/${i.owner}/${i.repo}/pulls/${i.number}`,
              html_url: `https://github.com/${i.owner}/${i.repo}/pull/${i.number}`,
              diff_url: `https://github.com/${i.owner}/${i.repo}/pull/${i.number}.diff`,
              patch_url: `https://github.com/${i.owner}/${i.repo}/pull/${i.number}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  };

  const associationOf = (user: FakeUser): string => {
    const key = Object.keys(state.permissions).find((k) => k.toLowerCase() === user.login.toLowerCase());
    if (key === undefined) return user.type === 'Bot' ? 'NONE' : 'MEMBER';
    return ['admin', 'maintain', 'write'].includes(state.permissions[key]!) ? 'MEMBER' : 'CONTRIBUTOR';
  };

  const commentJson = (c: FakeComment): Record<string, unknown> => ({
    url: c.url,
    html_url: c.html_url,
    issue_url: c.issue_url,
    id: c.id,
    node_id: c.node_id,
    user: userJson(c.user, userId(c.user)),
    created_at: c.created_at,
    updated_at: c.updated_at,
    // MEMBER unless the test gave the author a permission below write (then CONTRIBUTOR) or none (NONE for bots).
    author_association: associationOf(c.user),
    body: c.body,
    reactions: reactionSummary(`${c.url}/reactions`, []),
    performed_via_github_app: c.user.type === 'Bot' ? actionsAppJson() : null,
  });

  const reactionJson = (r: FakeReaction): Record<string, unknown> => ({
    id: r.id,
    node_id: r.node_id,
    user: userJson(r.user, userId(r.user)),
    content: r.content,
    created_at: r.created_at,
  });

  const branchJson = (fullName: string, ref: string, sha: string): Record<string, unknown> => {
    const [owner = DEFAULT_OWNER, name = DEFAULT_REPO] = fullName.split('/');
    const repo = findRepo(owner, name) ?? {
      owner,
      repo: name,
      id: 800_000 + (userId({ login: fullName, type: 'User' }) % 1000),
      default_branch: 'main',
      private: false,
    };
    const ownerUser: FakeUser = { login: repo.owner, type: 'User' };
    return {
      label: `${repo.owner}:${ref}`,
      ref,
      sha,
      user: userJson(ownerUser, userId(ownerUser)),
      repo: { ...repoJson(repo), fork: !findRepo(owner, name) },
    };
  };

  const pullJson = (p: FakePull): Record<string, unknown> => {
    const api = `${base}/repos/${p.owner}/${p.repo}/pulls/${p.number}`;
    const issue = p.user ? findIssue(p.owner, p.repo, p.number) : undefined;
    const author = p.user ?? BOT_USER;
    const files = p.files ?? [];
    const count = (sign: string): number =>
      files.reduce((n, f) => n + (f.patch ?? '').split('\n').filter((l) => l.startsWith(sign)).length, 0);
    return {
      url: api,
      id: p.id,
      node_id: nodeId('PR', p.id),
      html_url: p.html_url,
      diff_url: `${p.html_url}.diff`,
      patch_url: `${p.html_url}.patch`,
      issue_url: `${base}/repos/${p.owner}/${p.repo}/issues/${p.number}`,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${base}/repos/${p.owner}/${p.repo}/pulls/comments{/number}`,
      comments_url: `${base}/repos/${p.owner}/${p.repo}/issues/${p.number}/comments`,
      statuses_url: `${base}/repos/${p.owner}/${p.repo}/statuses/${p.head_sha ?? '0'.repeat(40)}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: userJson(author, userId(author)),
      body: p.body,
      labels: (issue?.labels ?? []).map((l) => labelJson(p.owner, p.repo, l)),
      milestone: null,
      active_lock_reason: null,
      created_at: p.created_at,
      updated_at: p.created_at,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      draft: p.draft,
      head: branchJson(p.head_repo ?? `${p.owner}/${p.repo}`, p.head, p.head_sha ?? '0'.repeat(40)),
      base: branchJson(`${p.owner}/${p.repo}`, p.base, p.base_sha ?? '0'.repeat(40)),
      _links: {
        self: { href: api },
        html: { href: p.html_url },
        issue: { href: `${base}/repos/${p.owner}/${p.repo}/issues/${p.number}` },
        comments: { href: `${base}/repos/${p.owner}/${p.repo}/issues/${p.number}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${base}/repos/${p.owner}/${p.repo}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${base}/repos/${p.owner}/${p.repo}/statuses/${p.head_sha ?? '0'.repeat(40)}` },
      },
      author_association: p.user ? 'CONTRIBUTOR' : 'NONE',
      auto_merge: null,
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: issue
        ? state.comments.filter((c) => c.owner === p.owner && c.repo === p.repo && c.issue_number === p.number).length
        : 0,
      review_comments: state.pullSide.reviewComments.filter(
        (c) => c.owner === p.owner && c.repo === p.repo && c.pull_number === p.number,
      ).length,
      maintainer_can_modify: false,
      commits: 1,
      additions: count('+'),
      deletions: count('-'),
      changed_files: files.length,
    };
  };

  // ------------------------------------------------------------------ routes

  type Handler = (p: string[], ctx: { query: Record<string, string>; body: unknown }) => Reply;
  const routes: { method: string; pattern: RegExp; template: string; handler: Handler }[] = [];
  const route = (method: string, template: string, handler: Handler): void => {
    const re = new RegExp(`^${template.replace(/:[a-z_]+/g, '([^/]+)').replace(/\*[a-z_]+/g, '(.+)')}/?$`);
    routes.push({ method, pattern: re, template, handler });
  };

  const repoOr404 = (owner: string, repo: string): FakeRepo => {
    const r = findRepo(owner, repo);
    if (!r) throw notFound();
    return r;
  };
  const issueOr404 = (owner: string, repo: string, n: string): FakeIssue => {
    const issue = /^\d+$/.test(n) ? findIssue(owner, repo, Number(n)) : undefined;
    if (!issue) throw notFound();
    return issue;
  };
  const commentOr404 = (owner: string, repo: string, id: string): FakeComment => {
    const c = state.comments.find(
      (x) =>
        String(x.id) === id &&
        x.owner.toLowerCase() === owner.toLowerCase() &&
        x.repo.toLowerCase() === repo.toLowerCase(),
    );
    if (!c) throw notFound();
    return c;
  };
  const objectBody = (body: unknown): Record<string, unknown> => {
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      if (Array.isArray(body)) return { __array: body };
      throw error(400, 'Problems parsing JSON');
    }
    return body as Record<string, unknown>;
  };
  const checkCommentBody = (body: unknown, docs: string): string => {
    if (typeof body !== 'string') {
      throw error(422, 'Invalid request.\n\n"body" wasn\'t supplied.', {}, docs);
    }
    if ([...body].length > MAX_COMMENT_LENGTH) {
      throw error(
        422,
        'Validation Failed',
        {
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
            },
          ],
        },
        docs,
      );
    }
    return body;
  };
  const intParam = (v: string | undefined, dflt: number): number => {
    const n = v === undefined ? NaN : Number.parseInt(v, 10);
    return Number.isFinite(n) && n > 0 ? n : dflt;
  };

  /** One page of a list, with GitHub's Link header. */
  const page = <T>(
    all: T[],
    query: Record<string, string>,
    url: string,
  ): { body: T[]; headers: Record<string, string> } => {
    const perPage = Math.min(intParam(query.per_page, 30), 100);
    const current = intParam(query.page, 1);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const headers: Record<string, string> = {};
    const pageUrl = (p: number): string => `${url}?per_page=${perPage}&page=${p}`;
    const links: string[] = [];
    if (current > 1) links.push(`<${pageUrl(Math.min(current - 1, lastPage))}>; rel="prev"`);
    if (current < lastPage) links.push(`<${pageUrl(current + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
    if (current > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
    if (links.length) headers.link = links.join(', ');
    return { body: all.slice((current - 1) * perPage, current * perPage), headers };
  };

  const findPull = (owner: string, repo: string, number: number): FakePull | undefined =>
    state.pulls.find(
      (p) =>
        p.number === number &&
        p.owner.toLowerCase() === owner.toLowerCase() &&
        p.repo.toLowerCase() === repo.toLowerCase(),
    );
  const pullOr404 = (owner: string, repo: string, n: string): FakePull & { user: FakeUser } => {
    const pull = /^\d+$/.test(n) ? findPull(owner, repo, Number(n)) : undefined;
    if (!pull) throw notFound();
    return { ...pull, user: pull.user ?? BOT_USER };
  };

  route('GET', '/repos/:o/:r', ([o, r]) => ({ status: 200, body: repoJson(repoOr404(o!, r!)) }));

  route('GET', '/repos/:o/:r/issues/comments/:id', ([o, r, id]) => ({
    status: 200,
    body: commentJson(commentOr404(o!, r!, id!)),
  }));

  route('PATCH', '/repos/:o/:r/issues/comments/:id', ([o, r, id], { body }) => {
    const c = commentOr404(o!, r!, id!);
    const text = checkCommentBody(objectBody(body).body, `${DOCS}/issues/comments#update-an-issue-comment`);
    c.body = text;
    c.updated_at = isoNow();
    return { status: 200, body: commentJson(c) };
  });

  route('DELETE', '/repos/:o/:r/issues/comments/:id', ([o, r, id]) => {
    const c = commentOr404(o!, r!, id!);
    state.comments.splice(state.comments.indexOf(c), 1);
    return { status: 204 };
  });

  route('GET', '/repos/:o/:r/issues/:n', ([o, r, n]) => ({ status: 200, body: issueJson(issueOr404(o!, r!, n!)) }));

  route('GET', '/repos/:o/:r/issues/:n/comments', ([o, r, n], { query }) => {
    const issue = issueOr404(o!, r!, n!);
    const all = state.comments.filter(
      (c) => c.owner === issue.owner && c.repo === issue.repo && c.issue_number === issue.number,
    );
    const { body, headers } = page(
      all,
      query,
      `${base}/repos/${issue.owner}/${issue.repo}/issues/${issue.number}/comments`,
    );
    return { status: 200, body: body.map(commentJson), headers };
  });

  route('POST', '/repos/:o/:r/issues/:n/comments', ([o, r, n], { body }) => {
    const issue = issueOr404(o!, r!, n!);
    const text = checkCommentBody(objectBody(body).body, `${DOCS}/issues/comments#create-an-issue-comment`);
    const c = createComment(issue, text, { ...actor });
    return { status: 201, body: commentJson(c), headers: { location: c.url } };
  });

  route('GET', '/repos/:o/:r/issues/:n/reactions', ([o, r, n]) => ({
    status: 200,
    body: issueOr404(o!, r!, n!).reactions.map(reactionJson),
  }));

  route('POST', '/repos/:o/:r/issues/:n/reactions', ([o, r, n], { body }) => {
    const issue = issueOr404(o!, r!, n!);
    const content = objectBody(body).content;
    if (typeof content !== 'string' || !REACTIONS.has(content)) {
      throw error(422, 'Validation Failed', {
        errors: [{ resource: 'Reaction', code: 'invalid', field: 'content' }],
      });
    }
    const existing = issue.reactions.find((x) => x.content === content && x.user.login === BOT_USER.login);
    if (existing) return { status: 200, body: reactionJson(existing) };
    const id = newId();
    const reaction: FakeReaction = {
      id,
      node_id: nodeId('REA', id),
      content,
      user: { ...actor },
      created_at: isoNow(),
    };
    issue.reactions.push(reaction);
    return { status: 201, body: reactionJson(reaction) };
  });

  route('GET', '/repos/:o/:r/issues/:n/labels', ([o, r, n]) => {
    const issue = issueOr404(o!, r!, n!);
    return { status: 200, body: issue.labels.map((l) => labelJson(issue.owner, issue.repo, l)) };
  });

  route('POST', '/repos/:o/:r/issues/:n/labels', ([o, r, n], { body }) => {
    const issue = issueOr404(o!, r!, n!);
    const b = objectBody(body);
    const raw = (b.__array ?? b.labels) as unknown;
    if (!Array.isArray(raw) || raw.length === 0) {
      throw error(422, 'Invalid request.\n\nNo subschema in "anyOf" matched.');
    }
    for (const item of raw) {
      const name = typeof item === 'string' ? item : (item as { name?: unknown })?.name;
      if (typeof name !== 'string' || !name) throw error(422, 'Invalid request.\n\nNo subschema in "anyOf" matched.');
      if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(ensureLabel(name).name);
    }
    issue.updated_at = isoNow();
    return { status: 200, body: issue.labels.map((l) => labelJson(issue.owner, issue.repo, l)) };
  });

  route('DELETE', '/repos/:o/:r/issues/:n/labels/:name', ([o, r, n, name]) => {
    const issue = issueOr404(o!, r!, n!);
    const wanted = name!.toLowerCase();
    const idx = issue.labels.findIndex((l) => l.toLowerCase() === wanted);
    if (idx < 0) throw error(404, 'Label does not exist', {}, `${DOCS}/issues/labels#remove-a-label-from-an-issue`);
    issue.labels.splice(idx, 1);
    issue.updated_at = isoNow();
    return { status: 200, body: issue.labels.map((l) => labelJson(issue.owner, issue.repo, l)) };
  });

  route('GET', '/repos/:o/:r/collaborators/:user/permission', ([o, r, user]) => {
    repoOr404(o!, r!);
    const login = user!;
    const key = Object.keys(state.permissions).find((k) => k.toLowerCase() === login.toLowerCase());
    if (key === undefined) throw notFound();
    const role = state.permissions[key]!;
    const legacy = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
    const u: FakeUser = { login: key, type: 'User' };
    return {
      status: 200,
      body: {
        permission: legacy,
        role_name: role,
        user: {
          ...userJson(u, userId(u)),
          permissions: { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 },
          role_name: role,
        },
      },
    };
  });

  route('GET', '/repos/:o/:r/pulls', ([o, r], { query }) => {
    const repo = repoOr404(o!, r!);
    const wantedState = query.state ?? 'open';
    const pulls = state.pulls.filter(
      (p) =>
        p.owner === repo.owner &&
        p.repo === repo.repo &&
        (wantedState === 'all' || p.state === wantedState) &&
        (!query.head || `${p.owner}:${p.head}` === query.head || p.head === query.head) &&
        (!query.base || p.base === query.base),
    );
    return { status: 200, body: pulls.map(pullJson) };
  });

  route('GET', '/repos/:o/:r/pulls/:n', ([o, r, n]) => {
    const repo = repoOr404(o!, r!);
    const pull = state.pulls.find((p) => p.owner === repo.owner && p.repo === repo.repo && p.number === Number(n));
    return pull
      ? { status: 200, body: pullJson(pull) }
      : { status: 404, body: { message: 'Not Found', documentation_url: `${DOCS}/pulls/pulls#get-a-pull-request` } };
  });

  route('POST', '/repos/:o/:r/pulls', ([o, r], { body }) => {
    const repo = repoOr404(o!, r!);
    const b = objectBody(body);
    const docs = `${DOCS}/pulls/pulls#create-a-pull-request`;
    for (const field of ['head', 'base'] as const) {
      if (typeof b[field] !== 'string' || !b[field]) {
        throw error(
          422,
          'Validation Failed',
          { errors: [{ resource: 'PullRequest', field, code: 'missing_field' }] },
          docs,
        );
      }
    }
    if (typeof b.title !== 'string' && b.issue === undefined) {
      throw error(
        422,
        'Validation Failed',
        { errors: [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }] },
        docs,
      );
    }
    const head = String(b.head).replace(/^[^:]+:/, '');
    const basebranch = String(b.base);
    if (
      state.pulls.some(
        (p) =>
          p.owner === repo.owner &&
          p.repo === repo.repo &&
          p.head === head &&
          p.base === basebranch &&
          p.state === 'open',
      )
    ) {
      throw error(
        422,
        'Validation Failed',
        {
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${repo.owner}:${head}.`,
            },
          ],
        },
        docs,
      );
    }
    const numbers = [
      ...state.issues.filter((i) => i.owner === repo.owner && i.repo === repo.repo).map((i) => i.number),
      ...state.pulls.filter((p) => p.owner === repo.owner && p.repo === repo.repo).map((p) => p.number),
    ];
    const number = Math.max(0, ...numbers) + 1;
    const pull: FakePull = {
      owner: repo.owner,
      repo: repo.repo,
      number,
      id: newId(),
      title: typeof b.title === 'string' ? b.title : `Pull request ${number}`,
      head,
      base: basebranch,
      body: typeof b.body === 'string' ? b.body : null,
      draft: b.draft === true,
      state: 'open',
      html_url: `https://github.com/${repo.owner}/${repo.repo}/pull/${number}`,
      created_at: isoNow(),
    };
    state.pulls.push(pull);
    return {
      status: 201,
      body: pullJson(pull),
      headers: { location: `${base}/repos/${repo.owner}/${repo.repo}/pulls/${number}` },
    };
  });

  route('GET', '/repos/:o/:r/pulls/:n', ([o, r, n]) => {
    const pull = pullOr404(o!, r!, n!);
    return { status: 200, body: pullJson(findPull(pull.owner, pull.repo, pull.number)!) };
  });

  route('PATCH', '/repos/:o/:r/pulls/:n', ([o, r, n], { body }) => {
    const found = pullOr404(o!, r!, n!);
    const pull = findPull(found.owner, found.repo, found.number)!;
    const b = objectBody(body);
    const docs = `${DOCS}/pulls/pulls#update-a-pull-request`;
    for (const field of ['title', 'body'] as const) {
      if (b[field] !== undefined && typeof b[field] !== 'string')
        throw error(
          422,
          `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(b[field])} is not a string.`,
          {},
          docs,
        );
    }
    if (typeof b.body === 'string' && [...b.body].length > MAX_COMMENT_LENGTH)
      throw error(
        422,
        'Validation Failed',
        {
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              field: 'body',
              message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
            },
          ],
        },
        docs,
      );
    if (typeof b.title === 'string') pull.title = b.title;
    if (typeof b.body === 'string') pull.body = b.body;
    if (b.state === 'open' || b.state === 'closed') pull.state = b.state;
    const issue = findIssue(pull.owner, pull.repo, pull.number);
    if (issue) {
      issue.title = pull.title;
      issue.body = pull.body;
      issue.updated_at = isoNow();
    }
    return { status: 200, body: pullJson(pull) };
  });

  let pullContents: Handler | undefined;
  const gitData = addGitDataRoutes({
    add: route,
    repo: (o, r) => repoOr404(o, r),
    fail: (status, message, docs) => {
      throw error(status, message, {}, docs);
    },
    baseUrl: () => base,
    now: isoNow,
    // One GET contents route: a data branch's files here, a pull request's files at a commit on the pull side.
    otherContents: (p, c) => {
      if (!pullContents) throw notFound();
      return pullContents(p, c);
    },
  });

  registerPullRoutes({
    route: (method, template, handler) => {
      if (method === 'GET' && template === '/repos/:o/:r/contents/*path') pullContents = handler;
      else route(method, template, handler);
    },
    base: () => base,
    side: state.pullSide,
    actor,
    pullOr404,
    repoOr404,
    userJson: (u) => userJson(u, userId(u)),
    associationOf,
    newId,
    nodeId,
    isoNow,
    error,
    notFound,
    objectBody,
    page,
  });

  const actions = registerActionsRoutes({
    route,
    base: () => base,
    side: state.actionsSide,
    repoOr404,
    userJson: (u) => userJson(u, userId(u)),
    nodeId,
    notFound,
    page,
  });

  route('GET', '/user', () =>
    actor.type === 'Bot'
      ? {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: `${DOCS}/users/users#get-the-authenticated-user`,
          },
        }
      : { status: 200, body: publicUserJson(actor, userId(actor)) },
  );

  route('GET', '/rate_limit', () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const core = { limit: 5000, used: 1, remaining: 4999, reset };
    const search = { limit: 30, used: 0, remaining: 30, reset: reset - 3540 };
    return { status: 200, body: { resources: { core, search }, rate: core } };
  });

  const dispatch = (method: string, pathname: string, query: Record<string, string>, body: unknown): Reply => {
    let pathMatched = false;
    for (const r of routes) {
      const m = r.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params = m.slice(1).map((p) => decodeURIComponent(p));
      try {
        return r.handler(params, { query, body });
      } catch (e) {
        if (e instanceof HttpError) return e.reply;
        throw e;
      }
    }
    return pathMatched
      ? { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } }
      : notFound().reply;
  };

  // ------------------------------------------------------------------ HTTP

  const send = (res: ServerResponse, entry: RequestLogEntry, reply: Reply): void => {
    if (res.destroyed || res.writableEnded) return;

    const reset = Math.floor(Date.now() / 1000) + 3600;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FAKE:${requests.indexOf(entry).toString(16).padStart(6, '0')}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 4999 - requests.length)),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(Math.min(5000, requests.length)),
      'x-ratelimit-resource': 'core',
      ...(reply.headers ?? {}),
    };
    let payload = '';
    if (reply.status !== 204 && reply.status !== 304 && reply.body !== undefined) {
      payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    }
    if (!payload) delete headers['content-type'];
    headers['content-length'] = String(Buffer.byteLength(payload));
    entry.status = reply.status;
    res.writeHead(reply.status, headers);
    res.end(payload);
    // Checked once sent, so compiling a schema on first use does not delay the client.
    if (audit && !entry.injected && !entry.pathname.startsWith(DOWNLOAD_PREFIX)) {
      const req = { method: entry.method, pathname: entry.pathname, query: entry.query, body: entry.body };
      for (const message of audit.response(req, reply.status, reply.body))
        violations.push({ kind: 'response', message });
    }
  };

  const takeFailure = (method: string, pathname: string, raw: string): FailResponse | undefined => {
    const idx = failures.findIndex((f) => {
      f.match.pathRegex.lastIndex = 0;
      if (f.match.bodyRegex) f.match.bodyRegex.lastIndex = 0;
      return (
        (f.match.method === '*' || f.match.method.toUpperCase() === method) &&
        f.match.pathRegex.test(pathname) &&
        (!f.match.bodyRegex || f.match.bodyRegex.test(raw))
      );
    });
    if (idx < 0) return undefined;
    const f = failures[idx]!;
    if (--f.remaining <= 0) failures.splice(idx, 1);
    return f.response;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const time = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    let body: unknown;
    let badJson = false;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        badJson = true;
      }
    }
    const entry: RequestLogEntry = {
      method,
      path: url.pathname + url.search,
      pathname: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body,
      time,
      status: 0,
      injected: false,
    };
    requests.push(entry);
    const isDownload = actions.download(url.pathname, entry.query) !== undefined;
    const checked =
      audit && !badJson && !isDownload
        ? audit.request({ method, pathname: url.pathname, query: entry.query, body })
        : undefined;
    for (const message of checked?.problems ?? []) violations.push({ kind: 'request', message });

    if (opts.latencyMs) await sleep(opts.latencyMs);

    const failure = takeFailure(method, url.pathname, raw);
    // A log download is no REST API call (GitHub serves it from another host, signed, without our token).
    const download = actions.download(url.pathname, entry.query);
    if (download && !failure) {
      send(res, entry, download);
      return;
    }
    const normal = (): Reply => {
      if (!req.headers.authorization) return error(401, 'Requires authentication').reply;
      if (badJson) return error(400, 'Problems parsing JSON').reply;
      if (checked?.invalidBody) return error(422, `Invalid request.\n\n${checked.invalidBody}`).reply;
      return dispatch(method, url.pathname, entry.query, body);
    };

    if (!failure) {
      send(res, entry, normal());
      return;
    }
    entry.injected = true;
    // Apply the write now (its response is discarded) when asked to, then stall, then answer.
    const applied = failure.afterApplying ? normal() : undefined;
    if (failure.stallMs) await sleep(failure.stallMs);
    if (failure.status === undefined) {
      send(res, entry, applied ?? normal());
      return;
    }
    const status = failure.status;
    const defaultBody =
      status >= 400
        ? {
            message: status >= 500 ? 'Server Error' : 'Injected failure',
            documentation_url: DOCS,
            status: String(status),
          }
        : undefined;
    send(res, entry, { status, headers: failure.headers, body: failure.body ?? defaultBody });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: `fake-github crashed: ${e instanceof Error ? e.stack : String(e)}` }));
      }
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const addPullRequest: FakeGitHub['addPullRequest'] = (seed) => {
    const owner = seed.owner ?? DEFAULT_OWNER;
    const repo = seed.repo ?? DEFAULT_REPO;
    const user = toUser(seed.user, { login: 'contributor', type: 'User' });
    const issue = addIssue({
      owner,
      repo,
      number: seed.number,
      title: seed.title ?? `Pull request ${seed.number}`,
      body: seed.body,
      labels: seed.labels,
      user,
    });
    issue.pull_request = true;
    const pull: FakePull = {
      owner,
      repo,
      number: seed.number,
      id: newId(),
      title: issue.title,
      head: seed.head.ref,
      base: seed.base.ref,
      body: issue.body,
      draft: seed.draft ?? false,
      state: 'open',
      html_url: `https://github.com/${owner}/${repo}/pull/${seed.number}`,
      created_at: issue.created_at,
      user,
      head_sha: seed.head.sha,
      base_sha: seed.base.sha,
      head_repo: seed.head.repo,
      files: seed.files.map((f) => ({ ...f })),
    };
    state.pulls.push(pull);
    return pull;
  };

  const pullOf = (number: number, owner: string, repo: string): FakePull => {
    const pull = findPull(owner, repo, number);
    if (!pull) throw new Error(`no pull request ${owner}/${repo}#${number}; addPullRequest first`);
    return pull;
  };

  let closing: Promise<void> | undefined;
  const gh: FakeGitHub = {
    url: base,
    state,
    requests,
    violations,
    takeViolations: () => violations.splice(0),
    addRepo,
    addIssue,
    addComment,
    setPermission(user, permission) {
      state.permissions[user] = permission;
    },
    issue: (number, owner = DEFAULT_OWNER, repo = DEFAULT_REPO) => findIssue(owner, repo, number),
    commentsOn: (number, owner = DEFAULT_OWNER, repo = DEFAULT_REPO) =>
      state.comments.filter(
        (c) =>
          c.issue_number === number &&
          c.owner.toLowerCase() === owner.toLowerCase() &&
          c.repo.toLowerCase() === repo.toLowerCase(),
      ),
    requestsTo: (method, pathRegex) =>
      requests.filter((r) => {
        pathRegex.lastIndex = 0;
        return (method === '*' || r.method === method.toUpperCase()) && pathRegex.test(r.pathname);
      }),
    routes: () => routes.map((r) => ({ method: r.method, path: r.template })),
    addPullRequest,
    pushToPull(number, head, owner = DEFAULT_OWNER, repo = DEFAULT_REPO) {
      const pull = pullOf(number, owner, repo);
      pull.head_sha = head.sha;
      pull.files = head.files.map((f) => ({ ...f }));
      return pull;
    },
    addCompare(baseSha, headSha, files, status = 'ahead') {
      state.pullSide.compares[`${baseSha}...${headSha}`] = { status, files: files.map((f) => ({ ...f })) };
    },
    setContents(sha, files) {
      state.pullSide.contents[sha] = { ...(state.pullSide.contents[sha] ?? {}), ...files };
    },
    reviewsOn: (number, owner = DEFAULT_OWNER, repo = DEFAULT_REPO) =>
      state.pullSide.reviews.filter(
        (r) =>
          r.pull_number === number &&
          r.owner.toLowerCase() === owner.toLowerCase() &&
          r.repo.toLowerCase() === repo.toLowerCase(),
      ),
    addReview: (number, seed, owner = DEFAULT_OWNER, repo = DEFAULT_REPO) =>
      seedReview(state.pullSide, pullOf(number, owner, repo), seed, { newId, nodeId, now: isoNow() }),
    reviewCommentsOn: (number, owner = DEFAULT_OWNER, repo = DEFAULT_REPO) =>
      state.pullSide.reviewComments.filter(
        (c) =>
          c.pull_number === number &&
          c.owner.toLowerCase() === owner.toLowerCase() &&
          c.repo.toLowerCase() === repo.toLowerCase(),
      ),
    addWorkflowRun(seed) {
      const owner = seed.owner ?? DEFAULT_OWNER;
      const repo = seed.repo ?? DEFAULT_REPO;
      addRepo({ owner, repo });
      const id = seed.id ?? newId();
      const run: FakeWorkflowRun = {
        owner,
        repo,
        id,
        name: seed.name ?? 'CI',
        head_sha: seed.head_sha,
        head_branch: seed.head_branch,
        run_attempt: 1,
        jobs: seed.jobs.map((job) => ({ ...job, steps: job.steps.map((s) => ({ ...s })), id: newId(), run_id: id })),
      };
      state.actionsSide.runs.push(run);
      return run;
    },
    addCheckSuite(id, headSha, runs) {
      state.actionsSide.checkSuites[String(id)] = runs.map((r) => ({ ...r, id: newId(), head_sha: headSha }));
    },
    failNext(match, response, times = 1) {
      failures.push({ match, response, remaining: times });
    },
    clearFailures() {
      failures.length = 0;
    },
    branchFiles: gitData.branchFiles,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
  if (audit) auditedServers.add(gh);
  return gh;
}
