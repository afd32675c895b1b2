// The one logger: workflow commands (::warning::, groups) only when running as an action; plain lines in a terminal.
import * as core from '@actions/core';
import type { Logger } from './definition.js';

/** What a logger also tells about agents starting and ending (e.g. the local CLI's progress lines). */
type AgentHooks = Pick<Logger, 'agentStarted' | 'agentFinished'>;

const NO_AGENT_HOOKS: AgentHooks = { agentStarted: () => undefined, agentFinished: () => undefined };

/** In a workflow: @actions/core, so warnings become annotations and groups fold. */
export function actionLogger(hooks: AgentHooks = NO_AGENT_HOOKS): Logger {
  return {
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
    error: (m) => core.error(m),
    debug: (m) => core.debug(m),
    group: (title, body) => core.group(title, body),
    agentStarted: (event) => hooks.agentStarted(event),
    agentFinished: (event) => hooks.agentFinished(event),
  };
}

/** In a terminal (the local CLI): no workflow commands; warnings and errors on stderr. */
export function terminalLogger(
  write: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error },
  hooks: AgentHooks = NO_AGENT_HOOKS,
): Logger {
  return {
    info: (m) => write.out(m),
    warning: (m) => write.err(`Warning: ${m}`),
    error: (m) => write.err(`Error: ${m}`),
    debug: () => undefined,
    async group(title, body) {
      write.out(title);
      return body();
    },
    agentStarted: (event) => hooks.agentStarted(event),
    agentFinished: (event) => hooks.agentFinished(event),
  };
}
