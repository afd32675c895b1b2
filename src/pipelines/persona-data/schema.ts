// The JSON schema of `pipelines.persona-data`: schema/ai-orchestra.schema.json holds the same (a unit test compares them).
import { commandSchema, labelSchema } from '../../kernel/config-schema.js';
export const schema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    label: labelSchema('persona-data'),
    command: commandSchema('/persona-data'),
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
