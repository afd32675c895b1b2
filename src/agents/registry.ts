// Maps a configured agent to the adapter that knows how to invoke its CLI and read its output.
import { claudeAdapter } from './claude.js';
import { codexAdapter } from './codex.js';
import { commandAdapter } from './command.js';
import { copilotAdapter } from './copilot.js';
import { geminiAdapter } from './gemini.js';
import { opencodeAdapter } from './opencode.js';
import { qwenAdapter } from './qwen.js';
import type { AgentAdapter, AgentSpec } from './types.js';

export const builtInAdapters: Record<string, AgentAdapter> = {
  claude: claudeAdapter,
  gemini: geminiAdapter,
  codex: codexAdapter,
  copilot: copilotAdapter,
  qwen: qwenAdapter,
  opencode: opencodeAdapter,
};

export { commandAdapter };

export function adapterFor(agent: AgentSpec): AgentAdapter {
  if (agent.cli !== undefined) {
    // hasOwn: a cli named "toString" must not resolve to an Object.prototype member.
    const adapter = Object.hasOwn(builtInAdapters, agent.cli) ? builtInAdapters[agent.cli] : undefined;
    if (!adapter) {
      const known = Object.keys(builtInAdapters).join(', ');
      throw new Error(
        `agent "${agent.name}" uses unknown cli "${agent.cli}"; known CLIs: ${known} (or set \`command\` instead)`,
      );
    }
    return adapter;
  }
  if (agent.command !== undefined && agent.command.length > 0) return commandAdapter;
  throw new Error(`agent "${agent.name}" sets neither \`cli\` nor \`command\``);
}
