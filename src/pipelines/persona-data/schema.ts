// The JSON schema of `pipelines.persona-data`: schema/ai-orchestra.schema.json holds the same (a unit test compares them).
export const schema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    label: {
      type: 'string',
      minLength: 1,
      default: 'persona-data',
      description: 'The label that starts this pipeline.',
    },
    command: {
      type: 'string',
      pattern: '^/[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$',
      default: '/persona-data',
      description: 'Slash command that starts this pipeline when a comment begins with it (issue_comment trigger).',
    },
    'output-dir': {
      type: 'string',
      minLength: 1,
      not: {
        pattern: '(^/|^[A-Za-z]:[\\\\/]|(^|[\\\\/])\\.\\.([\\\\/]|$))',
      },
      default: 'training-data',
      description:
        'Folder for the dataset files, relative to the workspace (no absolute paths, no ".."). Files are named <owner>-<repo>-issue-<number>.<format>.jsonl, each with a .meta.jsonl provenance sidecar.',
    },
    formats: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: {
        enum: ['openai-chat', 'trl-sft', 'dpo'],
      },
      default: ['openai-chat', 'trl-sft', 'dpo'],
      description:
        'Datasets to write: openai-chat ({messages}), trl-sft (conversational {prompt, completion}), dpo (TRL preference {prompt, chosen, rejected}; needs the reviewer).',
    },
    personas: {
      type: 'array',
      minItems: 1,
      description:
        'The personas that answer, all concurrently (bounded by settings.max-parallel). Replaces the six built-in ones: architect (claude), perfectionist (gemini), pragmatist (codex), innovator (claude), educator (gemini), security-expert (codex).',
      items: {
        $ref: '#/$defs/persona',
      },
    },
    reviewer: {
      type: 'string',
      default: 'claude',
      description:
        'Agent that ranks the anonymized, shuffled answers for the dpo pair (chosen = best, rejected = worst). Runs only when formats include dpo.',
    },
  },
};
