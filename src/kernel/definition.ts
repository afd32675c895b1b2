// The contract between the kernel and a pipeline: what a pipeline declares (PipelineDefinition) and what it is given
// to run with (PipelineDeps). Pipelines import types from here and never import @actions/* themselves.
//
// Stability: other branches build pipelines against this file. Changes are additive only (new optional members, new
// union members a pipeline need not handle); a change that is not says so in its commit message.
import type { AccessMode, AgentRun, AgentRunner, AgentSpec } from '../agents/types.js';
import type { Settings } from '../config/schema.js';
import type { RunAs } from '../process/types.js';
import type { SessionStore } from '../sessions/store.js';

// ---------------------------------------------------------------------------------------------------------------
// What a pipeline works on
// ---------------------------------------------------------------------------------------------------------------

/** What a run is about: an issue, or a pull request (whose conversation is an issue on GitHub, same number). */
export type TargetKind = 'issue' | 'pull-request';

/** The head and base of a pull request, as the event (or the API) gave them when the run started. */
export interface PullRequestRef {
  number: number;
  headSha: string;
  headRef: string;
  /** owner/repo of the head; differs from the target's repository for a pull request from a fork. */
  headRepository: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  /** Who opened it (login and account type), when known: e.g. to recognize a pull request our own identity opened. */
  author?: { login: string; type?: string };
}

/**
 * The issue or pull request a run is about, with its text as of the event (a later edit cannot change what runs).
 * Its title and body are untrusted: prompts wrap them (see prompt/untrusted.ts), comments neutralize them.
 */
export interface RunTarget {
  kind: TargetKind;
  /** owner/repo */
  repository: string;
  number: number;
  title: string;
  body: string;
  url: string;
  /** Set when kind is 'pull-request'. */
  pullRequest?: PullRequestRef;
}

/** Who caused the event. The kernel has checked their permission before any pipeline code runs. */
export interface Sender {
  login: string;
  type?: string;
}

/** Who sent a webhook event (`payload.sender`), as a pipeline's own trigger reports it. */
export function senderOf(payload: Record<string, unknown>): Sender {
  const sender = payload.sender as { login?: unknown; type?: unknown } | undefined;
  return { login: String(sender?.login ?? ''), type: typeof sender?.type === 'string' ? sender.type : undefined };
}

/** How the run was started, for logs, the status comment and the pipeline's own decisions. */
export type TriggerInfo =
  | { kind: 'label'; label: string; description: string }
  | {
      kind: 'command';
      /** The command word, e.g. "/ask". */
      command: string;
      /** Everything after the command word in the comment (first line rest and later lines), trimmed. Untrusted. */
      argument: string;
      comment: { id: number; url: string; author: string };
      description: string;
    }
  | { kind: 'dispatch'; description: string }
  /** Any other event a pipeline routes itself (see EventTrigger): `event` is e.g. "pull_request_review.submitted". */
  | { kind: 'event'; event: string; description: string };

// ---------------------------------------------------------------------------------------------------------------
// Routing: which events and commands start a pipeline. The router (kernel/router.ts) asks every registered
// definition; event.ts names no pipeline.
// ---------------------------------------------------------------------------------------------------------------

/** The event as the router sees it: the webhook name, its action and payload (payload fields are untrusted). */
export interface RouteEvent {
  /** e.g. "issues", "issue_comment", "pull_request_target", "workflow_run". */
  name: string;
  action?: string;
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
}

/** What a pipeline's own trigger decides about an event: run (with what), skip (with why), or not its business. */
export type TriggerDecision<D> =
  | { kind: 'run'; target: RunTarget; sender: Sender; trigger: TriggerInfo; detail: D }
  | { kind: 'skip'; reason: string }
  | { kind: 'not-mine' };

