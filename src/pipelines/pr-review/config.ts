// The pipeline's settings: `pipelines.pr-review` in .github/ai-orchestra.yml, validated, with defaults.
import { agentListSchema, commandSchema, labelSchema } from '../../kernel/config-schema.js';
import type { ConfigPath, ConfigReader, PipelineConfigBase } from '../../kernel/definition.js';
import { SEVERITIES, type Severity } from './findings.js';

export const PIPELINE = 'pr-review';

/** `label`: on a pull request, starts a review (a push to a pull request with it re-reviews); `command`: the same as a comment. */
export interface PrReviewConfig extends PipelineConfigBase {
  agents: string[];
  /** The agent that judges the groups of findings. */
  reviewer: string;
  /** Whether the reviewer judges (default: yes). */
  judge: boolean;
  minAgreement: number;
  minSeverity: Severity;
  requestChangesOnCritical: boolean;
  maxDiffBytes: number;
  /** Post each agent's full answer as a comment of its own too (default: only in the job summary and result file). */
  perAgentComments: boolean;
}

export const DEFAULT_COMMAND = '/ai-review';

export function defaultPrReviewConfig(): PrReviewConfig {
  return {
    label: 'ai-review',
    agents: ['claude', 'gemini', 'codex'],
    reviewer: 'claude',
    judge: true,
    minAgreement: 2,
    minSeverity: 'medium',
    requestChangesOnCritical: false,
    maxDiffBytes: 200_000,
    perAgentComments: false,
  };
}

export const CONFIG_KEYS = [
  'label',
  'command',
  'agents',
  'reviewer',
  'judge',
  'min-agreement',
  'min-severity',
  'request-changes-on-critical',
  'max-diff-bytes',
  'per-agent-comments',
];

function boolean(v: ConfigReader, value: unknown, path: ConfigPath): boolean {
  if (typeof value !== 'boolean') v.fail(path, 'must be true or false');
  return value;
}

/** Reads `pipelines.pr-review` (a mapping; the kernel reads `label` and `command`) over the defaults. */
export function readPrReviewConfig(
  v: ConfigReader,
  raw: Record<string, unknown>,
  path: ConfigPath,
  defaults: PrReviewConfig = defaultPrReviewConfig(),
): PrReviewConfig {
  v.keys(raw, path, CONFIG_KEYS);
  const config = { ...defaults };
  const at = (key: string): ConfigPath => [...path, key];
  if (raw.agents !== undefined) config.agents = v.stringList(raw.agents, at('agents'), { nonEmpty: true });
  if (raw.reviewer !== undefined) config.reviewer = v.string(raw.reviewer, at('reviewer'));
  if (raw.judge !== undefined) config.judge = boolean(v, raw.judge, at('judge'));
  if (raw['min-agreement'] !== undefined)
    config.minAgreement = v.positive(raw['min-agreement'], at('min-agreement'), { integer: true });
  if (raw['min-severity'] !== undefined) {
    const severity = raw['min-severity'];
    if (!(SEVERITIES as readonly unknown[]).includes(severity))
      v.fail(at('min-severity'), `must be one of ${SEVERITIES.join(', ')}`);
    config.minSeverity = severity as Severity;
  }
  if (raw['request-changes-on-critical'] !== undefined)
    config.requestChangesOnCritical = boolean(v, raw['request-changes-on-critical'], at('request-changes-on-critical'));
  if (raw['max-diff-bytes'] !== undefined)
    config.maxDiffBytes = v.positive(raw['max-diff-bytes'], at('max-diff-bytes'), { integer: true });
  if (raw['per-agent-comments'] !== undefined)
    config.perAgentComments = boolean(v, raw['per-agent-comments'], at('per-agent-comments'));
  if (new Set(config.agents).size !== config.agents.length) v.fail(at('agents'), 'lists an agent twice');
  return config;
}

/** Every agent named must be defined. */
export function checkPrReviewReferences(
  v: ConfigReader,
  config: PrReviewConfig,
  defined: Readonly<Record<string, unknown>>,
  path: ConfigPath,
): void {
  const known = Object.keys(defined).join(', ');
  config.agents.forEach((name, i) => {
    if (!defined[name]) v.fail([...path, 'agents', i], `unknown agent "${name}"; defined: ${known}`);
  });
  if (config.judge && !defined[config.reviewer])
    v.fail([...path, 'reviewer'], `unknown agent "${config.reviewer}"; defined: ${known}`);
}

/** This pipeline's part of the config's JSON schema. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'Council review of pull requests: several agents review the diff; one review posts what they agree on.',
  properties: {
    label: labelSchema(
      'ai-review',
      'The label on a pull request that starts a review; a push to a pull request with it re-reviews the new commits.',
    ),
    command: commandSchema(
      DEFAULT_COMMAND,
      'The slash command that starts a review when written as a new comment on a pull request.',
    ),
    agents: agentListSchema('The agents that review the diff, independently.'),
    reviewer: {
      type: 'string',
      default: 'claude',
      description: 'The agent that judges the grouped findings (valid, invalid or unsure).',
    },
    judge: {
      type: 'boolean',
      default: true,
      description: 'Whether the reviewer judges the groups; invalid ones are never inline.',
    },
    'min-agreement': {
      type: 'integer',
      minimum: 1,
      default: 2,
      description:
        'How many agents must have found something for an inline comment (1 when only one agent reviewed the file).',
    },
    'min-severity': {
      enum: [...SEVERITIES],
      default: 'medium',
      description: 'The least severity of an inline comment; the rest is listed in the review body.',
    },
    'request-changes-on-critical': {
      type: 'boolean',
      default: false,
      description: 'Post the review as REQUEST_CHANGES when an inline comment is critical (never APPROVE).',
    },
    'max-diff-bytes': {
      type: 'integer',
      minimum: 1,
      default: 200000,
      description:
        'Diff bytes per agent (and as much again for full file texts); larger diffs are split across agents, files over it are skipped and named.',
    },
    'per-agent-comments': {
      type: 'boolean',
      default: false,
      description:
        "Also post each agent's full answer as a comment of its own (always in the job summary and result-file).",
    },
  },
} as const;
