// The ai-review pipeline's configuration: its shape, defaults and reader (`pipelines.ai-review`).
import type { ConfigPart, ConfigReader } from '../../kernel/definition.js';
import type { StatusEntry } from '../../report/status-comment.js';
import { schema } from './schema.js';

export interface ReviewPipelineConfig {
  label: string;
  command?: string;
  agents: string[];
  /** The first judge (`reviewer:`, or the first of `reviewers:`). */
  reviewer: string;
  /** Every judge, in order; absent when the config names one. */
  reviewers?: string[];
  /** `agents: top-N`: the N best-rated agents of the leaderboard answer (until a run chooses: the first N defined). */
  top?: number;
  /** `agents: top-N`: every defined agent, the leaderboard's candidates. */
  pool?: string[];
  /** Set by the leaderboard's choice for one run: why each agent answers, for the status comment. */
  chosen?: { agent: string; reason: string }[];
}

/** The judges of an ai-review run: `reviewers`, or the one `reviewer`. */
export function reviewJudges(pipeline: ReviewPipelineConfig): string[] {
  return pipeline.reviewers && pipeline.reviewers.length > 0 ? pipeline.reviewers : [pipeline.reviewer];
}

const REVIEW_KEYS = ['label', 'command', 'agents', 'reviewer', 'reviewers'];

export const reviewConfig: ConfigPart<ReviewPipelineConfig> = {
  defaults: () => ({ label: 'ai-review', agents: ['claude', 'gemini', 'codex'], reviewer: 'claude' }),
  read(v: ConfigReader, raw, path, review) {
    v.keys(raw, path, REVIEW_KEYS);
    if (raw.label !== undefined) review.label = v.string(raw.label, [...path, 'label']);
    const top = typeof raw.agents === 'string' ? /^top-([1-9][0-9]?)$/.exec(raw.agents) : null;
    if (typeof raw.agents === 'string' && !top)
      v.fail(
        [...path, 'agents'],
        `"${raw.agents}" is neither a list of agents nor top-N (e.g. top-3: the N best-rated agents of the leaderboard)`,
      );
    if (top) review.top = Number(top[1]);
    else if (raw.agents !== undefined)
      review.agents = v.stringList(raw.agents, [...path, 'agents'], { nonEmpty: true });
    if (raw.reviewer !== undefined && raw.reviewers !== undefined)
      v.fail([...path, 'reviewers'], 'set either "reviewer" (one judge) or "reviewers" (a list), not both');
    if (raw.reviewer !== undefined) review.reviewer = v.string(raw.reviewer, [...path, 'reviewer']);
    if (raw.reviewers !== undefined) {
      review.reviewers = v.stringList(raw.reviewers, [...path, 'reviewers'], { nonEmpty: true });
      if (new Set(review.reviewers).size !== review.reviewers.length)
        v.fail([...path, 'reviewers'], 'lists an agent twice');
      review.reviewer = review.reviewers[0]!;
    }
    return review;
  },
  check(v, review, agents, path) {
    if (review.top !== undefined) {
      review.pool = Object.keys(agents);
      if (review.top > review.pool.length)
        v.fail(
          [...path, 'agents'],
          `top-${review.top} needs at least ${review.top} agents; defined: ${review.pool.join(', ')}`,
        );
      // Until a run asks the leaderboard (matrix mode never does), the first N defined agents answer.
      review.agents = review.pool.slice(0, review.top);
    }
    review.agents.forEach((name, i) => {
      if (!agents[name])
        v.fail([...path, 'agents', i], `unknown agent "${name}"; defined: ${Object.keys(agents).join(', ')}`);
    });
    if (new Set(review.agents).size !== review.agents.length) v.fail([...path, 'agents'], 'lists an agent twice');
    const judges = reviewJudges(review);
    judges.forEach((name, i) => {
      const at = judges.length > 1 ? [...path, 'reviewers', i] : [...path, 'reviewer'];
      if (!agents[name]) v.fail(at, `unknown agent "${name}"; defined: ${Object.keys(agents).join(', ')}`);
    });
  },
  schema,
};

declare module '../../config/schema.js' {
  interface PipelineConfigs {
    'ai-review': ReviewPipelineConfig;
  }
}

/** The status comment's rows before anything ran (run mode, and matrix mode's plan job). */
export function reviewStatusEntries(pipeline: ReviewPipelineConfig): StatusEntry[] {
  return [
    ...pipeline.agents.map((agent) => ({ agent, role: 'answer', state: 'pending' as const })),
    ...reviewJudges(pipeline).map((agent) => ({
      agent,
      role: 'reviewer',
      state: 'pending' as const,
      note: 'waits for the answers',
    })),
  ];
}