/** Read access the router may need to complete a target (workflow_dispatch, workflow_run carry no issue text). */
export interface RouteLookups {
  fetchIssue(number: number): Promise<RunTarget>;
  fetchPullRequest(number: number): Promise<RunTarget>;
  /** The login the run's token writes as (github-actions[bot] for an installation token); absent without a token. */
  ownLogin?(): Promise<string>;
  /** A conversation's comments, oldest first, `ours` as GitHubAccess.listComments decides. */
  listComments?(number: number): Promise<ThreadComment[]>;
}

/** A trigger for any webhook event the standard ones do not cover (synchronize, review submitted, workflow_run). */
export interface EventTrigger<C, D> {
  /** Webhook event names it looks at, e.g. ['pull_request', 'pull_request_target']. */
  events: readonly string[];
  /** For the "supported events" message, e.g. "pull_request (synchronize) on a labeled pull request". */
  describe: string;
  match(
    event: RouteEvent,
    pipeline: PipelineSettingsView<C>,
    lookups: RouteLookups | undefined,
  ): TriggerDecision<D> | Promise<TriggerDecision<D>>;
}

/**
 * The standard triggers are configured by the pipeline's `label` and `command` keys; a definition says which ones
 * apply and to what. Labels and commands must be unique per target kind (an issue's /ai-review and a pull request's
 * /ai-review may be two pipelines).
 */
export interface Triggers<C, D> {
  /** issues.labeled (issue) and/or pull_request[_target].labeled (pull-request) with the pipeline's label. */
  label?: { on: readonly TargetKind[] };
  /** issue_comment.created whose first word is the pipeline's command, on an issue and/or a pull request. */
  command?: { on: readonly TargetKind[] };
  /** workflow_dispatch with inputs issue-number and pipeline (its name or label). */
  dispatch?: boolean;
  /** Everything else; `detail` of the decision reaches the pipeline as `request.detail`. */
  events?: readonly EventTrigger<C, D>[];
}

