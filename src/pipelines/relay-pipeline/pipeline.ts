// The relay pipeline: stages run one after another on the working directory, each judged by its verdict (and
// command); a failing stage may send its findings back; when all pass, the changes become a pull request.
import type { AgentRunner } from '../../agents/types.js';
import type { LiveStatus, PullReviewComment } from '../../kernel/definition.js';
import { commentPoster, errorText, markCancelled, startOutcome } from '../../kernel/kit.js';
import { parseVerdict, verdictPasses } from '../../parsers/verdict.js';
import type { IssueText } from '../../prompt/untrusted.js';
import type { IssueReporter } from '../../sinks/sink.js';
import { type RelayBoard, relayBoard } from './board.js';
import type { RelayPipelineConfig, RelayStageConfig } from './config.js';
import { answerReviewComments, deliverFollowUp } from './follow-up-delivery.js';
import type {
  CommitInfo,
  Delivery,
  FollowUpPublisher,
  PushedBranch,
  RelayOutcome,
  RelayPublisher,
  RelayWorkspace,
  StageExecution,
  WorkspaceChanges,
} from './model.js';
import { buildStagePrompt, type ContinuationTask } from './prompt.js';
import { cleanTitle, relayBranch, renderCommitMessage, renderPullRequestBody, renderRelayResult } from './result.js';
import { renderStageComment, verdictText } from './stage-comment.js';
import type { RelayStatusEntry } from './status.js';

/** The diff a stage sees is cut here (with a note); the agent can read the files for the rest. */
export const DIFF_MAX_CHARS = 40_000;

export interface RelayInput {
  issue: IssueText;
  pipeline: RelayPipelineConfig;
  processedLabel: string;
  /** https://github.com/<owner>/<repo>, for links. */
  repoUrl: string;
  /** The repository's default branch: the pull request's base when the checkout is a detached HEAD. */
  defaultBranch?: string;
  runUrl?: string;
  /** Set for a round on the relay's own pull request (continueRelay): it works on that branch, on top of its head. */
  followUp?: FollowUpInput;
}

/** A follow-up round: the pull request, its branch and head, why it runs and the task its implement stage gets. */
export interface FollowUpInput extends ContinuationTask {
  pullUrl: string;
  /** The pull request's description now, which the round extends. */
  pullBody: string;
  /** The branch's head the checkout must be at; the new commit's parent. */
  headSha: string;
  requestedBy: string;
  /** Review comments to answer once the round ends: with the commit, or why not. */
  replyTo: PullReviewComment[];
}

export interface RelayDeps {
  runner: AgentRunner;
  reporter: IssueReporter;
  /** The kernel's live status comment (the checklist). */
  status: LiveStatus<RelayStatusEntry>;
  workspace: RelayWorkspace;
  /** How the result reaches GitHub; undefined in a dry run. */
  publisher?: RelayPublisher;
  /** How a follow-up round's commit reaches its pull request; undefined in a dry run. */
  followUpPublisher?: FollowUpPublisher;
  /** Aborted when the workflow is cancelled. */
  signal: AbortSignal;
  now: () => Date;
  warn: (message: string) => void;
  /**
   * Removes secrets from workspace text before another agent sees it (diffs, `run` output), as the runner does
   * for answers: a key a stage wrote into a file must not reach another vendor's model. Identity when absent.
   */
  redact?: (text: string) => string;
}

/** What one pass through the stages needs to remember. */
interface RelayState {
  round: number;
  sendBacks: number;
  /** The latest execution of each stage. */
  latest: Map<string, StageExecution>;
  /** The report that sent work back, for the stage it was sent to. */
  findings?: { to: string; execution: StageExecution };
  wroteBefore: boolean;
}

function pendingEntries(stages: RelayStageConfig[], round: number): RelayStatusEntry[] {
  return stages.map((s) => ({ stage: s.name, agent: s.agent, round, state: 'pending' as const }));
}

