// The ask pipeline's configuration (`pipelines.ask`), its defaults, reader and JSON schema part.
import { agentListSchema, commandSchema, labelSchema } from '../../kernel/config-schema.js';
import type { ConfigPart, ConfigReader } from '../../kernel/definition.js';

export type DefaultAgents = 'ranked-first' | 'all' | string[];

export interface AskConfig {
  label: string;
  command?: string;
  /** The agents a question may go to (installed and preflighted); the first is the fallback. */
  agents: string[];
  /** Who answers when the comment names nobody. */
  defaultAgents: DefaultAgents;
  /** Budget for the thread's comments in each prompt, in UTF-8 bytes; unset: `settings.context-bytes`. */
  contextBytes?: number;
  /** Include comments by people without write access, fenced as untrusted. */
  includeOthers: boolean;
}

const KEYS = ['label', 'command', 'agents', 'default-agents', 'context-bytes', 'include-others'];

export const schema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    label: labelSchema('ask', 'Unused: ask starts from its command only.'),
    command: commandSchema(
      '/ask',
      'Slash command that asks a follow-up question when a comment begins with it (issue_comment trigger).',
    ),
    agents: agentListSchema(
      'Agents a question may name (`/ask claude,codex ...`); the first answers when no other choice applies.',
    ),
    'default-agents': {
      oneOf: [
        { enum: ['ranked-first', 'all'] },
        { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      ],
      default: 'ranked-first',
      description:
        'Who answers a question that names nobody: the agent the last ai-review ranked first, all agents, or a fixed list.',
    },
    'context-bytes': {
      type: 'integer',
      minimum: 1,
      description:
        'Budget for the thread comments in each prompt (UTF-8 bytes); the newest are kept. Default: settings.context-bytes.',
    },
    'include-others': {
      type: 'boolean',
      default: false,
      description: 'Include comments by people without write access, fenced as untrusted.',
    },
  },
};

export const askConfig: ConfigPart<AskConfig> = {
  defaults: () => ({
    label: 'ask',
    agents: ['claude', 'gemini', 'codex'],
    defaultAgents: 'ranked-first',
    includeOthers: false,
  }),
  read(v: ConfigReader, raw, path, config) {
    v.keys(raw, path, KEYS);
    if (raw.label !== undefined) config.label = v.string(raw.label, [...path, 'label']);
    if (raw.agents !== undefined) config.agents = v.stringList(raw.agents, [...path, 'agents'], { nonEmpty: true });
    const chosen = raw['default-agents'];
    if (chosen === 'ranked-first' || chosen === 'all') config.defaultAgents = chosen;
    else if (chosen !== undefined)
      config.defaultAgents = v.stringList(chosen, [...path, 'default-agents'], { nonEmpty: true });
    if (raw['context-bytes'] !== undefined)
      config.contextBytes = v.positive(raw['context-bytes'], [...path, 'context-bytes'], { integer: true });
    const others = raw['include-others'];
    if (others !== undefined) {
      if (typeof others !== 'boolean') v.fail([...path, 'include-others'], 'must be true or false');
      config.includeOthers = others;
    }
    return config;
  },
  check(v, config, agents, path) {
    const known = Object.keys(agents).join(', ');
    config.agents.forEach((name, i) => {
      if (!agents[name]) v.fail([...path, 'agents', i], `unknown agent "${name}"; defined: ${known}`);
    });
    if (new Set(config.agents).size !== config.agents.length) v.fail([...path, 'agents'], 'lists an agent twice');
    if (Array.isArray(config.defaultAgents))
      config.defaultAgents.forEach((name, i) => {
        if (!config.agents.includes(name))
          v.fail(
            [...path, 'default-agents', i],
            `"${name}" is not one of this pipeline's agents (${config.agents.join(', ')})`,
          );
      });
  },
  schema,
};

declare module '../../config/schema.js' {
  interface PipelineConfigs {
    ask: AskConfig;
  }
}
