// Where the GitHub layer's messages go: workflow commands by default, or the front end's logger (a terminal's).
import * as core from '@actions/core';

export interface GitHubLog {
  warning(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export const workflowLog: GitHubLog = {
  warning: (m) => core.warning(m),
  info: (m) => core.info(m),
  debug: (m) => core.debug(m),
};