export async function runRelayPipeline(input: RelayInput, deps: RelayDeps): Promise<RelayOutcome> {
  const outcome: RelayOutcome = startOutcome({ executions: [] });
  const poster = commentPoster(deps.reporter, outcome.comments);
  const { post } = poster;
  // The 👀 only says that the run started: the first stage need not wait for it (GitHub spaces writes 1 s apart).
  const acknowledged = deps.reporter.acknowledge().catch(() => undefined);
  const board = relayBoard(deps.status);
  const f = input.followUp;
  if (f) {
    outcome.followUp = {
      pullNumber: f.pullNumber,
      pullUrl: f.pullUrl,
      branch: f.branch,
      previousHead: f.headSha,
      reason: f.reason,
      requestedBy: f.requestedBy,
      replies: [],
    };
  }
  try {
    const start = await deps.workspace.prepare();
    if (f && start.commit !== f.headSha) {
      throw new Error(
        `the checkout is at ${start.commit?.slice(0, 12) ?? 'no commit'}, but pull request #${f.pullNumber}'s head is ${f.headSha.slice(0, 12)}: check out the pull request's head (examples/workflows/relay-followup.yml), so that the new commit goes on top of it`,
      );
    }
    await runStages(input, deps, outcome, { board, post });
    if (deps.signal.aborted) return markCancelled(outcome);
    if (!outcome.failure)
      await (f
        ? deliverFollowUp(input, f, deps, outcome)
        : deliver(input, deps, outcome, start.branch ?? input.defaultBranch));
    // A push or pull request cut short by the cancellation is a cancellation, not a delivery failure.
    if (deps.signal.aborted && outcome.delivery?.kind !== 'pull-request' && outcome.delivery?.kind !== 'pushed')
      return markCancelled(outcome);
    await post('result', renderRelayResult(outcome, { repoUrl: input.repoUrl, runUrl: input.runUrl }));
    if (f) await answerReviewComments(input, f, deps, outcome, poster);
    const postFailure = poster.failure();
    if (postFailure && outcome.status === 'success') {
      outcome.status = 'failure';
      outcome.error = postFailure;
    }
    if (!f) await deps.reporter.addLabel(input.processedLabel);
    return outcome;
  } catch (error) {
    if (deps.signal.aborted) return markCancelled(outcome);
    outcome.status = 'failure';
    outcome.error = errorText(error);
    await post('result', renderRelayResult(outcome, { repoUrl: input.repoUrl, runUrl: input.runUrl }));
    if (f) await answerReviewComments(input, f, deps, outcome, poster);
    return outcome;
  } finally {
    await acknowledged;
    await board.finish(outcome.status, statusMessage(outcome));
  }
}

/** The line under the checklist's headline once the relay ended. */
function statusMessage(outcome: RelayOutcome): string | undefined {
  if (outcome.failure) {
    const f = outcome.failure;
    return `Stopped at **${f.stage}** (round ${f.round}): **${f.verdict}** — ${f.reason}.`;
  }
  const d = outcome.delivery;
  if (d?.kind === 'pull-request') return `Pull request: ${d.url}`;
  if (d?.kind === 'pushed')
    return `Pushed \`${d.commit.sha.slice(0, 12)}\` onto \`${d.commit.branch}\` of pull request #${d.number}: ${d.url}`;
  if (d && outcome.followUp)
    return `Nothing was pushed to pull request #${outcome.followUp.pullNumber} (${d.kind}); see the result comment.`;
  if (d?.kind === 'no-changes') return 'No changes in the working directory, so no pull request.';
  if (d) return `No pull request (${d.kind}); see the result comment.`;
  return outcome.error ? `**${outcome.error}**` : undefined;
}

type Post = (key: string, body: string) => Promise<string | undefined>;

async function runStages(
  input: RelayInput,
  deps: RelayDeps,
  outcome: RelayOutcome,
  ctx: { board: RelayBoard; post: Post },
): Promise<void> {
  const { stages, maxRounds } = input.pipeline;
  const state: RelayState = { round: 1, sendBacks: 0, latest: new Map(), wroteBefore: false };
  let index = 0;
  while (index < stages.length) {
    if (deps.signal.aborted) return;
    const stage = stages[index]!;
    const round = state.round;
    const execution = await runStage(input, deps, state, index, () =>
      ctx.board.update(stage.name, round, { state: 'running', note: 'running' }),
    );
    outcome.runs.push(execution.run);
    outcome.executions.push(execution);
    state.latest.set(stage.name, execution);
    if (state.findings?.to === stage.name) state.findings = undefined;
    if (stage.write) state.wroteBefore = true;
    if (deps.signal.aborted) return;

    // Only a stage that answered has findings worth sending back; a crashed or timed-out agent stops the relay.
    const target =
      !execution.passed && execution.run.status === 'success' && stage.onFail
        ? stages.findIndex((s) => s.name === stage.onFail)
        : -1;
    if (target >= 0 && state.sendBacks < maxRounds) execution.sentBackTo = stage.onFail;
    await report(input, execution, ctx);
    if (execution.passed) {
      index++;
    } else if (execution.sentBackTo) {
      state.sendBacks++;
      state.round++;
      state.findings = { to: execution.sentBackTo, execution };
      ctx.board.append(pendingEntries(stages.slice(target), state.round));
      index = target;
    } else {
      const verdict = verdictText(execution);
      outcome.failure = {
        stage: stage.name,
        agent: stage.agent,
        round,
        verdict,
        reason: execution.reason ?? 'failed',
        roundsExhausted: target >= 0,
      };
      outcome.error = `The relay stopped at ${stage.name} (round ${round}): ${verdict} — ${outcome.failure.reason}`;
      return;
    }
  }
}

