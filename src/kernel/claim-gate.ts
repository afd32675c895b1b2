// Lets a run start its agents while its claim on the issue settles: nothing reaches GitHub before the claim is won,
// and a lost claim stops the agents and drops every write, so two runs that start together still post one answer.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimOptions, ClaimResult } from '../sinks/github.js';
import type { ArtifactPublisher, CommentSink, GitHubAccess, OwnText } from './definition.js';

export interface ClaimGate {
  /** The run's signal, also aborted when the claim is lost. */
  signal: AbortSignal;
  /** Writes wait for the claim; once it is lost they are dropped. */
  sink: CommentSink;
  /** Reads go ahead; writes (a review, a pull request) wait for the claim and fail once it is lost. */
  github?: GitHubAccess;
  /** Uploads wait for the claim; once it is lost they are skipped. */
  artifacts: ArtifactPublisher;
  /** The claim as it settled (rejects when the claim itself failed). */
  result: Promise<ClaimResult>;
}

export function gateOnClaim(
  claim: Promise<ClaimResult>,
  run: { sink: CommentSink; github?: GitHubAccess; artifacts: ArtifactPublisher; signal: AbortSignal },
): ClaimGate {
  const lost = new AbortController();
  const won = claim.then(
    (c) => c.claimed,
    () => false,
  );
  void won.then((ok) => ok || lost.abort());
  const whenWon = async <T>(write: () => Promise<T>, otherwise: T): Promise<T> => ((await won) ? write() : otherwise);
  const { sink, github } = run;
  const gated: CommentSink = {
    ready: () => won.then(() => undefined),
    acknowledge: () => whenWon(() => sink.acknowledge(), undefined),
    upsertComment: (key, body, own) => whenWon(() => sink.upsertComment(key, body, own), {}),
    addLabel: (name) => whenWon(() => sink.addLabel(name), undefined),
    ...(sink.readComment && { readComment: (key: string) => whenWon(() => sink.readComment!(key), undefined) }),
    ...(sink.overwriteCommentNow && {
      overwriteCommentNow: (key: string, body: string, own?: OwnText) =>
        whenWon(() => sink.overwriteCommentNow!(key, body, own), false),
    }),
    ...(sink.writtenAt && { writtenAt: (key: string) => sink.writtenAt!(key) }),
  };
  const REFUSED = 'another run claimed this issue first; this run writes nothing';
  const refused = (): never => {
    throw new Error(REFUSED);
  };
  return {
    signal: AbortSignal.any([run.signal, lost.signal]),
    sink: gated,
    github: github && {
      ...github,
      createReview: (number, review) =>
        whenWon(() => github.createReview(number, review), undefined).then((r) => r ?? refused()),
      openPullRequest: (request) =>
        whenWon(() => github.openPullRequest(request), undefined).then((r) => r ?? refused()),
    },
    artifacts: {
      publish: (name, files, root) =>
        whenWon(() => run.artifacts.publish(name, files, root), { status: 'skipped' as const, name, reason: REFUSED }),
    },
    result: claim,
  };
}

/**
 * The work's value once the claim is won; a lost claim's reason once the work (stopped by the gate) has ended. A claim
 * that failed throws, also only after the work ended.
 */
export async function afterClaim<T>(
  gate: ClaimGate | undefined,
  work: Promise<T>,
): Promise<{ claimed: true; value: T } | { claimed: false; reason: string }> {
  if (!gate) return { claimed: true, value: await work };
  const settled = await gate.result.catch(async (error: unknown) => {
    await work.catch(() => undefined);
    throw error;
  });
  if (!settled.claimed) {
    await work.catch(() => undefined);
    return settled;
  }
  return { claimed: true, value: await work };
}

/** The claim in its two halves (GitHubReporter): the check that posts nothing, then posting and comparing. */
export interface Claimant {
  claimable(options: ClaimOptions): Promise<ClaimResult>;
  stake(options: ClaimOptions): Promise<ClaimResult>;
}

/**
 * Claims the issue for a run. Another run already at work shows in the comments listed beside the permission check:
 * then nothing starts. Posting our status comment and comparing takes two more round trips, which go on beside the
 * agents behind the returned gate; unless `waitForIt` (a run that installs CLIs or whose agents write: one that is
 * not going ahead installs and changes nothing). Returns why the run stands down, or the gate.
 */
export async function claimIssue(
  claimant: Claimant,
  options: ClaimOptions,
  run: { sink: CommentSink; github?: GitHubAccess; artifacts: ArtifactPublisher; signal: AbortSignal },
  waitForIt: boolean,
): Promise<{ standDown: string; busy?: true } | { gate: ClaimGate }> {
  const free = await claimant.claimable(options);
  if (!free.claimed) return { standDown: free.reason, ...(free.busy && { busy: true }) };
  const staked = claimant.stake(options);
  staked.catch(() => undefined);
  if (waitForIt) {
    const settled = await staked;
    if (!settled.claimed) return { standDown: settled.reason, ...(settled.busy && { busy: true }) };
  }
  return { gate: gateOnClaim(staked, run) };
}

/** How a run that finds another run of its pipeline at work on the issue waits its turn (pipelines with waitsForTurn). */
export interface TurnWait {
  /** Between two looks at the issue. */
  pollMs: number;
  /** How many looks at most before the run stands down after all. */
  attempts: number;
  log: (message: string) => void;
}

/**
 * claimIssue, asked again every `turn.pollMs` while another run is at work (up to `turn.attempts` looks, and never past
 * the run's cancellation); without `turn` the first answer stands. `options.now` is taken afresh for each look.
 */
export async function claimIssueInTurn(
  claimant: Claimant,
  options: Omit<ClaimOptions, 'now'>,
  run: { sink: CommentSink; github?: GitHubAccess; artifacts: ArtifactPublisher; signal: AbortSignal },
  waitForIt: boolean,
  turn?: TurnWait,
): Promise<{ standDown: string } | { gate: ClaimGate }> {
  for (let look = 1; ; look++) {
    const claim = await claimIssue(claimant, { ...options, now: new Date() }, run, waitForIt);
    if (!('standDown' in claim) || !claim.busy || !turn || look >= turn.attempts || run.signal.aborted) return claim;
    turn.log(
      `${claim.standDown.replace(/; this run stands down$/, '')}: waiting for its turn (look ${look} of ${turn.attempts}).`,
    );
    await sleep(turn.pollMs, undefined, { signal: run.signal }).catch(() => undefined);
  }
}
