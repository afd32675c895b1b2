// The GitHub sink: reports a pipeline's progress as reactions, marked comments and labels on the issue.
import * as core from '@actions/core';
import type { Redactor } from '../security/redact.js';
import { composeComment } from '../report/comment-body.js';
import type { CommentRef, IssueReporter } from '../report/reporter.js';
import type { Octokit } from './client.js';
import { CommentStore, describe, type IssueRef } from './comments.js';

export class GitHubReporter implements IssueReporter {
  private readonly store: CommentStore;

  constructor(
    private readonly octokit: Octokit,
    private readonly issue: IssueRef,
    private readonly run: { runId: string; pipeline: string },
    private readonly redactor: Redactor,
    options: { retryDelayMs?: number } = {},
  ) {
    this.store = new CommentStore(octokit, issue, run, options.retryDelayMs);
  }

  async acknowledge(): Promise<void> {
    try {
      await this.octokit.rest.reactions.createForIssue({ owner: this.issue.owner, repo: this.issue.repo, issue_number: this.issue.number, content: 'eyes' });
    } catch (error) {
      core.warning(`Could not react 👀 to issue #${this.issue.number}: ${describe(error)}`);
    }
  }

  async upsertComment(key: string, body: string): Promise<CommentRef> {
    const composed = composeComment({ ...this.run, key }, this.redactor.redact(body));
    if (composed.cut) core.warning(`Comment ${key} was over GitHub's size limit and was cut; the full text is in the job summary.`);
    const stored = await this.store.upsert(key, composed.body);
    return { id: stored.id, url: stored.url };
  }

  async addLabel(name: string): Promise<void> {
    try {
      await this.octokit.rest.issues.addLabels({ owner: this.issue.owner, repo: this.issue.repo, issue_number: this.issue.number, labels: [name] });
    } catch (error) {
      core.warning(`Could not add the label "${name}" to issue #${this.issue.number}: ${describe(error)}. Does the token have issues: write?`);
    }
  }
}
