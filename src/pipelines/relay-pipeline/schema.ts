// The JSON schema of `pipelines.relay-pipeline`: schema/ai-orchestra.schema.json holds the same (a unit test compares them).
import { commandSchema, labelSchema } from '../../kernel/config-schema.js';
export const schema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    label: labelSchema('relay-pipeline'),
    command: commandSchema('/relay'),
    'max-rounds': {
      type: 'integer',
      minimum: 0,
      maximum: 10,
      default: 2,
      description: 'How many times a failed stage may send the work back to its on-fail stage.',
    },
    'create-pr': {
      type: 'boolean',
      default: true,
      description:
        'Push the branch ai-orchestra/issue-<number> and open a pull request when every stage passes and files changed. Needs contents: write and pull-requests: write.',
    },
    'allow-protected-paths': {
      type: 'array',
      items: {
        type: 'string',
        minLength: 1,
      },
      default: [],
      description:
        'Protected paths (globs: ** any folders, * within a name) the relay may commit after all. By default a change to .github/workflows/**, .github/actions/**, the config file, agent-CLI configuration (.claude, .mcp.json, .gemini, .env ...) or any .git* file is refused and named in the stage report. See docs/write-path.md.',
    },
    'ci-fix': {
      type: 'boolean',
      default: false,
      description:
        'When CI fails on a pull request the relay opened (workflow_run or check_suite completed with failure), read the failing steps of the failed jobs and run a fix round on the same branch. Needs actions: read, contents: write and pull-requests: write; see examples/workflows/relay-ci-fix.yml.',
    },
    'max-ci-rounds': {
      type: 'integer',
      minimum: 0,
      maximum: 10,
      default: 2,
      description:
        'How many CI fix rounds a pull request gets; then the relay says on it that it stopped, until a maintainer comments the relay command there.',
    },
    stages: {
      type: 'array',
      minItems: 1,
      description:
        "The stages, run in order; each one's report and the working directory's diff go to the next. Default: implement (claude, write) → test (gemini) → review (codex, on-fail: implement).",
      items: {
        $ref: '#/$defs/relayStage',
      },
    },
  },
};
