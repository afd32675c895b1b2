// The pr-review run: read the pull request as data, every agent reviews its share, group, judge, post one review.
import type { AgentRun, AgentRunner } from '../../agents/types.js';
import { CANCELLED_ERROR, statusNote } from '../../kernel/kit.js';
import { planShares, reviewersOf, type Shares, type SkippedFile } from './budget.js';
import { commentableLines, type Hunk, parsePatch } from './diff.js';
import { parseFindings, type Severity } from './findings.js';
import { dropRepeats, parseState, priorOf, type ReviewState } from './fingerprint.js';
import { type AgentFinding, type FindingGroup, groupFindings } from './grouping.js';
import { buildJudgePrompt, type Judgement, parseVerdicts } from './judge.js';
import { buildFindingsPrompt } from './prompt.js';
import type { ChangedFile, PullRequestData, PullRequestSource } from './pull-request.js';
import { type AgentOutcome, type RenderedReview, renderReview, withoutInline } from './render.js';
import { contentsFor, type Scope, scopeOf } from './scope.js';
import { type PlacedGroup, placeGroups, reviewEvent } from './selection.js';

export interface PrReviewSettings {
  agents: string[];
  /** The agent that judges the groups; absent: no judging. */
  judge?: string;
  minAgreement: number;
  minSeverity: Severity;
  requestChangesOnCritical: boolean;
  /** Diff bytes per agent; the same again for the full text of changed files. */
  maxDiffBytes: number;
}

export interface PostedReview {
  url?: string;
}

export interface EarlierReview {
  body: string;
  commitId?: string;
}

/**
 * The state our latest earlier review left: only one whose recorded head is the commit GitHub says the review is
 * of, so a state copied into a review of another commit can neither skip a commit nor carry forged findings.
 */
export function latestState(reviews: EarlierReview[]): ReviewState | undefined {
  return reviews
    .map((r) => {
      const state = parseState(r.body);
      return state && state.head === r.commitId ? state : undefined;
    })
    .filter((s) => s !== undefined)
    .at(-1);
}

/** Where the review goes: GitHub's pull-request reviews, or the dry-run folder. */
export interface ReviewSink {
  /** The reviews this token posted on the pull request before (body and reviewed commit), oldest first. */
  earlierReviews(): Promise<EarlierReview[]>;
  post(review: {
    commitId: string;
    event: 'COMMENT' | 'REQUEST_CHANGES';
    body: string;
    comments: RenderedReview['comments'];
  }): Promise<PostedReview>;
}

/** Thrown by a sink when GitHub refused the inline comments (422): the review is posted again without them. */
export class InlineRefused extends Error {}

export interface StatusRows {
  update(
    agent: string,
    role: string,
    patch: {
      state: 'running' | AgentRun['status'] | 'skipped';
      note?: string;
      durationMs?: number;
      commentUrl?: string;
    },
  ): void;
}

export interface PrReviewDeps {
  runner: AgentRunner;
  source: PullRequestSource;
  sink: ReviewSink;
  status: StatusRows;
  signal: AbortSignal;
}

export interface PrReviewResult {
  status: 'success' | 'failure' | 'cancelled';
  runs: AgentRun[];
  error?: string;
  pull?: PullRequestData;
  review?: {
    url?: string;
    event: string;
    inline: number;
    inBody: number;
    body: string;
    comments: RenderedReview['comments'];
  };
  agents: AgentOutcome[];
  skipped: SkippedFile[];
}

function outcomeOf(run: AgentRun, known: ReadonlySet<string>, found: AgentFinding[]): AgentOutcome {
  if (run.status !== 'success') return { agent: run.agent, kind: 'failed', note: run.error ?? run.status, findings: 0 };
  const parsed = parseFindings(run.answer, known);
  if (parsed.kind === 'prose') return { agent: run.agent, kind: 'prose', note: parsed.reason, findings: 0 };
  for (const finding of parsed.findings) found.push({ agent: run.agent, finding });
  return { agent: run.agent, kind: 'findings', note: parsed.summary, findings: parsed.findings.length };
}

async function reviewAll(
  pull: PullRequestData,
  scope: Scope,
  settings: PrReviewSettings,
  deps: PrReviewDeps,
): Promise<{ runs: AgentRun[]; shares: Shares<ChangedFile>; agents: AgentOutcome[]; found: AgentFinding[] }> {
  const shares = planShares(scope.files, settings.agents, settings.maxDiffBytes);
  const contents = await contentsFor(shares, pull, deps.source, settings.maxDiffBytes);
  const known = new Set(pull.files.map((f) => f.path));
  const runs = await Promise.all(
    settings.agents.map(async (agent) => {
      const files = shares.byAgent.get(agent) ?? [];
      const notShown = [
        ...shares.skipped,
        ...scope.files
          .filter((f) => !files.includes(f) && !shares.skipped.some((s) => s.path === f.path))
          .map((f) => ({ path: f.path, reason: 'reviewed by another agent (the diff is split)' })),
      ];
      const prompt = buildFindingsPrompt(pull, {
        files,
        contents: contents.get(agent) ?? new Map(),
        notShown,
        since: scope.since,
      });
      const run = await deps.runner.run({
        agent,
        prompt,
        mode: 'read-only',
        role: 'review',
        onStart: () => deps.status.update(agent, 'review', { state: 'running', note: 'reviewing' }),
      });
      return run;
    }),
  );
  const found: AgentFinding[] = [];
  const agents = runs.map((run) => outcomeOf(run, known, found));
  for (const [i, run] of runs.entries()) {
    const a = agents[i]!;
    const note =
      a.kind === 'findings'
        ? `${a.findings} finding${a.findings === 1 ? '' : 's'}`
        : a.kind === 'prose'
          ? 'prose, no findings block'
          : statusNote(run, 'done');
    deps.status.update(run.agent, 'review', { state: run.status, durationMs: run.durationMs, note });
  }
  return { runs, shares, agents, found };
}

