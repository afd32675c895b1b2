// The two reads a run starts with (the trigger's permission and the issue's comments, for the claim), sent before the
// rest of the action loads: loading it (the config reader, the router, every pipeline's definition) takes about as
// long as one round trip to GitHub, so the answers are in by the time the route is known. The reads are the ones main
// would send, through the same client; main takes them only when the route asks for the same thing.
import { type GitHubClients, gitHubClients } from '../github/client.js';
import { type ApiComment, listIssueComments } from '../github/comments.js';
import { checkTriggerPermission, type PermissionVerdict, type Trigger } from '../github/permissions.js';
import { type Inputs, readInputs } from '../inputs.js';
import { type RunContext, runContextFor } from '../run-context.js';

export interface EarlyReads {
  clients: GitHubClients;
  /** The claim's first listing, when `number` is the issue it was sent for. */
  listing(number: number): Promise<ApiComment[]> | undefined;
  /** The permission verdict, when `trigger` is the user it was asked for. */
  permission(trigger: Trigger): Promise<PermissionVerdict> | undefined;
}

/** What the entry point read before main loaded; main reads anything missing itself and reports any error. */
export interface Begun {
  inputs: Inputs;
  ctx: RunContext;
  early?: EarlyReads;
}

/**
 * Whether an event may start a run, judged from the payload alone (the config is not read yet): a label added, a
 * pull request event, or a new comment that starts with a slash command. Anything else (most comments) sends nothing
 * early, so a busy thread does not spend the token's rate limit; an event judged wrongly costs two reads, or one
 * round trip later.
 */
export function earlyTarget(ctx: RunContext): { number: number; trigger: Trigger } | undefined {
  const payload = ctx.payload;
  const number = payload.issue?.number ?? payload.pull_request?.number;
  const login = payload.sender?.login;
  if (typeof number !== 'number' || typeof login !== 'string' || login === '') return undefined;
  const trigger: Trigger = { login, type: payload.sender?.type };
  if (ctx.eventName === 'issues') return payload.action === 'labeled' ? { number, trigger } : undefined;
  if (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target') return { number, trigger };
  if (ctx.eventName === 'issue_comment') {
    const body = typeof payload.comment?.body === 'string' ? payload.comment.body : '';
    return payload.action === 'created' && body.trimStart().startsWith('/') ? { number, trigger } : undefined;
  }
  return undefined;
}

/** Sends the early reads for an event that may start a run (mode run, with a token, not a dry run). */
export function startEarlyReads(inputs: Inputs, ctx: RunContext): EarlyReads | undefined {
  if (inputs.mode !== 'run' || !inputs.githubToken || inputs.dryRun) return undefined;
  const target = earlyTarget(ctx);
  if (!target) return undefined;
  const clients = gitHubClients(inputs.githubToken, inputs.tuning);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const listing = listIssueComments(clients.octokit, { ...repo, number: target.number });
  listing.catch(() => undefined);
  const permission = checkTriggerPermission(clients.octokit, repo, target.trigger, inputs.allowedBots);
  // Unused when the route is a skip: a rejection nobody awaits must not end the process.
  permission.catch(() => undefined);
  return {
    clients,
    listing: (number) => (number === target.number ? listing : undefined),
    permission: (trigger) =>
      trigger.login === target.trigger.login && trigger.type === target.trigger.type ? permission : undefined,
  };
}

/**
 * The entry point's first step: inputs, context and the early reads. Any error is left for main to meet again and
 * report (it reads the inputs and the context itself when this returns nothing).
 */
export function beginRun(): Begun | undefined {
  try {
    const inputs = readInputs();
    if (inputs.mode === 'dashboard') return undefined;
    const ctx = runContextFor(inputs);
    return { inputs, ctx, early: startEarlyReads(inputs, ctx) };
  } catch {
    return undefined;
  }
}
