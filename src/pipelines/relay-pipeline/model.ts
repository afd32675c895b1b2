// The relay's data and the contracts it works through: what a stage run produced, how the result left the runner.
import type { AgentRun } from '../../agents/types.js';
import type { CommitInfo, PushResult, WorkspaceChanges } from '../../git/repo.js';
import type { Verdict } from '../../parsers/verdict.js';
import type { CommandResult } from '../../process/command.js';

export type { CommandResult, CommitInfo, PushResult, WorkspaceChanges };

/** One run of one stage in one round. */
export interface StageExecution {
  stage: string;
  agent: string;
  /** 1 for the first pass through the relay, +1 each time work is sent back. */
  round: number;
  /** Position of the stage in the relay, from 0. */
  index: number;
  write: boolean;
  passWords: string[];
  run: AgentRun;
  /** Undefined when the agent did not answer. */
  verdict?: Verdict;
  /** The stage's `run` command, when it has one and the agent answered. */
  command?: CommandResult;
  passed: boolean;
  /** Why it failed, in one sentence; undefined when it passed. */
  reason?: string;
  /** The stage that received this stage's findings. */
  sentBackTo?: string;
  /** Changes after a write stage, for its report. */
  changes?: WorkspaceChanges;
  /** Git config or hooks an agent changed and AI Orchestra put back. */
  restored: string[];
  /** Agent-CLI configuration (hooks, MCP servers, .env ...) the stage changed and AI Orchestra reverted. */
  revertedConfig: string[];
  commentUrl?: string;
}

/** Where the stages stopped when the relay failed. */
export interface RelayFailure {
  stage: string;
  agent: string;
  round: number;
  /** The verdict word, or a description such as "no verdict" or "timed out". */
  verdict: string;
  reason: string;
  /** True when the stage would have sent the work back but max-rounds was used up. */
  roundsExhausted: boolean;
}

export type { OpenedPullRequest as PullRequestResult, PullRequestRequest } from '../../github/pulls.js';

import type { PullRequestRequest, OpenedPullRequest as PullRequestResult } from '../../github/pulls.js';

/** What happened to the changes once every stage passed. */
export type Delivery =
  | { kind: 'no-changes' }
  | { kind: 'dry-run'; commit: CommitInfo }
  | { kind: 'not-requested'; commit: CommitInfo }
  | { kind: 'push-failed'; commit: CommitInfo; denied: boolean; error: string; kept?: boolean }
  | { kind: 'pr-failed'; commit: CommitInfo; denied: boolean; error: string; base: string; pushed: PushedBranch }
  | { kind: 'pull-request'; commit: CommitInfo; url: string; number: number; existing: boolean; base: string }
  /** A follow-up round's commit, pushed as a fast-forward onto the pull request's branch. */
  | { kind: 'pushed'; commit: CommitInfo; url: string; number: number; previousHead: string };

export interface RestoredPaths {
  gitMetadata: string[];
  agentConfig: string[];
}

/**
 * What became of the branch this run pushed when the pull request could not be opened: deleted again, left in
 * place because it existed before (an earlier relay's commit, which it replaced), or a deletion that failed.
 */
export type PushedBranch =
  | { state: 'removed' }
  | { state: 'kept-existing'; replaced: string }
  | { state: 'remove-failed'; error: string };

/** The working directory as the relay sees it; implemented with git in src/git/repo.ts. */
export interface RelayWorkspace {
  /** Records the starting point; called before any agent runs. Returns the branch checked out, if any. */
  prepare(): Promise<{ branch?: string; commit?: string }>;
  /** Puts back git config and hooks, and agent-CLI configuration, a stage changed; returns their paths. */
  afterStage(): Promise<RestoredPaths>;
  changes(maxChars: number): Promise<WorkspaceChanges>;
  runCommand(request: { stage: string; round: number; argv: string[]; timeoutSec: number }): Promise<CommandResult>;
  /** Commits the working tree as `branch`; undefined when nothing changed. */
  commit(branch: string, message: string): Promise<CommitInfo | undefined>;
}

/** Takes a commit to GitHub; absent in a dry run. */
export interface RelayPublisher {
  /** Pushes the commit as its branch; refuses to replace a branch commit that is not an earlier relay's. */
  push(commit: CommitInfo): Promise<PushResult>;
  /** Deletes the branch on origin while it still holds this commit (a push whose pull request was refused). */
  removeBranch(commit: CommitInfo): Promise<{ ok: true } | { ok: false; error: string }>;
  openPullRequest(request: PullRequestRequest): Promise<PullRequestResult>;
}

/** How a follow-up round's result reaches its pull request; absent in a dry run. */
export interface FollowUpPublisher {
  /** Pushes the commit onto its branch as a fast-forward (never a force-push), after the secret scan. */
  push(commit: CommitInfo): Promise<PushResult>;
  /** Replaces the pull request's description. */
  updateBody(body: string): Promise<void>;
  /** Answers a review comment in its thread. */
  reply(commentId: number, body: string): Promise<{ url: string }>;
}

/** What a follow-up round did on its pull request, beside the delivery. */
export interface FollowUpRecord {
  pullNumber: number;
  pullUrl: string;
  branch: string;
  /** The branch's head the round started from (the new commit's parent). */
  previousHead: string;
  reason: string;
  requestedBy: string;
  bodyUpdated?: boolean;
  replies: { commentId: number; url?: string; error?: string }[];
}

export interface RelayOutcome {
  status: 'success' | 'failure' | 'cancelled';
  runs: AgentRun[];
  executions: StageExecution[];
  /** Every comment's full text by key. */
  comments: Map<string, string>;
  error?: string;
  failure?: RelayFailure;
  delivery?: Delivery;
  /** The branch holding the relay's commit, when there is one. */
  branch?: string;
  prUrl?: string;
  /** Set for a round on the relay's own pull request. */
  followUp?: FollowUpRecord;
}
