// The JSON schema of `pipelines.ai-review`: schema/ai-orchestra.schema.json holds the same (a unit test compares them).
import { commandSchema, labelSchema } from '../../kernel/config-schema.js';
export const schema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    label: labelSchema('ai-review'),
    command: commandSchema('/ai-review'),
    agents: {
      oneOf: [
        { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
        { type: 'string', pattern: '^top-[1-9][0-9]?$' },
      ],
      default: ['claude', 'gemini', 'codex'],
      description:
        'Agents that answer the issue, in parallel; or top-N: the N best-rated agents of the leaderboard built from the run records on records-branch, with one run in ten (chosen by the run id) giving the last place to another defined agent so the ratings stay honest (docs/dashboard.md).',
    },
    reviewer: {
      type: 'string',
      default: 'claude',
      description:
        'Agent that compares and ranks the anonymized answers, twice: the second time in reverse order (docs/budgets.md). Use reviewers for several judges.',
    },
    reviewers: {
      type: 'array',
      items: {
        type: 'string',
      },
      minItems: 1,
      uniqueItems: true,
      description:
        "Several judges instead of one reviewer: each ranks the answers in two orders, never an answer of its own vendor's CLI when another judge can; the rankings are combined by Borda count and the first judge writes the synthesis.",
    },
  },
  not: {
    required: ['reviewer', 'reviewers'],
  },
};
