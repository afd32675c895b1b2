// Removes secrets from any text before it is posted, summarized or written: known values and token patterns.
import { TOKEN_SHAPES } from './secret-forms.js';

export const REDACTED = '[REDACTED]';

// Variable names whose values we treat as secret even when they match no pattern.
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|_KEY$|CREDENTIAL|AUTH)/i;
const MIN_SECRET_LENGTH = 6;

export class Redactor {
  private readonly values: string[];

  constructor(knownValues: Iterable<string> = []) {
    const unique = new Set<string>();
    for (const value of knownValues) {
      const trimmed = value.trim();
      if (trimmed.length >= MIN_SECRET_LENGTH) unique.add(trimmed);
    }
    // Longest first, so a secret containing another is removed whole.
    this.values = [...unique].sort((a, b) => b.length - a.length);
  }

  get knownValues(): readonly string[] {
    return this.values;
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join(REDACTED);
    for (const pattern of TOKEN_SHAPES) {
      out = out.replace(pattern, (match, prefix?: unknown) =>
        typeof prefix === 'string' && prefix !== '' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
      );
    }
    return out;
  }

  redactDeep<T>(value: T): T {
    return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? this.redact(v) : v))) as T;
  }
}

/** Values of environment variables that look secret (by name), e.g. ANTHROPIC_API_KEY, INPUT_GITHUB-TOKEN. */
export function secretValuesFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value !== undefined && SECRET_NAME.test(name))
    .map(([, value]) => value as string);
}

// Names whose values are public settings, never credentials, however random they look.
const PUBLIC_NAME = /(_MODEL|_URL|_ENDPOINT|_HOST|_REGION|_LOCATION|_DIR|_PATH|_HOME|_VERSION|_PROJECT|_TRUST_WORKSPACE|_RETRIES|_TIMEOUT(_MS)?)$/i;
const MIN_UNNAMED_SECRET_LENGTH = 12;

/**
 * Whether a value an agent receives should be treated as secret although its name does not say so
 * (`pass-env: [MY_LLM]`, a config `env` entry, a provider variable with an unusual name): a long word with
 * letters and digits that is not a path, a URL, a number or a public setting.
 */
export function looksLikeCredential(name: string, value: string): boolean {
  if (SECRET_NAME.test(name)) return true;
  if (PUBLIC_NAME.test(name)) return false;
  const v = value.trim();
  if (v.length < MIN_UNNAMED_SECRET_LENGTH || /\s/.test(v)) return false;
  if (v.startsWith('/') || v.startsWith('~') || v.startsWith('.') || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false;
  return /[A-Za-z]/.test(v) && /[0-9]/.test(v);
}

/** The password of every URL with credentials in `value` (HTTPS_PROXY=http://u:p@proxy...); the user name is no secret. */
export function urlCredentials(value: string): string[] {
  return [...value.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi)].map((m) => m[1]!);
}

/** What an agent is given: its config `env`, and the names of the action's variables passed to it (prefixes, pass-env). */
export interface AgentSecrets {
  env: Record<string, string>;
  /** Names of the action's variables this agent receives, beside its config `env`. */
  inheritedNames?: string[];
}

/**
 * Every value a run knows to be secret: its token, secret-looking variables of its environment, and every value
 * an agent receives that looks like a credential (config `env`, passed-through variables), URL passwords included.
 */
export function redactorFor(token: string, env: NodeJS.ProcessEnv, agents: AgentSecrets[]): Redactor {
  const given = agents.flatMap((agent) => [
    ...Object.entries(agent.env),
    ...(agent.inheritedNames ?? []).flatMap((name): [string, string][] => (env[name] !== undefined ? [[name, env[name]!]] : [])),
  ]);
  const values = [
    token,
    ...secretValuesFromEnv(env),
    ...given.filter(([name, value]) => looksLikeCredential(name, value)).map(([, value]) => value),
    ...[...Object.values(env), ...given.map(([, value]) => value)].flatMap((value) => (value === undefined ? [] : urlCredentials(value))),
  ];
  return new Redactor(values);
}
