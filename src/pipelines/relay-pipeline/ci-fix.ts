// A CI fix round: CI failed on the relay's pull request, so the failing steps' logs become the implement stage's task
// and the relay runs again on the same branch; after max-ci-rounds it says on the pull request that it stopped.
import type { PipelineDeps, PipelineRequest, RunTarget } from '../../kernel/definition.js';
import { codeBlock } from '../../report/markdown.js';
import {
  CI_LOG_BUDGET_BYTES,
  checkRunSections,
  collectSections,
  type FailingSection,
  failingSteps,
  renderCiFixTask,
} from './ci-log.js';
import { ciRoundKey, ciStoppedKey, countCiRounds, roundHeadLine } from './ci-rounds.js';
import type { CiFailureDetail } from './ci-trigger.js';
import { DEFAULT_MAX_CI_ROUNDS, type RelayPipelineConfig } from './config.js';
import type { RelayOutcome } from './model.js';
import type { RelayStatusEntry } from './status.js';

/** What a CI fix run did, for result.json. */
export interface CiFixRecord {
  source: CiFailureDetail['source'];
  id: number;
  headSha: string;
  maxRounds: number;
  /** round: a fix round ran; stopped: the rounds were used up and the relay said so; idle: nothing to do. */
  outcome: 'round' | 'stopped' | 'idle';
  round?: number;
  reason?: string;
  /** The failing steps read (names and sizes; their text went to the agent only). */
  steps: { job: string; step: string; bytes: number; keptBytes: number }[];
}

export interface CiFixOutcome extends RelayOutcome {
  ciFix?: CiFixRecord;
}

/** The relay's entry for a round on its own branch with a task (the same as for review rounds). */
export type ContinueOnBranch = (continuation: {
  pullRequest: RunTarget;
  branch: string;
  task: string;
  reason: string;
  requestedBy: string;
}) => Promise<RelayOutcome>;

type Reads = NonNullable<PipelineDeps['githubReads']>;

/** The failed jobs whose logs a round reads, at most. */
export const MAX_FAILED_JOBS = 5;

/** The failing steps' lines of a failed workflow run, or the failing check runs' output of a check suite. */
async function readFailure(
  reads: Reads,
  detail: CiFailureDetail,
  redact: (text: string) => string,
): Promise<FailingSection[]> {
  if (detail.source === 'check_suite') {
    if (!reads.listCheckRuns) throw new Error('this GitHub access cannot list check runs');
    const runs = await reads.listCheckRuns(detail.id);
    const failing = runs.filter((r) => r.conclusion === 'failure' || r.conclusion === 'timed_out').length;
    return checkRunSections(runs, Math.floor(CI_LOG_BUDGET_BYTES / Math.max(1, failing)), redact);
  }
  if (!reads.listWorkflowJobs || !reads.jobLogLines) throw new Error('this GitHub access cannot read workflow jobs');
  // A matrix can fail in dozens of jobs at once; the first few say enough, and each log is a download.
  const failed = failingSteps(await reads.listWorkflowJobs(detail.id)).slice(0, MAX_FAILED_JOBS);
  const windows = failed.reduce((n, f) => n + f.windows.length, 0);
  const budget = Math.floor(CI_LOG_BUDGET_BYTES / Math.max(1, windows));
  const sections: FailingSection[] = [];
  for (const { job, windows: steps } of failed) {
    if (steps.length > 0) sections.push(...(await collectSections(reads.jobLogLines(job.id), steps, budget, redact)));
  }
  return sections;
}

function stepsRead(sections: readonly FailingSection[]): CiFixRecord['steps'] {
  return sections.map(({ job, step, bytes, keptBytes }) => ({ job, step, bytes, keptBytes }));
}

/** "workflow run 5 (CI)" or "check suite 6 (Acme CI)". */
function sourceName(detail: CiFailureDetail): string {
  return `${detail.source === 'workflow_run' ? 'workflow run' : 'check suite'} ${detail.id} (${detail.name})`;
}

/** Names where CI failed, with a link when there is one (the workflow run page, ours to link). */
function failureLine(detail: CiFailureDetail): string {
  const what = sourceName(detail);
  return `${roundHeadLine(detail.branch, detail.headSha)}: ${detail.url ? `[${what}](${detail.url})` : what}.`;
}

/** The round's comment: what failed, which steps were read (names and sizes, never their text), what came of it. */
export function renderRoundComment(
  detail: CiFailureDetail,
  round: number,
  max: number,
  sections: readonly FailingSection[],
  result?: RelayOutcome,
): string {
  const steps = sections.length
    ? sections.map(
        (s) =>
          `- job \`${s.job}\`, step \`${s.step}\`: ${s.keptBytes < s.bytes ? `last ${s.keptBytes} of ${s.bytes}` : s.bytes} bytes`,
      )
    : ['- no failing step left lines the relay could read'];
  const outcome = !result
    ? '⏳ The relay is working on it.'
    : result.status === 'success' && result.delivery?.kind === 'pushed'
      ? `✅ Pushed \`${result.delivery.commit.sha.slice(0, 12)}\` onto \`${detail.branch}\`; CI runs again on it.`
      : result.status === 'success'
        ? `The round ended without a new commit (${result.delivery?.kind ?? 'no delivery'}).`
        : `❌ The round did not push a fix: ${result.error ?? result.status}.`;
  return [
    `### 🔧 CI fix round ${round} of ${max}`,
    '',
    failureLine(detail),
    '',
    'The failing steps the implement stage got (redacted, as data):',
    ...steps,
    '',
    outcome,
  ].join('\n');
}

