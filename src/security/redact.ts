// Removes secrets from any text before it is posted, summarized or written: known values and token patterns.

export const REDACTED = '[REDACTED]';

const TOKEN_PATTERNS: RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g, // GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g,
  /\bsk-ant-[A-Za-z0-9_-]{16,}/g, // Anthropic
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, // OpenAI-style
  /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, // AWS access key ids
  // Not \b at the end: a secret key may end in "/" or "+", after which \b never matches.
  /(aws_secret_access_key\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, // Google API keys (may end in "-", so no \b)
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

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
    for (const pattern of TOKEN_PATTERNS) {
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

/** Every value a run knows to be secret: its token, secret-looking variables, secret-looking agent `env` entries. */
export function redactorFor(token: string, env: NodeJS.ProcessEnv, agents: { env: Record<string, string> }[]): Redactor {
  return new Redactor([token, ...secretValuesFromEnv(env), ...agents.flatMap((a) => secretValuesFromEnv(a.env))]);
}