async function judgeGroups(
  pull: PullRequestData,
  groups: FindingGroup[],
  settings: PrReviewSettings,
  deps: PrReviewDeps,
): Promise<{ run?: AgentRun; verdicts: Map<string, Judgement>; judge?: { agent: string; ok: boolean; note: string } }> {
  const agent = settings.judge;
  if (!agent) return { verdicts: new Map() };
  if (groups.length === 0) {
    deps.status.update(agent, 'judge', { state: 'skipped', note: 'nothing to judge' });
    return { verdicts: new Map() };
  }
  const hunks = new Map<string, Hunk[]>(pull.files.map((f) => [f.path, parsePatch(f.patch)]));
  const run = await deps.runner.run({
    agent,
    prompt: buildJudgePrompt(pull, groups, hunks),
    mode: 'read-only',
    role: 'judge',
    onStart: () => deps.status.update(agent, 'judge', { state: 'running', note: 'judging' }),
  });
  const verdicts =
    run.status === 'success'
      ? parseVerdicts(
          run.answer,
          groups.map((g) => g.id),
        )
      : new Map<string, Judgement>();
  const ok = verdicts.size > 0;
  const note =
    run.status !== 'success'
      ? statusNote(run, 'done')
      : ok
        ? `${verdicts.size} of ${groups.length} judged`
        : 'no verdicts block';
  deps.status.update(agent, 'judge', { state: run.status, durationMs: run.durationMs, note });
  return { run, verdicts, judge: { agent, ok, note } };
}

async function post(
  deps: PrReviewDeps,
  pull: PullRequestData,
  placed: PlacedGroup[],
  settings: PrReviewSettings,
  render: (placed: PlacedGroup[]) => RenderedReview,
): Promise<NonNullable<PrReviewResult['review']>> {
  const event = reviewEvent(placed, settings);
  let rendered = render(placed);
  let final = placed;
  let posted: PostedReview;
  try {
    posted = await deps.sink.post({ commitId: pull.headSha, event, body: rendered.body, comments: rendered.comments });
  } catch (error) {
    if (!(error instanceof InlineRefused)) throw error;
    // Our own check of the diff lines should make this rare; a review in the body beats no review.
    final = withoutInline(placed, `GitHub refused it inline (${error.message})`);
    rendered = render(final);
    posted = await deps.sink.post({ commitId: pull.headSha, event: 'COMMENT', body: rendered.body, comments: [] });
  }
  const inline = final.filter((p) => p.placement === 'inline').length;
  return {
    url: posted.url,
    event: rendered.comments.length ? event : reviewEvent(final, settings),
    inline,
    inBody: final.length - inline,
    body: rendered.body,
    comments: rendered.comments,
  };
}

export async function runPrReview(
  settings: PrReviewSettings,
  deps: PrReviewDeps,
  runUrl?: string,
): Promise<PrReviewResult> {
  const result: PrReviewResult = { status: 'failure', runs: [], agents: [], skipped: [] };
  const pull = await deps.source.pull();
  result.pull = pull;
  const earlier = latestState(await deps.sink.earlierReviews());
  const scope = await scopeOf(pull, earlier, deps.source);
  const reviewed = await reviewAll(pull, scope, settings, deps);
  Object.assign(result, { runs: reviewed.runs, agents: reviewed.agents, skipped: reviewed.shares.skipped });
  if (deps.signal.aborted) return { ...result, status: 'cancelled', error: CANCELLED_ERROR };
  if (reviewed.agents.every((a) => a.kind === 'failed')) {
    if (settings.judge) deps.status.update(settings.judge, 'judge', { state: 'skipped', note: 'no reviews to judge' });
    return { ...result, error: `No agent reviewed: ${reviewed.agents.map((a) => `${a.agent}: ${a.note}`).join('; ')}` };
  }
  const { fresh, repeated } = dropRepeats(groupFindings(reviewed.found), scope.followed.carried);
  fresh.forEach((g, i) => (g.id = `G${i + 1}`));
  const judged = await judgeGroups(pull, fresh, settings, deps);
  if (judged.run) result.runs.push(judged.run);
  const answered = new Set(reviewed.agents.filter((a) => a.kind !== 'failed').map((a) => a.agent));
  const commentable = new Map(pull.files.map((f) => [f.path, commentableLines(parsePatch(f.patch))]));
  const placed = placeGroups(
    fresh,
    { commentable, verdicts: judged.verdicts, reviewersOf: (path) => reviewersOf(reviewed.shares, path, answered) },
    settings,
  );
  const state: ReviewState = { head: pull.headSha, findings: [...scope.followed.carried, ...fresh.map(priorOf)] };
  const render = (p: PlacedGroup[]): RenderedReview =>
    renderReview({
      headSha: pull.headSha,
      placed: p,
      agents: reviewed.agents,
      judge: judged.judge,
      skipped: reviewed.shares.skipped,
      reviewedFiles: new Set([...reviewed.shares.byAgent.values()].flat().map((f) => f.path)).size,
      since: scope.since,
      touched: scope.followed.touched,
      repeated: repeated.length,
      state,
      runUrl,
      note: scope.note,
    });
  result.review = await post(deps, pull, placed, settings, render);
  return { ...result, status: 'success' };
}
