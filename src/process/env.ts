// Builds the complete environment of an agent process from an allow-list, never leaking the workflow's own credentials.

/** What a CLI needs to run at all: locating programs, home, locale, proxies and certificates. */
const BASE_VARIABLES = [
  'PATH',
  'HOME',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TMPDIR',
  'TZ',
  'TERM',
  'USER',
  'LOGNAME',
  'SHELL',
  'CI',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_DATA_HOME',
] as const;

const RUNNER_TRACKING_ID = 'RUNNER_TRACKING_ID';
const FORBIDDEN_NAMES = new Set(['GITHUB_TOKEN', 'GH_TOKEN', 'GH_ENTERPRISE_TOKEN']);
/** INPUT_* holds the action's inputs (github-token among them); the others are runner and workflow tokens. */
const FORBIDDEN_PREFIXES = ['INPUT_', 'ACTIONS_', 'GITHUB_', 'RUNNER_'];

export interface AgentEnvOptions {
  parentEnv: NodeJS.ProcessEnv;
  /** Provider prefixes such as `ANTHROPIC_`; every parent variable starting with one is passed. */
  prefixes: string[];
  /** Exact names passed through from the parent when set. */
  passEnv: string[];
  /** The agent user's HOME, TMPDIR, XDG_* (agent-user): over what came from the parent, under adapter and config. */
  identityEnv?: Record<string, string>;
  adapterEnv: Record<string, string>;
  configEnv: Record<string, string>;
}

/**
 * True for variables an agent must never see, whoever asks for them.
 * Compared upper-cased: the agent may run on a platform where names are case-insensitive.
 */
export function isForbiddenAgentVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return FORBIDDEN_NAMES.has(upper) || FORBIDDEN_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

/** Names of the parent's variables an agent receives beyond the base ones: its provider prefixes and `pass-env`. */
export function inheritedVariableNames(parentEnv: NodeJS.ProcessEnv, prefixes: string[], passEnv: string[]): string[] {
  // An empty prefix would match every variable and silently turn the allow-list off.
  const nonEmpty = prefixes.filter((prefix) => prefix.length > 0);
  const byPrefix = Object.keys(parentEnv).filter((name) => nonEmpty.some((prefix) => name.startsWith(prefix)));
  return [...byPrefix, ...passEnv.filter((name) => parentEnv[name] !== undefined)].filter(
    (name) => !isForbiddenAgentVariable(name),
  );
}

export function buildAgentEnv(opts: AgentEnvOptions): Record<string, string> {
  // No prototype: a configured variable named `__proto__` stays a plain entry.
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  const copy = (name: string): void => {
    const value = opts.parentEnv[name];
    if (value !== undefined) env[name] = value;
  };
  BASE_VARIABLES.forEach(copy);
  // Not a secret: the runner kills the processes that carry it when the job ends, so an agent that escaped our
  // process-group kill (setsid, a double fork) still cannot outlive the job on a self-hosted runner.
  if (opts.parentEnv[RUNNER_TRACKING_ID] !== undefined) env[RUNNER_TRACKING_ID] = opts.parentEnv[RUNNER_TRACKING_ID];
  inheritedVariableNames(opts.parentEnv, opts.prefixes, opts.passEnv).forEach(copy);
  const layers = [opts.identityEnv ?? {}, opts.adapterEnv, opts.configEnv];
  for (const [name, value] of layers.flatMap((layer) => Object.entries(layer))) {
    env[name] = value;
  }
  for (const name of Object.keys(env)) {
    if (isForbiddenAgentVariable(name) && name !== RUNNER_TRACKING_ID) delete env[name];
  }
  return env;
}
