// The ai-review pipeline's configuration: its shape, defaults and reader (`pipelines.ai-review`).
import type { ConfigPart, ConfigReader } from '../../kernel/definition.js';
import { schema } from './schema.js';

export interface ReviewPipelineConfig {
  label: string;
  command?: string;
  agents: string[];
  /** The first judge (`reviewer:`, or the first of `reviewers:`). */
  reviewer: string;
  /** Every judge, in order; absent when the config names one. */
  reviewers?: string[];
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
    if (raw.agents !== undefined) review.agents = v.stringList(raw.agents, [...path, 'agents'], { nonEmpty: true });
    if (raw.reviewer !== undefined && raw.reviewers !== undefined)
      v.fail([...path, 'reviewers'], 'set either "reviewer" (one judge) or "reviewers" (a list), not both');
    if (raw.reviewer !== undefined) review.reviewer = v.string(raw.reviewer, [...path, 'reviewer']);
    if (raw.reviewers !== undefined) {
      review.reviewers = v.stringList(raw.reviewers, [...path, 'reviewers'], { nonEmpty: true });
      if (new Set(review.reviewers).size !== review.reviewers.length) v.fail([...path, 'reviewers'], 'lists an agent twice');
      review.reviewer = review.reviewers[0]!;
    }
    return review;
  },
  check(v, review, agents, path) {
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
