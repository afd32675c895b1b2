// Runs the judges fairly: each ranks the answers twice (the second time in reverse order), never its own vendor's
// answer when another judge can rank it; the rankings are combined by Borda count (aggregate.ts).
import type { AgentRun, AgentRunner } from '../agents/types.js';
import { type ParsedReview, parseReview } from '../parsers/ranking.js';
import { type AnonymousAnswer, buildReviewerPrompt } from '../prompt/review.js';
import type { IssueText } from '../prompt/untrusted.js';
import { type Aggregate, aggregateRankings, pairVerdict, type Ranking } from './aggregate.js';

export interface Judge {
  agent: string;
  /** The CLI that makes the judge's vendor (claude, codex, …; `command:<name>` for a command agent). */
  vendor: string;
}

export interface Candidate extends AnonymousAnswer {
  vendor: string;
}

export interface JudgeRun {
  judge: string;
  /** 'shown': the answers in the first order; 'reversed': the same answers in reverse order. */
  order: 'shown' | 'reversed';
  run: AgentRun;
  review?: ParsedReview;
}

export interface Judgement {
  runs: JudgeRun[];
  rankings: Ranking[];
  aggregate: Aggregate;
  /** Which letters each judge was given. */
  assignment: Map<string, string[]>;
  /** Letters only a judge of their own vendor could rank. */
  ownVendor: string[];
}

/** The vendor an agent run or spec stands for: its CLI, or the command agent itself. */
export function vendorOf(agent: { cli?: string; name?: string; agent?: string }): string {
  return agent.cli && agent.cli !== 'command' ? agent.cli : `command:${agent.name ?? agent.agent ?? ''}`;
}

/**
 * Which answers each judge ranks: every judge ranks every answer, except those of its own vendor when another judge
 * can rank them. A judge left with fewer than two answers has no pair to order and does not run, unless it is the
 * only one left for a lone answer.
 */
export function assignAnswers(
  judges: readonly Judge[],
  candidates: readonly Candidate[],
): { assignment: Map<string, string[]>; ownVendor: string[] } {
  const assignment = new Map<string, string[]>(judges.map((j) => [j.agent, []]));
  const ownVendor: string[] = [];
  for (const c of candidates) {
    const others = judges.filter((j) => j.vendor !== c.vendor);
    if (others.length === 0) ownVendor.push(c.letter);
    for (const j of others.length > 0 ? others : judges) assignment.get(j.agent)!.push(c.letter);
  }
  const keep =
    candidates.length > 1
      ? (letters: string[]): boolean => letters.length >= 2
      : (letters: string[]): boolean => letters.length > 0;
  for (const [judge, letters] of assignment) if (!keep(letters)) assignment.delete(judge);
  // Each judge kept apart from its own vendor would see one answer (two judges, two vendors' answers): with no pair
  // left to order, every judge ranks everything, and the comment says which answers met their own vendor's judge.
  if (assignment.size === 0 && candidates.length > 1) {
    for (const j of judges)
      assignment.set(
        j.agent,
        candidates.map((c) => c.letter),
      );
    ownVendor.splice(
      0,
      ownVendor.length,
      ...candidates.filter((c) => judges.some((j) => j.vendor === c.vendor)).map((c) => c.letter),
    );
  }
  // A lone answer needs one review, not one per judge.
  for (const judge of candidates.length === 1 ? [...assignment.keys()].slice(1) : []) assignment.delete(judge);
  return { assignment, ownVendor };
}

export async function judgeAnswers(input: {
  issue: IssueText;
  /** In the first presentation order. */
  candidates: Candidate[];
  judges: Judge[];
  runner: AgentRunner;
  onStart: (judge: string) => void;
}): Promise<Judgement> {
  const { assignment, ownVendor } = assignAnswers(input.judges, input.candidates);
  const byLetter = new Map(input.candidates.map((c) => [c.letter, c]));
  const jobs = [...assignment].flatMap(([judge, letters]) => {
    const shown = letters.map((l) => byLetter.get(l)!);
    // One answer has no order to be biased by: it is reviewed once.
    const orders: [JudgeRun['order'], Candidate[]][] =
      shown.length > 1
        ? [
            ['shown', shown],
            ['reversed', [...shown].reverse()],
          ]
        : [['shown', shown]];
    return orders.map(async ([order, answers]): Promise<JudgeRun> => {
      const run = await input.runner.run({
        agent: judge,
        prompt: buildReviewerPrompt(
          input.issue,
          answers.map(({ letter, text }) => ({ letter, text })),
        ),
        mode: 'read-only',
        role: 'reviewer',
        onStart: () => input.onStart(judge),
      });
      return {
        judge,
        order,
        run,
        ...(run.status === 'success'
          ? {
              review: parseReview(
                run.answer,
                answers.map((a) => a.letter),
              ),
            }
          : {}),
      };
    });
  });
  const runs = await Promise.all(jobs);
  const rankings: Ranking[] = runs.flatMap((r) => {
    if (!r.review || r.review.ranking.length === 0) return [];
    const shown = assignment.get(r.judge)!;
    return [
      {
        judge: r.judge,
        shown: r.order === 'shown' ? shown : [...shown].reverse(),
        ranked: r.review.ranking.map((x) => x.letter),
      },
    ];
  });
  return {
    runs,
    rankings,
    aggregate: aggregateRankings(
      input.candidates.map((c) => c.letter),
      rankings,
    ),
    assignment,
    ownVendor,
  };
}

/**
 * The preference pair of a judgement: the aggregate's best and worst letters, kept only when every ranking that saw
 * both (both orders) put the best above the worst; otherwise why there is none.
 */
export function preferencePair(j: Judgement): { best: string; worst: string; agreeing: number } | { none: string } {
  const ranked = j.aggregate.rows.filter((r) => r.seenBy > 0);
  if (j.rankings.length === 0 || ranked.length < 2) return { none: 'ranked fewer than two answers' };
  if (j.rankings.length < 2) return { none: 'only one of the two orders was ranked, so the pair was dropped' };
  const best = ranked[0]!.letter;
  const worst = ranked.at(-1)!.letter;
  if (pairVerdict(best, worst, j.rankings) !== -1)
    return { none: 'the two orders disagreed on which answer is better (position bias), so the pair was dropped' };
  const agreeing = j.rankings.filter((r) => r.shown.includes(best) && r.shown.includes(worst)).length;
  return { best, worst, agreeing };
}

/** One paragraph on how the ranking was made, for the review comment. */
export function describeJudging(j: Judgement): string {
  const judges = [...j.assignment].map(([judge, letters]) => `${judge} (answers ${letters.join(', ')})`).join('; ');
  const counted = j.rankings.length;
  const parts = [
    `Each judge ranked the answers it was given twice, the second time in reverse order, so that an answer's position cannot decide its rank; the ${counted === 1 ? 'one ranking that came back was' : `${counted} rankings that came back were`} combined by Borda count.`,
    'Where the rankings disagree on a pair of answers, the pair is shown as a tie with low confidence.',
    `Judges: ${judges || 'none'}. A judge does not rank an answer of its own vendor's CLI when another judge can.`,
    "Judges were told not to prefer an answer for its length; the table shows each answer's length.",
  ];
  if (j.ownVendor.length > 0)
    parts.push(
      `No judge of another vendor was available for answer${j.ownVendor.length === 1 ? '' : 's'} ${j.ownVendor.join(', ')}.`,
    );
  return parts.join(' ');
}
