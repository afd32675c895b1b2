// The GitHub sink: reports a pipeline's progress as reactions, marked comments and labels on the issue.
import * as core from '@actions/core';
import type { Octokit } from '../github/client.js';
import { type ApiComment, CommentStore, describe, type IssueRef, type MarkedComment } from '../github/comments.js';
import { type GitHubLog, workflowLog } from '../github/log.js';
import { type OwnText, withTrailer } from '../kernel/definition.js';
import { composeComment, fitForSanitizing } from '../report/comment-body.js';
import { parseStatusState, renderStartingComment } from '../report/status-comment.js';
import { logUntrusted } from '../security/log.js';
import type { Redactor } from '../security/redact.js';
import { sanitizeOutput } from '../security/sanitize-output.js';
import type { CommentRef, IssueReporter } from './sink.js';

/** `busy`: another run of the pipeline is at work on the issue (it may be over later; other reasons will not be). */
export type ClaimResult = { claimed: true } | { claimed: false; reason: string; busy?: true };
export interface ClaimOptions {
  staleAfterMs: number;
  now: Date;
  runUrl?: string;
}

export class GitHubReporter implements IssueReporter {
  private readonly store: CommentStore;
  private readonly log: GitHubLog;

  constructor(
    private readonly octokit: Octokit,
    private readonly issue: IssueRef,
    private readonly run: { runId: string; pipeline: string },
    private readonly redactor: Redactor,
    options: {
      retryDelayMs?: number;
      firstListing?: Promise<ApiComment[]>;
      /**
       * Once `after` is aborted (the workflow is cancelled) new requests go through this client, which GitHub's
       * write spacing does not hold back: the runner kills us 7.5 s after its SIGINT, and we promise 5 s.
       */
      urgent?: { octokit: Octokit; after: AbortSignal };
      /** Where warnings go (default: workflow commands). */
      log?: GitHubLog;
    } = {},
  ) {
    const urgent = options.urgent;
    const client = urgent ? (): Octokit => (urgent.after.aborted ? urgent.octokit : octokit) : octokit;
    this.log = options.log ?? workflowLog;
    this.store = new CommentStore(client, issue, run, options.retryDelayMs, options.firstListing, this.log);
  }

  /**
   * Makes this run the only one working on the issue for its pipeline. Another run's status comment that
   * says running, and was updated within `staleAfterMs`, means the issue is taken. Two runs that start at
   * once both post their status comment and then compare: the older comment wins, the other run deletes
   * its comment and stands down, so exactly one does the work.
   */
  async claim(options: ClaimOptions): Promise<ClaimResult> {
    const free = await this.claimable(options);
    return free.claimed ? this.stake(options) : free;
  }

  /** The claim's first half, posting nothing: whether another run is already working on the issue. */
  async claimable(options: ClaimOptions): Promise<ClaimResult> {
    const before = this.busy(await this.store.listMarked(), options).find((c) => c.runId !== this.run.runId);
    return before ? this.taken(before) : { claimed: true };
  }

  /** The claim's second half, after claimable: posts our status comment, then the older of two that raced wins. */
  async stake(options: ClaimOptions): Promise<ClaimResult> {
    const mine = await this.store.upsert(
      'status',
      composeComment(
        { ...this.run, key: 'status' },
        renderStartingComment(this.run.pipeline, options.now, options.runUrl),
      ).body,
    );
    const first = this.busy(await this.store.listMarked(), options).find(
      (c) => c.runId !== this.run.runId && c.id < mine.id,
    );
    if (!first) {
      // The 👀 is part of the claim: reacted once here, and acknowledge() (pipelines, matrix plan) reuses it.
      void this.acknowledge();
      return { claimed: true };
    }
    await this.store.remove('status');
    return this.taken(first);
  }

  private busy(all: MarkedComment[], options: ClaimOptions): MarkedComment[] {
    return all.filter((c) => {
      if (c.key !== 'status' || c.pipeline !== this.run.pipeline) return false;
      const state = parseStatusState(c.body);
      const touched = Date.parse(c.updatedAt ?? '') || state?.startedAt.getTime() || 0;
      return state?.state === 'running' && options.now.getTime() - touched < options.staleAfterMs;
    });
  }

  private taken(other: MarkedComment): ClaimResult {
    return {
      claimed: false,
      reason: `workflow run ${other.runId} is already running ${this.run.pipeline} on this issue (${other.url}); this run stands down`,
      busy: true,
    };
  }

  private reaction?: Promise<void>;

  /** Reacts 👀 to the issue, once per run however often it is called. */
  acknowledge(): Promise<void> {
    this.reaction ??= this.octokit.rest.reactions
      .createForIssue({
        owner: this.issue.owner,
        repo: this.issue.repo,
        issue_number: this.issue.number,
        content: 'eyes',
      })
      .then(
        () => undefined,
        (error: unknown) => this.log.warning(`Could not react 👀 to issue #${this.issue.number}: ${describe(error)}`),
      );
    return this.reaction;
  }

  async upsertComment(key: string, body: string, own?: OwnText): Promise<CommentRef> {
    const composed = composeComment(
      { ...this.run, key, ...(own?.session ? { session: own.session } : {}) },
      withTrailer(sanitizeOutput(fitForSanitizing(body), this.redactor), own),
      body.length,
    );
    if (composed.cut)
      this.log.warning(`Comment ${key} was over GitHub's size limit and was cut; the full text is in the job summary.`);
    try {
      const stored = await this.store.upsert(key, composed.body);
      return { id: stored.id, url: stored.url };
    } catch (error) {
      // GitHub refused it for good: the workflow log is one more place where the answer survives.
      if (key !== 'status') {
        core.startGroup(`Comment ${key} could not be posted (${describe(error)}); its text:`);
        logUntrusted(core.info, sanitizeOutput(body, this.redactor));
        core.endGroup();
      }
      throw error;
    }
  }

  async overwriteCommentNow(key: string, body: string, own?: OwnText): Promise<boolean> {
    const sanitized = withTrailer(sanitizeOutput(fitForSanitizing(body), this.redactor), own);
    return this.store.overwriteNow(key, composeComment({ ...this.run, key }, sanitized, body.length).body);
  }

  writtenAt(key: string): number | undefined {
    return this.store.writtenAt(key);
  }

  async readComment(key: string): Promise<string | undefined> {
    return this.store.read(key);
  }

  async addLabel(name: string): Promise<void> {
    try {
      await this.octokit.rest.issues.addLabels({
        owner: this.issue.owner,
        repo: this.issue.repo,
        issue_number: this.issue.number,
        labels: [name],
      });
    } catch (error) {
      this.log.warning(
        `Could not add the label "${name}" to issue #${this.issue.number}: ${describe(error)}. Does the token have issues: write?`,
      );
    }
  }
}
