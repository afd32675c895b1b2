// Who answers a question: the agents the comment names, else the configured default (the agent the last ai-review
// ranked first, all, or a fixed list), falling back to the first configured agent with a note saying why.
import type { ThreadComment } from '../../kernel/definition.js';
import type { AskCommand } from './command.js';
import type { AskConfig } from './config.js';

export interface AgentChoice {
  agents: string[];
  /** Why these agents, for the status comment and the log. */
  reason: string;
}

// A ranking row of our review comment (pipelines/ai-review/review-comment.ts): `| 🥇 | [claude](url) | B | ... |`.
const FIRST_ROW = /^\| 🥇 \| (?:\[([^\]\n]+)\]\([^)\n]*\)|([^|\n]+?)) \|/m;

/** The agent ranked first by the latest ai-review review comment that is ours (marker and identity), if any. */
export function rankedFirst(comments: readonly ThreadComment[]): string | undefined {
  const review = comments
    .filter((c) => c.ours && c.marker?.pipeline === 'ai-review' && c.marker.key === 'review')
    .at(-1);
  const match = review ? FIRST_ROW.exec(review.body) : null;
  return match ? (match[1] ?? match[2])?.trim() : undefined;
}

export function chooseAgents(command: AskCommand, config: AskConfig, comments: readonly ThreadComment[]): AgentChoice {
  if (command.all) return { agents: [...config.agents], reason: 'all agents, as asked' };
  if (command.agents) return { agents: command.agents, reason: 'named in the question' };
  const fallback = config.agents[0]!;
  if (config.defaultAgents === 'all') return { agents: [...config.agents], reason: 'all agents (default-agents: all)' };
  if (Array.isArray(config.defaultAgents))
    return { agents: [...config.defaultAgents], reason: 'the configured default-agents' };
  const first = rankedFirst(comments);
  if (first && config.agents.includes(first)) return { agents: [first], reason: 'ranked first by the last ai-review' };
  const why = first
    ? `the last ai-review ranked ${first} first, which is not one of this pipeline's agents`
    : 'no earlier ai-review ranking on this thread';
  return { agents: [fallback], reason: `${why}: the first configured agent answers` };
}