/** Posts the stage's report and ticks its line in the checklist. */
async function report(input: RelayInput, e: StageExecution, ctx: { board: RelayBoard; post: Post }): Promise<void> {
  e.commentUrl = await ctx.post(
    `stage:${e.stage}:round-${e.round}`,
    renderStageComment(e, { count: input.pipeline.stages.length, runUrl: input.runUrl }),
  );
  const status = e.run.status;
  ctx.board.update(e.stage, e.round, {
    state: e.passed ? 'passed' : status === 'timeout' || status === 'cancelled' ? status : 'failed',
    durationMs: e.run.durationMs + (e.command?.durationMs ?? 0),
    verdict: e.verdict?.found ? e.verdict.word : undefined,
    note: e.passed ? undefined : e.sentBackTo ? `${e.reason} → back to ${e.sentBackTo}` : e.reason,
    commentUrl: e.commentUrl,
    usage: e.run.usage,
  });
}

/** The working tree's changes, redacted: they go into prompts and reports. */
async function redactedChanges(deps: RelayDeps): Promise<WorkspaceChanges> {
  const changes = await deps.workspace.changes(DIFF_MAX_CHARS);
  const redact = deps.redact ?? ((text: string) => text);
  return { ...changes, stat: redact(changes.stat), diff: redact(changes.diff) };
}

async function currentChanges(deps: RelayDeps, needed: boolean): Promise<WorkspaceChanges | undefined> {
  return needed ? redactedChanges(deps) : undefined;
}

/** Runs one stage's agent (and command) and judges it. */
async function runStage(
  input: RelayInput,
  deps: RelayDeps,
  state: RelayState,
  index: number,
  onStart: () => void,
): Promise<StageExecution> {
  const { stages } = input.pipeline;
  const stage = stages[index]!;
  const prompt = buildStagePrompt({
    issue: input.issue,
    stage,
    round: state.round,
    position: { index, count: stages.length },
    previous: stages.slice(0, index).flatMap((s) => state.latest.get(s.name) ?? []),
    changes: await currentChanges(deps, state.wroteBefore),
    findings: state.findings?.to === stage.name ? state.findings.execution : undefined,
    stageNames: stages.map((s) => s.name),
    continuation: input.followUp,
  });
  const run = await deps.runner.run({
    agent: stage.agent,
    prompt,
    mode: stage.write ? 'write' : 'read-only',
    role: `${stage.name}-r${state.round}`,
    onStart,
  });
  const restored = await deps.workspace.afterStage();
  const execution: StageExecution = {
    stage: stage.name,
    agent: stage.agent,
    round: state.round,
    index,
    write: stage.write,
    passWords: stage.pass,
    run,
    passed: false,
    restored: restored.gitMetadata,
    revertedConfig: restored.agentConfig,
  };
  if (run.status !== 'success') {
    execution.reason = run.error ?? `the agent ${run.status === 'timeout' ? 'timed out' : run.status}`;
    return execution;
  }
  execution.verdict = parseVerdict(run.answer);
  if (stage.run && !deps.signal.aborted) {
    const command = await deps.workspace.runCommand({
      stage: stage.name,
      round: state.round,
      argv: stage.run,
      timeoutSec: stage.runTimeoutSec,
    });
    // Its output goes into later stages' prompts: the command runs code a stage wrote, which may print a secret.
    execution.command = { ...command, outputTail: deps.redact ? deps.redact(command.outputTail) : command.outputTail };
    const after = await deps.workspace.afterStage();
    execution.restored.push(...after.gitMetadata.filter((p) => !execution.restored.includes(p)));
    execution.revertedConfig.push(...after.agentConfig.filter((p) => !execution.revertedConfig.includes(p)));
  }
  if (stage.write) execution.changes = await redactedChanges(deps);
  judge(execution, stage);
  return execution;
}