/** A pipeline's configured label/command and its own config part, as triggers see them. */
export interface PipelineSettingsView<C> {
  name: string;
  label: string;
  command: string;
  config: C;
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration: each pipeline reads its own part of `pipelines.<name>` and contributes its part of the JSON schema.
// ---------------------------------------------------------------------------------------------------------------

export type ConfigPath = (string | number)[];

/** The checks config/load.ts offers; every failure names the file, the line and the key. */
export interface ConfigReader {
  fail(path: ConfigPath, problem: string): never;
  object(value: unknown, path: ConfigPath): asserts value is Record<string, unknown>;
  keys(value: Record<string, unknown>, path: ConfigPath, allowed: string[]): void;
  string(value: unknown, path: ConfigPath): string;
  stringList(value: unknown, path: ConfigPath, options: { nonEmpty: boolean }): string[];
  positive(value: unknown, path: ConfigPath, options: { integer: boolean }): number;
}

/** Every pipeline config carries these (the standard triggers read them); a pipeline adds its own keys. */
export interface PipelineConfigBase {
  label: string;
  /** Slash command; the definition's defaultCommand when absent. */
  command?: string;
}

export interface ConfigPart<C extends PipelineConfigBase> {
  /** The pipeline's config when the file does not mention it. */
  defaults(): C;
  /**
   * Reads `pipelines.<name>` (already checked to be a mapping, `label`/`command` are read by the kernel) over the
   * defaults. Unknown keys must fail: call reader.keys(raw, path, [...yourKeys, 'label', 'command']).
   */
  read(reader: ConfigReader, raw: Record<string, unknown>, path: ConfigPath, defaults: C): C;
  /** Checks that need the whole config (that named agents exist), after every part was read. */
  check?(reader: ConfigReader, config: C, agents: Readonly<Record<string, AgentSpec>>, path: ConfigPath): void;
  /** JSON schema of `pipelines.<name>` (draft 2020-12 object schema); schema/ai-orchestra.schema.json is checked against it. */
  schema: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------
// The one live status comment: a pipeline declares its rows and how they render; the kernel owns the writer.
// ---------------------------------------------------------------------------------------------------------------

export type OverallState = 'running' | 'success' | 'failure' | 'cancelled';

/** A status row: a pipeline's own shape with at least a state and a note. */
export interface StatusRowBase {
  state: string;
  note?: string;
}

/** What the status comment shows: rendered by the layout on every write. */
export interface StatusSnapshot<R> {
  pipeline: string;
  rows: R[];
  overall: OverallState;
  startedAt: Date;
  finishedAt?: Date;
  /** Markdown under the headline (the failure, or where the result went). */
  message?: string;
  runUrl?: string;
  /** Which issue text the agents got (a short hash line), shown in the footer. */
  issueStamp?: string;
  /** Shown under the table for the whole run, e.g. why each agent was chosen. */
  note?: string;
  /** When this rendering is made: a running status says how long it has run. */
  now?: Date;
  /** Whoever started the run (a checked GitHub login), mentioned once the run has ended. Our text, never an agent's. */
  startedBy?: string;
  /** The run's totals (time, tokens, cost) once it has ended, rendered by report/totals.ts. */
  totals?: string;
  /** Something the reader should know from the start, e.g. that the issue's text was cut. */
  notice?: string;
}

export interface StatusLayout<C, R extends StatusRowBase> {
  /** The rows before anything ran (run mode, and the matrix plan job). */
  rows(config: C): R[];
  /** A row's identity, used by update(key, ...): e.g. `${agent}/${role}`. */
  key(row: R): string;
  /** The body (without the hidden marker; the sink adds it). Must start with stateLine() from the kernel. */
  render(snapshot: StatusSnapshot<R>, config: C): string;
  /** How finish() marks rows still pending or running. */
  close(row: R, overall: OverallState): R;
  /** The run's footer stamp and note under the table (e.g. which issue text the agents got); absent: none. */
  annotate?(config: C, target: RunTarget): { issueStamp?: string; note?: string };
  /** false: every change is written at once instead of spaced by the sink's pacing (default: paced). */
  paced?: boolean;
  /** Our own line below the sanitized body (the mention of whoever started the run), or undefined. */
  trailer?(snapshot: StatusSnapshot<R>): string | undefined;
}

/** What the kernel knows about a run that every status comment shows: who to tell, what to warn of, the totals. */
export interface StatusContext {
  /** A checked login of whoever started the run, mentioned when it ends (never a bot). */
  startedBy?: string;
  /** Shown from the start, e.g. that the issue's text was cut for the agents. */
  notice?: string;
  /** The totals line (time, tokens, cost) of every agent run so far. */
  totals: () => string | undefined;
}

/** The pipeline's handle on the live status comment. Writes are coalesced and paced; the last write is never lost. */
export interface LiveStatus<R extends StatusRowBase> {
  /** Changes the row with this key and schedules a write. Unknown keys are ignored. */
  update(key: string, patch: Partial<R>): void;
  /** Changes a row without writing: the next write (at the latest finish) carries it. */
  set(key: string, patch: Partial<R>): void;
  /** Adds rows (e.g. the stages of a new relay round) and schedules a write. */
  append(rows: R[]): void;
  /** The current rows (copies). */
  rows(): R[];
  /** Resolves when every change so far is written. */
  flush(): Promise<void>;
  /** The last write: open rows closed, headline set; on 'cancelled' it overtakes a write in flight. Idempotent. */
  finish(overall: Exclude<OverallState, 'running'>, message?: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// What a pipeline is given
// ---------------------------------------------------------------------------------------------------------------

/** Every secret the run knows, applied to anything on its way out (comments, records, logs, commits, datasets). */
export interface RedactionContract {
  redact(text: string): string;
  redactDeep<T>(value: T): T;
  /** The secret values themselves, for scans that must find them encoded (never print these). */
  readonly knownValues: readonly string[];
}

/** Time, injected so tests need no real timers. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Messages for people. In a workflow `warning`/`error`/`group` become workflow commands; locally they are plain lines
 * on stderr. Agent start/end and heartbeats go through here too, so one place decides how a run sounds.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Runs `body` inside a collapsible group (a workflow) or under a heading line (a terminal). */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  agentStarted(event: { agent: string; role: string; pipeline: string }): void;
  agentFinished(event: { agent: string; role: string; pipeline: string; run: AgentRun }): void;
}

export interface CommentRef {
  id?: number;
  url?: string;
}

/**
 * Where comments go: the issue or pull request on GitHub, or the local dry-run folder. The sink adds the hidden
 * marker, redacts, neutralizes and enforces size limits. (The same shape as report/reporter.ts IssueReporter.)
 */
export interface CommentSink {
  /** React 👀 to what started the run (the kernel does this as part of the claim; pipelines need not). */
  acknowledge(): Promise<void>;
  /**
   * Creates or updates the comment identified by `key` (e.g. "agent:claude", "review"). The sink adds the hidden
   * marker, passes the body through the output sanitizer (secrets, mentions, foreign links and images, control
   * characters, HTML other than our layout) and enforces size limits.
   */
  upsertComment(key: string, body: string, own?: OwnText): Promise<CommentRef>;
  addLabel(name: string): Promise<void>;
  readComment?(key: string): Promise<string | undefined>;
  overwriteCommentNow?(key: string, body: string, own?: OwnText): Promise<boolean>;
  /**
   * When this run last wrote the comment for `key` (epoch ms), e.g. the status comment the claim posted: a paced live
   * comment counts that write as its own.
   */
  writtenAt?(key: string): number | undefined;
  /** Resolves when writes may start (a run still claiming the issue: once the claim is settled). */
  ready?(): Promise<void>;
}

/** Text that is ours alone, added after the output sanitizer (which would neutralize a mention in it). */
export interface OwnText {
  /** Appended below the sanitized body: the mention of whoever started the run, built from a checked login. */
  trailer?: string;
  /** The agent CLI's session id behind the comment: in the hidden marker only, never shown. */
  session?: string;
}

/** The sanitized body with our own trailer below it. */
export function withTrailer(sanitized: string, own?: OwnText): string {
  return own?.trailer ? `${sanitized}\n\n${own.trailer}` : sanitized;
}

export interface PullRequestFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  /** Unified diff of the file; absent for binary or very large files. */
  patch?: string;
  previousFilename?: string;
}

export interface ReviewComment {
  path: string;
  /** Line in the file at the head commit (side RIGHT), or at the base (side LEFT). */
  line: number;
  side?: 'LEFT' | 'RIGHT';
  startLine?: number;
  body: string;
}

export interface ReviewRequest {
  body: string;
  event: 'COMMENT' | 'APPROVE' | 'REQUEST_CHANGES';
  /** The head commit the review is about; GitHub rejects line comments against another one. */
  commitId: string;
  comments?: ReviewComment[];
}

export type OpenPullRequestResult =
  | { ok: true; url: string; number: number; existing: boolean }
  | { ok: false; denied: boolean; error: string };

/**
 * The GitHub calls a pipeline may make, in one interface the kernel implements over its one client (retry,
 * throttling, pacing). Absent in a dry run: a pipeline that needs it must say what it did instead.
 * Bodies and titles are redacted by the implementation as well as by the caller.
 */
export interface GitHubAccess {
  readonly repository: { owner: string; repo: string };
  /** e.g. https://github.com */
  readonly serverUrl: string;
  /** For git over HTTPS (the relay's push); git receives the token through its credential helper, never argv. */
  readonly gitAuth: { serverUrl: string; token: string };
  getPullRequest(number: number): Promise<RunTarget>;
  listPullRequestFiles(number: number): Promise<PullRequestFile[]>;
  createReview(number: number, review: ReviewRequest): Promise<{ id: number; url: string }>;
  openPullRequest(request: { head: string; base: string; title: string; body: string }): Promise<OpenPullRequestResult>;
  /** Comments of the target (oldest first; createdAt is when last updated), for pipelines that read the conversation; bodies are untrusted. */
  listComments(number: number): Promise<ThreadComment[]>;
  /**
   * Files changed from `base` to `head` (the compare API), e.g. the commits pushed since a review; undefined unless
   * `head` simply descends from `base` (after a force push the old head may be gone or diverged).
   */
  compareCommits?(base: string, head: string): Promise<PullRequestFile[] | undefined>;
  /** A file's text at a commit (data, never checked out); undefined when missing, a directory, binary or over 1 MB. */
  getFileText?(path: string, ref: string): Promise<string | undefined>;
  /**
   * A login's permission on the repository (admin, maintain, write, triage, read or none), looked up once per login
   * per run; undefined when GitHub did not answer. Author associations (MEMBER, COLLABORATOR) do not mean write access.
   */
  permissionOf?(login: string): Promise<string | undefined>;
  /** Reviews of a pull request, oldest first; `byUs` when this token wrote it (anyone can copy a hidden marker). */
  listReviews?(number: number): Promise<{ id: number; body: string; byUs: boolean; commitId?: string }[]>;
  /** The login this token writes as (github-actions[bot] for an installation token). */
  ownLogin?(): Promise<string>;
  /** An issue's text now (not a pull request's). */
  getIssue?(number: number): Promise<RunTarget>;
  /** Review comments of a pull request, oldest first; of one review when `reviewId` is given. Bodies are untrusted. */
  listReviewComments?(number: number, reviewId?: number): Promise<PullReviewComment[]>;
  /** Answers a review comment in its thread (POST pulls/{n}/comments/{id}/replies); the body is sanitized. */
  replyToReviewComment?(number: number, commentId: number, body: string): Promise<{ id: number; url: string }>;
  /** Changes a pull request's title and/or body (sanitized). */
  updatePullRequest?(number: number, change: { title?: string; body?: string }): Promise<{ url: string }>;
  /** The jobs of a workflow run's latest attempt, with their steps (GET actions/runs/{id}/jobs). */
  listWorkflowJobs?(runId: number): Promise<WorkflowJob[]>;
  /**
   * A job's log, line by line as it downloads (GitHub answers 302 to a signed plain-text URL, which is followed
   * without our token). Untrusted text: output of whatever the job ran.
   */
  jobLogLines?(jobId: number): AsyncIterable<string>;
  /** The check runs of a check suite (GET check-suites/{id}/check-runs), with what each says in its output. */
  listCheckRuns?(checkSuiteId: number): Promise<CheckRunOutput[]>;
}

/** A review comment (a comment on a line of a pull request's diff), as GitHubAccess.listReviewComments lists it. */
export interface PullReviewComment {
  id: number;
  /** The review it belongs to. */
  reviewId?: number;
  /** The comment it answers, for a reply in a thread. */
  inReplyTo?: number;
  author: string;
  /** Untrusted. */
  body: string;
  path: string;
  /** The line in the file (undefined for a comment on a whole file or an outdated line). */
  line?: number;
  startLine?: number;
  side?: 'LEFT' | 'RIGHT';
  url: string;
  authorAssociation?: string;
}

/** A job of a workflow run and its steps, as GitHubAccess.listWorkflowJobs gives them. */
export interface WorkflowJob {
  id: number;
  name: string;
  /** success, failure, cancelled, skipped, timed_out, ...; null while it runs. */
  conclusion: string | null;
  url?: string;
  steps: { name: string; number: number; conclusion: string | null; startedAt?: string; completedAt?: string }[];
}

/** A check run of a check suite (any app's CI) with its output; title, summary and text are untrusted. */
export interface CheckRunOutput {
  id: number;
  name: string;
  conclusion: string | null;
  /** The app's slug, e.g. "github-actions". */
  app?: string;
  url?: string;
  title?: string;
  summary?: string;
  text?: string;
}

/** A comment of an issue or pull request's conversation, as GitHubAccess.listComments lists it. Its body is untrusted. */
export interface ThreadComment {
  id: number;
  author: string;
  body: string;
  /** When last updated. */
  createdAt: string;
  url: string;
  /** OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, ... as GitHub reports it (absent when unknown). */
  authorAssociation?: string;
  /** Ours: written by the login the run posts as AND carrying our hidden marker (anyone may copy a marker). */
  ours?: boolean;
  /** Our hidden marker's pipeline and key, when `ours`. */
  marker?: { pipeline: string; key: string; session?: string };
}

/** The calls of GitHubAccess that only read. */
export type GitHubReads = Pick<
  GitHubAccess,
  | 'repository'
  | 'getPullRequest'
  | 'listPullRequestFiles'
  | 'listComments'
  | 'compareCommits'
  | 'getFileText'
  | 'listReviews'
  | 'ownLogin'
  | 'getIssue'
  | 'listReviewComments'
  | 'listWorkflowJobs'
  | 'jobLogLines'
  | 'listCheckRuns'
>;

/** A file a pipeline publishes beside the run (a workflow artifact on GitHub; kept in place locally). */
export interface ArtifactPublisher {
  publish(
    name: string,
    files: string[],
    rootDirectory: string,
  ): Promise<
    | { status: 'uploaded'; name: string; id?: number; url?: string; bytes?: number }
    | { status: 'skipped'; name: string; reason: string }
    | { status: 'failed'; name: string; error: string }
  >;
}

/** Where the run happens on disk, for pipelines that work on the checkout (the relay) or write files. */
export interface RunWorkspace {
  /** The checkout root (GITHUB_WORKSPACE, or the current folder locally). */
  root: string;
  /** Where agents run (the working-directory input below root). */
  workingDirectory: string;
  /** This run's private folder: logs, scratch git state, result.json. Agents cannot write here. */
  runDir: string;
  /** The environment commands get as their parent environment (secrets are filtered by the process layer). */
  env: NodeJS.ProcessEnv;
  killGraceMs: number;
  /** What definition.prepareWorkspace made (an Error when it failed: the pipeline reports it). */
  prepared?: PreparedWorkspace | Error;
  /** The config file this run read (absolute), which a pipeline may protect. */
  configFile?: string;
  /** Who agents run as (agent-user), to run commands that execute agent-written code as them too. */
  agentIdentity?: { runAs?: RunAs; env?: Record<string, string> };
}

/**
 * A workspace a pipeline prepares before isolation (the relay: its own repository and a copy of the checkout
 * without .git). Agents run in `agentDirectory`; agent-user is granted access to it alone.
 */
export interface PreparedWorkspace {
  agentDirectory: string;
  /** After isolation, before the pipeline runs (the relay records the copy's start here). */
  ready?(): Promise<void>;
  /** When the run ends, or does not go ahead. */
  close(): Promise<void>;
}

/** Spacing for sinks that space their writes (GitHub); absent: write at once. */
export interface WritePacing {
  /** Least time between two writes of the status comment (its last write never waits). */
  statusIntervalMs: number;
  /** How long a combined answers comment waits for more answers before it is written. */
  gatherMs: number;
}

/** Everything a pipeline runs with. Nothing here is global; tests build it from fakes (see the test kit). */
export interface PipelineDeps<R extends StatusRowBase = StatusRowBase> {
  runner: AgentRunner;
  sink: CommentSink;
  status: LiveStatus<R>;
  /** Who started the run, what to warn of and the totals: for a pipeline that draws its own status comment. */
  statusContext?: StatusContext;
  clock: Clock;
  random: () => number;
  log: Logger;
  /** Aborted when the workflow is cancelled: stop starting work, finish the status as cancelled. */
  signal: AbortSignal;
  redactor: RedactionContract;
  workspace: RunWorkspace;
  artifacts: ArtifactPublisher;
  github?: GitHubAccess;
  /**
   * GitHub's read calls only, also in a dry run when a token is available (a dry run posts nothing, but may read
   * what it reviews). Absent when there is no token.
   */
  githubReads?: GitHubReads;
  pacing?: WritePacing;
  /** Where agents' CLI sessions are kept between runs (ask resumes them); absent: no session is kept. */
  sessions?: SessionStore;
}

/** A run of one pipeline: its own config part, the shared settings and what started it. */
export interface PipelineRequest<C, D = undefined> {
  pipeline: string;
  config: C;
  settings: Settings;
  agents: Readonly<Record<string, AgentSpec>>;
  target: RunTarget;
  sender: Sender;
  trigger: TriggerInfo;
  /** What the pipeline's own EventTrigger extracted; undefined for the standard triggers. */
  detail: D | undefined;
  run: {
    id: string;
    attempt: string;
    url?: string;
    /** https://github.com/<owner>/<repo> */
    repoUrl: string;
    /** The repository's default branch, when the event says. */
    defaultBranch?: string;
    /** The commit the workflow runs on (GITHUB_SHA). */
    commitSha?: string;
  };
  /** When the run began (matrix: when plan posted the status comment). */
  startedAt: Date;
  /** Matrix finalize: the units' runs in unit order, instead of running them here. */
  collected?: CollectedRuns;
}

export interface CollectedRuns {
  runs: AgentRun[];
  /** Status notes for units without a result, by unit. */
  notes?: ReadonlyMap<string, string>;
}

/** What every pipeline's outcome carries; a pipeline extends it with its own result. */
export interface PipelineOutcome {
  status: 'success' | 'failure' | 'cancelled';
  runs: AgentRun[];
  /** Every comment's full text by key (comments may have been cut; these are not). */
  comments: Map<string, string>;
  /** Why the run failed, for the log and setFailed; undefined on success. */
  error?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Matrix mode (plan → one job per unit → finalize), optional
// ---------------------------------------------------------------------------------------------------------------

export interface MatrixUnit {
  /** The unit's name in the matrix output and artifacts (an agent or persona name). */
  unit: string;
  agent: string;
  /** The status row the unit owns is keyed layout.key() of the row whose agent and role these are. */
  role: string;
}

export interface UnitOutcome {
  run: AgentRun;
  commentUrl?: string;
  /** Why the unit's answer could not be posted. */
  postError?: string;
}

export interface UnitDeps {
  runner: AgentRunner;
  sink: CommentSink;
  clock: Clock;
  random: () => number;
  log: Logger;
}

export interface MatrixSupport<C, R extends StatusRowBase> {
  units(config: C): MatrixUnit[];
  /** Runs one unit, posts its answer, and updates its own row of the shared status comment. */
  runUnit(unit: MatrixUnit, request: PipelineRequest<C>, deps: UnitDeps): Promise<UnitOutcome>;
  /** The agents finalize runs itself (a reviewer), if any. */
  finalizeAgents(config: C): string[];
  /** The shared status row for a unit (matrix units re-read and rewrite only their own row). Unused so far. */
  row?(unit: MatrixUnit, patch: Partial<R>): R;
}

// ---------------------------------------------------------------------------------------------------------------
// The definition
// ---------------------------------------------------------------------------------------------------------------

/**
 * One pipeline. Export one from src/pipelines/<name>/index.ts and add it to src/pipelines/index.ts: that is all the
 * kernel, the router, the config loader, matrix mode and both front ends need.
 *
 * C: its config part; O: its outcome; R: its status rows; D: what its own event triggers pass to run().
 */
export interface PipelineDefinition<
  C extends PipelineConfigBase = PipelineConfigBase,
  O extends PipelineOutcome = PipelineOutcome,
  R extends StatusRowBase = StatusRowBase,
  D = undefined,
> {
  /** The key under `pipelines:` in the config, the workflow_dispatch `pipeline` input, the `pipeline` output. */
  name: string;
  /** One line for docs and --help. */
  description: string;
  /** The slash command when the config sets none, e.g. "/ai-review". */
  defaultCommand: string;
  config: ConfigPart<C>;
  /** The agents it runs, each once, in config order (for installs, preflight and the redactor). */
  agents(config: C): string[];
  /** Whether its agents may edit the checkout. */
  access: AccessMode | ((config: C) => AccessMode);
  /**
   * The longest a live run may go without updating its status comment, in seconds (default: the longest timeout of
   * its agents). Another run's status silent for longer than this (+ kill grace + a minute) no longer holds the target.
   */
  longestStepSec?(config: C, timeoutOf: (agent: string) => number): number;
  triggers: Triggers<C, D>;
  status: StatusLayout<C, R>;
  matrix?: MatrixSupport<C, R>;
  /** Without `matrix`: why it has no matrix form (the plan job fails with this). */
  matrixUnavailable?: string;
  /**
   * A run that finds another run of this pipeline at work on the issue waits for it to end (looking again now and then,
   * up to the time after which that run's lock would be stale) instead of standing down at once.
   */
  waitsForTurn?: boolean;
  /**
   * The code behind run (and prepareWorkspace, matrix.runUnit), imported on demand (see `onDemand`): the kernel starts
   * the import as soon as the run's pipeline is known, while the trigger's permission is checked, so a start-up loads
   * the definitions (routing, config, status rows) and only the pipeline that runs.
   */
  load?(): Promise<unknown>;
  /** The work. Posts through deps.sink, shows progress through deps.status (and finishes it), never throws for an agent's failure. */
  run(request: PipelineRequest<C, D>, deps: PipelineDeps<R>): Promise<O>;
  /** Extra fields of result.json beside the common ones (e.g. `relay: {...}`, `datasets: {...}`). */
  record?(outcome: O): Record<string, unknown>;
  /** The job summary (markdown); the kernel redacts it. `target` is "owner/repo#N". */
  summary(outcome: O, target: string): string | Promise<string>;
  /** Action outputs beside pipeline/status/result-file (each must be declared in action.yml). */
  outputs?(outcome: O): Record<string, string>;
  /** One line for the log before it starts, e.g. "with claude, gemini; reviewer codex". */
  describe?(config: C): string;
  /** Prepares the workspace before isolation (agents then run in its agentDirectory). */
  prepareWorkspace?(args: PrepareWorkspaceArgs<C>): Promise<PreparedWorkspace>;
  /** What a terminal prints at the end beside the result file (the CLI front end), e.g. "pull request: <url>". */
  localReport?(outcome: O): string[];
  /**
   * Before its agents are prepared (run mode only): the config part this run uses, e.g. agents chosen by how the
   * kept run records rate them. Absent: the configured part runs. Must not throw for unreadable records (warn instead).
   */
  chooseAgents?(config: C, context: AgentChoiceContext): Promise<C>;
}

/** What definition.prepareWorkspace is given. */
export interface PrepareWorkspaceArgs<C> {
  config: C;
  workingDirectory: string;
  runDir: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  killGraceMs: number;
  configFile?: string;
}

/** What chooseAgents may read: the run records kept on the data branch, the run's id, a warning. */
export interface AgentChoiceContext {
  /** The data branch the records are read from (for messages). */
  recordsBranch: string;
  /** Every line of the kept run records (JSON Lines, one record a line); rejects when the branch cannot be read. */
  readRecordLines(): Promise<string[]>;
  /** The workflow run id (a stable number a choice may hash). */
  runId: string;
  warn(message: string): void;
}

/**
 * A pipeline's run-time code, imported once, on first use: `const code = onDemand(() => import('./pipeline.js'))`, then
 * `load: code` and `run: async (request, deps) => (await code()).runIt(request, deps)` in the definition.
 */
export function onDemand<M>(importer: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () => {
    loading ??= importer();
    return loading;
  };
}

/** A definition with its types erased, as the registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of different config/outcome/row types.
export type AnyPipelineDefinition = PipelineDefinition<any, any, any, any>;

/** Checks a definition against its own types, then erases them for the registry. */
export function definePipeline<
  C extends PipelineConfigBase,
  O extends PipelineOutcome,
  R extends StatusRowBase,
  D = undefined,
>(definition: PipelineDefinition<C, O, R, D>): AnyPipelineDefinition {
  return definition;
}
