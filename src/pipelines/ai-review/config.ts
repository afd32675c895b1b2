// The ai-review pipeline's configuration: its shape, defaults and reader (`pipelines.ai-review`).
import type { ConfigPart, ConfigReader } from '../../kernel/definition.js';
import { schema } from './schema.js';

export interface ReviewPipelineConfig {
  label: string;
  command?: string;
  agents: string[];
  reviewer: string;
}

const REVIEW_KEYS = ['label', 'command', 'agents', 'reviewer'];

export const reviewConfig: ConfigPart<ReviewPipelineConfig> = {
  defaults: () => ({ label: 'ai-review', agents: ['claude', 'gemini', 'codex'], reviewer: 'claude' }),
  read(v: ConfigReader, raw, path, review) {
    v.keys(raw, path, REVIEW_KEYS);
    if (raw.label !== undefined) review.label = v.string(raw.label, [...path, 'label']);
    if (raw.agents !== undefined) review.agents = v.stringList(raw.agents, [...path, 'agents'], { nonEmpty: true });
    if (raw.reviewer !== undefined) review.reviewer = v.string(raw.reviewer, [...path, 'reviewer']);
    return review;
  },
  check(v, review, agents, path) {
    review.agents.forEach((name, i) => {
      if (!agents[name])
        v.fail([...path, 'agents', i], `unknown agent "${name}"; defined: ${Object.keys(agents).join(', ')}`);
    });
    if (new Set(review.agents).size !== review.agents.length) v.fail([...path, 'agents'], 'lists an agent twice');
    if (!agents[review.reviewer])
      v.fail([...path, 'reviewer'], `unknown agent "${review.reviewer}"; defined: ${Object.keys(agents).join(', ')}`);
  },
  schema,
};

declare module '../../config/schema.js' {
  interface PipelineConfigs {
    'ai-review': ReviewPipelineConfig;
  }
}
