// The issue or pull request of a webhook payload as a run's target; the router and pipelines' own triggers share it.
import type { RunTarget, TargetKind } from '../kernel/definition.js';

type Repo = { owner: string; repo: string };

// The payload is the text as of the event: a later edit by the author cannot change what we run on.
export function issueFromPayload(ctx: Repo, issue: Record<string, any>, kind: TargetKind = 'issue'): RunTarget {
  return {
    kind,
    repository: `${ctx.owner}/${ctx.repo}`,
    number: issue.number,
    title: String(issue.title ?? ''),
    body: String(issue.body ?? ''),
    url: String(issue.html_url ?? ''),
  };
}

/** A pull request event's pull request as a target, head and base included. */
export function pullRequestFromPayload(ctx: Repo, pull: Record<string, any>): RunTarget {
  return {
    ...issueFromPayload(ctx, pull, 'pull-request'),
    pullRequest: {
      number: pull.number,
      headSha: String(pull.head?.sha ?? ''),
      headRef: String(pull.head?.ref ?? ''),
      headRepository: String(pull.head?.repo?.full_name ?? `${ctx.owner}/${ctx.repo}`),
      baseRef: String(pull.base?.ref ?? ''),
      baseSha: String(pull.base?.sha ?? ''),
      draft: pull.draft === true,
      ...(typeof pull.user?.login === 'string' ? { author: { login: pull.user.login, type: pull.user.type } } : {}),
    },
  };
}