export function renderStopComment(detail: CiFailureDetail, used: number, max: number, command: string): string {
  return [
    '### 🛑 The relay stopped fixing CI',
    '',
    failureLine(detail),
    '',
    used > 0
      ? `CI still fails after ${used} fix round${used === 1 ? '' : 's'}, and \`max-ci-rounds\` is ${max}, so the relay starts no further round on this pull request by itself.`
      : `\`max-ci-rounds\` is ${max}, so the relay starts no fix round on this pull request.`,
    `To let it go on, a maintainer comments \`${command}\` here (with what to do); or fix it by hand.`,
    '',
    codeBlock(`max-ci-rounds: ${max}`, 'yaml'),
  ].join('\n');
}

/** Ends a run that starts no agent: the status comment says why. */
async function idle(deps: PipelineDeps<RelayStatusEntry>, record: CiFixRecord, message: string): Promise<CiFixOutcome> {
  deps.log.info(`CI fix: ${message}`);
  await deps.status.finish('success', message);
  return { status: 'success', runs: [], executions: [], comments: new Map(), ciFix: { ...record, reason: message } };
}

/** Ends a run that could not start its round: the status comment and the run's error say why. */
async function failed(deps: PipelineDeps<RelayStatusEntry>, record: CiFixRecord, error: string): Promise<CiFixOutcome> {
  await deps.status.finish('failure', `**${error}**`);
  return { status: 'failure', runs: [], executions: [], comments: new Map(), error, ciFix: record };
}

export async function runCiFix(
  request: PipelineRequest<RelayPipelineConfig, CiFailureDetail>,
  deps: PipelineDeps<RelayStatusEntry>,
  options: { command: string; continueOnBranch: ContinueOnBranch },
): Promise<CiFixOutcome> {
  const detail = request.detail!;
  const max = request.config.maxCiRounds ?? DEFAULT_MAX_CI_ROUNDS;
  const record: CiFixRecord = {
    source: detail.source,
    id: detail.id,
    headSha: detail.headSha,
    maxRounds: max,
    outcome: 'idle',
    steps: [],
  };
  const reads = deps.github ?? deps.githubReads;
  if (!reads)
    return failed(
      deps,
      record,
      'A CI fix round reads the pull request and the CI logs through the GitHub API and needs a token.',
    );
  // Checked again now that this run holds the pull request: an earlier run may have pushed, or stopped.
  const number = request.target.number;
  const head = detail.headSha.slice(0, 12);
  const [pull, comments] = await Promise.all([reads.getPullRequest(number), reads.listComments(number)]);
  if (pull.pullRequest?.headSha !== detail.headSha)
    return idle(
      deps,
      record,
      `Pull request #${number} moved on from ${head} since CI failed on it: its own CI run decides.`,
    );
  const rounds = countCiRounds(comments, request.pipeline, options.command);
  if (rounds.stopped)
    return idle(
      deps,
      record,
      `The relay already stopped its CI fix rounds on #${number}; a maintainer's \`${options.command}\` lets it go on.`,
    );
  // Another workflow failing on the same commit: one round a commit (a human's command lets it try again).
  if (rounds.heads.includes(head))
    return idle(
      deps,
      record,
      `A CI fix round for ${head} already ran on #${number}; CI failing there again starts no second one.`,
    );
  if (rounds.used >= max) {
    const key = ciStoppedKey(rounds.next - 1);
    const body = renderStopComment(detail, rounds.used, max, options.command);
    await deps.sink.upsertComment(key, body);
    const outcome = await idle(
      deps,
      { ...record, outcome: 'stopped' },
      `CI still fails after ${rounds.used} fix round(s) (max-ci-rounds: ${max}): the relay stopped and said so on the pull request.`,
    );
    outcome.comments.set(key, body);
    return outcome;
  }
  let sections: FailingSection[];
  try {
    sections = await readFailure(reads, detail, (text) => deps.redactor.redact(text));
  } catch (error) {
    return failed(
      deps,
      record,
      `Could not read what CI said (the workflow needs \`actions: read\` for job logs): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return runRound(
    { detail, pull, round: rounds.next, max, sections, requestedBy: request.sender.login, record },
    deps,
    options.continueOnBranch,
  );
}

/** One round: its comment first (so it counts even if the run dies on the way), the continuation, then what came of it. */
async function runRound(
  r: {
    detail: CiFailureDetail;
    pull: RunTarget;
    round: number;
    max: number;
    sections: FailingSection[];
    requestedBy: string;
    record: CiFixRecord;
  },
  deps: PipelineDeps<RelayStatusEntry>,
  continueOnBranch: ContinueOnBranch,
): Promise<CiFixOutcome> {
  const { detail, round, max, sections } = r;
  const key = ciRoundKey(round);
  await deps.sink.upsertComment(key, renderRoundComment(detail, round, max, sections));
  const result = await continueOnBranch({
    pullRequest: r.pull,
    branch: detail.branch,
    task: renderCiFixTask({ source: sourceName(detail), url: detail.url, headSha: detail.headSha }, sections),
    reason: `CI failed (${detail.name}): fix round ${round} of ${max}`,
    requestedBy: r.requestedBy,
  });
  const body = renderRoundComment(detail, round, max, sections, result);
  result.comments.set(key, body);
  try {
    await deps.sink.upsertComment(key, body);
  } catch (error) {
    deps.log.warning(
      `Could not update the CI fix round's comment: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { ...result, ciFix: { ...r.record, outcome: 'round', round, steps: stepsRead(sections) } };
}
