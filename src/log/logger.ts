// Where the GitHub modules' notices go: workflow commands in the Actions log, plain lines in a terminal.
import * as core from '@actions/core';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}

const actionsLog: Logger = { info: core.info, warning: core.warning, startGroup: core.startGroup, endGroup: core.endGroup };

/** For a person at a terminal: `Warning: ...` on stderr, never `::warning::`; groups become a heading line. */
export function terminalLog(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  return { info: write, warning: (m) => write(`Warning: ${m}`), startGroup: (name) => write(name), endGroup: () => undefined };
}

let current: Logger = actionsLog;

/** The local runner calls this once at start; the action keeps the Actions log. */
export function useLogger(logger: Logger): void {
  current = logger;
}

export const log: Logger = {
  info: (m) => current.info(m),
  warning: (m) => current.warning(m),
  startGroup: (name) => current.startGroup(name),
  endGroup: () => current.endGroup(),
};