/** Passed only with an accepted verdict and, when the stage has a command, its exit code 0. */
function judge(execution: StageExecution, stage: RelayStageConfig): void {
  const verdict = execution.verdict!;
  const command = execution.command;
  const verdictOk = verdictPasses(verdict, stage.pass);
  const commandOk = !stage.run || command?.ok === true;
  execution.passed = verdictOk && commandOk;
  if (execution.passed) return;
  const reasons: string[] = [];
  if (!verdict.found) reasons.push(verdict.problem);
  else if (!verdictOk) reasons.push(verdict.reason || `the verdict is not ${stage.pass.join(' or ')}`);
  if (stage.run && !commandOk) {
    const what = `\`${stage.run.join(' ')}\``;
    reasons.push(command ? `${what} ${command.error ?? `exited with ${command.exitCode}`}` : `${what} did not run`);
  }
  execution.reason = reasons.join('; ');
}

/** Commits the changes and, when allowed, pushes them and opens the pull request. */
async function deliver(
  input: RelayInput,
  deps: RelayDeps,
  outcome: RelayOutcome,
  base: string | undefined,
): Promise<void> {
  const { issue } = input;
  const message = renderCommitMessage({
    issueNumber: issue.number,
    title: issue.title,
    repository: issue.repository,
    executions: outcome.executions,
  });
  const commit = await deps.workspace.commit(relayBranch(issue.number), message);
  outcome.status = 'success';
  if (!commit) {
    outcome.delivery = { kind: 'no-changes' };
    return;
  }
  outcome.branch = commit.branch;
  outcome.delivery = await publish(input, deps, outcome, commit, base);
  if (outcome.delivery.kind === 'pull-request') outcome.prUrl = outcome.delivery.url;
  if (outcome.delivery.kind === 'push-failed' || outcome.delivery.kind === 'pr-failed') {
    outcome.status = 'failure';
    outcome.error = `Every stage passed, but the pull request was not opened: ${outcome.delivery.error}`;
  }
}

async function publish(
  input: RelayInput,
  deps: RelayDeps,
  outcome: RelayOutcome,
  commit: CommitInfo,
  base: string | undefined,
): Promise<Delivery> {
  if (!deps.publisher) return { kind: 'dry-run', commit };
  if (!input.pipeline.createPr) return { kind: 'not-requested', commit };
  // Known before pushing, so that nothing is pushed for a pull request that cannot be opened.
  if (!base)
    return {
      kind: 'push-failed',
      commit,
      denied: false,
      error:
        'the base branch is unknown (detached HEAD and no default branch in the event), so no pull request can be opened',
    };
  const pushed = await deps.publisher.push(commit);
  if (!pushed.ok)
    return {
      kind: 'push-failed',
      commit,
      denied: pushed.denied,
      error: pushed.error,
      ...(pushed.kept ? { kept: true } : {}),
    };
  const pr = await deps.publisher.openPullRequest({
    head: commit.branch,
    base,
    title: cleanTitle(input.issue.title),
    body: renderPullRequestBody({
      issueNumber: input.issue.number,
      executions: outcome.executions,
      summary: commit.summary,
      stat: commit.stat,
      runUrl: input.runUrl,
    }),
  });
  if (!pr.ok)
    return {
      kind: 'pr-failed',
      commit,
      denied: pr.denied,
      error: pr.error,
      base,
      pushed: await withdraw(deps.publisher, commit, pushed.replaced),
    };
  return { kind: 'pull-request', commit, url: pr.url, number: pr.number, existing: pr.existing, base };
}

/**
 * A branch without its pull request is not what was asked for: this run's branch is deleted again. One that
 * existed before held an earlier relay's commit for this issue, which the push replaced; it stays, and the result says so.
 */
async function withdraw(
  publisher: RelayPublisher,
  commit: CommitInfo,
  replaced: string | undefined,
): Promise<PushedBranch> {
  if (replaced) return { state: 'kept-existing', replaced };
  const removed = await publisher.removeBranch(commit);
  return removed.ok ? { state: 'removed' } : { state: 'remove-failed', error: removed.error };
}
