// When CI fails on a pull request the relay opened, the relay runs a fix round: this trigger reads workflow_run and
// check_suite completions and lets through only a failure on the relay's own branch, pull request and commit.

import { BOT_AUTHOR } from '../../git/author.js';
import {
  type EventTrigger,
  type PipelineSettingsView,
  type RouteEvent,
  type RouteLookups,
  senderOf,
  type TriggerDecision,
} from '../../kernel/definition.js';
import { countCiRounds } from './ci-rounds.js';
import type { RelayPipelineConfig } from './config.js';
import { notTheRelays, relayIssueOf } from './follow-up.js';

/** What a fix round needs to know of the failure; the logs are read in run(). */
export interface CiFailureDetail {
  kind: 'ci-failure';
  source: 'workflow_run' | 'check_suite';
  /** The workflow run's id, or the check suite's. */
  id: number;
  /** The workflow's name, or the check suite's app. */
  name: string;
  url?: string;
  headSha: string;
  branch: string;
  issueNumber: number;
}

const FAILED = new Set(['failure', 'timed_out']);

type Payload = Record<string, any>;

/** The completed run or suite, or undefined when the event is not a completion this trigger reads. */
function completion(event: RouteEvent): Payload | undefined {
  if (event.action !== 'completed') return undefined;
  const subject = event.name === 'workflow_run' ? event.payload.workflow_run : event.payload.check_suite;
  return subject && typeof subject === 'object' ? (subject as Payload) : undefined;
}

/** The one pull request of the payload whose head is `branch` in this repository (workflow runs of forks list none). */
function pullRequestOf(subject: Payload, branch: string, repoUrl: string | undefined): number | undefined {
  const pulls = (Array.isArray(subject.pull_requests) ? subject.pull_requests : []) as Payload[];
  const ours = pulls.filter(
    (p) => p.head?.ref === branch && (!repoUrl || (p.head?.repo?.url === repoUrl && p.base?.repo?.url === repoUrl)),
  );
  return ours.length === 1 && typeof ours[0]!.number === 'number' ? ours[0]!.number : undefined;
}

/** The relay's commit for the issue: our author and our subject, as the relay writes them (see isRelayCommit). */
function isRelayHeadCommit(commit: Payload | undefined, issueNumber: number): boolean {
  const subject = String(commit?.message ?? '').split('\n', 1)[0] ?? '';
  return commit?.author?.email === BOT_AUTHOR.email && subject.endsWith(`(relay for #${issueNumber})`);
}

/** What the payload alone says: a failure on a relay branch's pull request, at a relay commit; or why not. */
interface PayloadFacts {
  subject: Payload;
  /** "workflow run 5" or "check suite 6", for the log. */
  what: string;
  branch: string;
  issueNumber: number;
  number: number;
  headSha: string;
}

function readPayload(
  event: RouteEvent,
  config: RelayPipelineConfig,
): PayloadFacts | Exclude<TriggerDecision<CiFailureDetail>, { kind: 'run' }> {
  const subject = completion(event);
  if (!subject || !FAILED.has(String(subject.conclusion))) return { kind: 'not-mine' };
  const what = event.name === 'workflow_run' ? `workflow run ${subject.id}` : `check suite ${subject.id}`;
  if (config.ciFix !== true)
    return { kind: 'skip', reason: `${what} failed, but CI fix rounds are off (pipelines.relay-pipeline.ci-fix)` };
  const fullName = `${event.owner}/${event.repo}`;
  if (event.name === 'workflow_run' && subject.head_repository?.full_name !== fullName) {
    return {
      kind: 'skip',
      reason: `${what} ran on a fork's branch (${String(subject.head_repository?.full_name ?? 'unknown')}), which the relay never touches`,
    };
  }
  const branch = String(subject.head_branch ?? '');
  const issueNumber = relayIssueOf(branch);
  if (issueNumber === undefined)
    return { kind: 'skip', reason: `${what} failed on ${branch || 'no branch'}, not a relay branch` };
  const repoUrl = (event.payload.repository as Payload | undefined)?.url;
  const number = pullRequestOf(subject, branch, typeof repoUrl === 'string' ? repoUrl : undefined);
  if (number === undefined)
    return {
      kind: 'skip',
      reason: `${what} failed on ${branch}, but no pull request of this repository has it as its head`,
    };
  if (!isRelayHeadCommit(subject.head_commit, issueNumber))
    return { kind: 'skip', reason: `${what} failed on ${branch}, whose head commit is not the relay's` };
  return { subject, what, branch, issueNumber, number, headSha: String(subject.head_sha ?? '') };
}

async function decide(
  event: RouteEvent,
  view: PipelineSettingsView<RelayPipelineConfig>,
  lookups: RouteLookups | undefined,
): Promise<TriggerDecision<CiFailureDetail>> {
  const facts = readPayload(event, view.config);
  if ('kind' in facts) return facts;
  const { subject, what, branch, number, headSha } = facts;
  if (!lookups?.ownLogin)
    return {
      kind: 'skip',
      reason: `${what} failed on ${branch}, but without a token the relay cannot check whose pull request #${number} is`,
    };
  // What the API says now: who opened the pull request, where its head is, and whether the relay stopped on it.
  const [target, ownLogin] = await Promise.all([lookups.fetchPullRequest(number), lookups.ownLogin()]);
  const problem = notTheRelays(target, `${event.owner}/${event.repo}`, ownLogin);
  if (problem) return { kind: 'skip', reason: problem };
  const pull = target.pullRequest!;
  if (pull.headRef !== branch) return { kind: 'skip', reason: `pull request #${number}'s head is no longer ${branch}` };
  if (pull.headSha !== headSha)
    return {
      kind: 'skip',
      reason: `${what} is about ${headSha.slice(0, 12)}, but pull request #${number} has moved on to ${pull.headSha.slice(0, 12)}`,
    };
  // Checked again once the run holds the pull request (runs wait their turn): here only to start nothing after the stop.
  const rounds = lookups.listComments && countCiRounds(await lookups.listComments(number), view.name, view.command);
  if (rounds?.stopped)
    return {
      kind: 'skip',
      reason: `the relay stopped its CI fix rounds on pull request #${number}; a maintainer's ${view.command} there lets it go on`,
    };
  const name = String(
    event.name === 'workflow_run'
      ? (subject.name ?? (event.payload.workflow as Payload | undefined)?.name ?? 'CI')
      : (subject.app?.name ?? 'CI'),
  );
  return {
    kind: 'run',
    target,
    sender: senderOf(event.payload),
    trigger: { kind: 'event', event: `${event.name}.completed`, description: `CI failed on ${branch} (${name})` },
    detail: {
      kind: 'ci-failure',
      source: event.name === 'workflow_run' ? 'workflow_run' : 'check_suite',
      id: Number(subject.id),
      name,
      ...(typeof subject.html_url === 'string' ? { url: subject.html_url } : {}),
      headSha,
      branch,
      issueNumber: facts.issueNumber,
    },
  };
}

export const ciFailure: EventTrigger<RelayPipelineConfig, CiFailureDetail> = {
  events: ['workflow_run', 'check_suite'],
  describe: 'workflow_run / check_suite (completed with failure) on a pull request the relay opened, with ci-fix on',
  match: (event, pipeline, lookups) => decide(event, pipeline, lookups),
};
