// Removes secrets from any text before it is posted, summarized or written: known values and token patterns.
import { encodedForms, TOKEN_SHAPES } from './secret-forms.js';

export const REDACTED = '[REDACTED]';

// Variable names whose values we treat as secret even when they match no pattern.
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|_KEY$|CREDENTIAL|AUTH)/i;
const MIN_SECRET_LENGTH = 6;

// What an attacker can put inside a secret without changing what a reader (or a model) takes from it: whitespace
// and line breaks, zero-width and other format characters (soft hyphen, bidi controls, tags), Hangul fillers.
const SPLITTERS =
  /[\s\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+/gu;
const INVISIBLE_ONLY =
  /[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+/gu;
// Shorter encoded forms (base64 of a 6-character value is 6-8 characters) would hit ordinary words once spaces go.
const MIN_FORM_LENGTH = 6;

type Range = [start: number, end: number];

/** `text` without the runs `drop` matches, and for each kept character its index in `text`. */
function squeeze(text: string, drop: RegExp): { text: string; origin: (index: number) => number } {
  const pieces: string[] = [];
  // Kept pieces: where each starts in the squeezed text, and in `text`.
  const keptAt: number[] = [];
  const textAt: number[] = [];
  let last = 0;
  let kept = 0;
  const keep = (end: number): void => {
    if (end <= last) return;
    pieces.push(text.slice(last, end));
    keptAt.push(kept);
    textAt.push(last);
    kept += end - last;
  };
  for (const m of text.matchAll(drop)) {
    keep(m.index);
    last = m.index + m[0].length;
  }
  keep(text.length);
  const origin = (index: number): number => {
    let lo = 0;
    let hi = keptAt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (keptAt[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return textAt[lo]! + (index - keptAt[lo]!);
  };
  return { text: pieces.join(''), origin };
}

/** Token shapes matched in `text` with invisible characters removed (not spaces: a shape spans no word break). */
function shapeHits(text: string): Range[] {
  const plain = squeeze(text, INVISIBLE_ONLY);
  const hits: Range[] = [];
  for (const pattern of TOKEN_SHAPES) {
    for (const m of plain.text.matchAll(pattern)) {
      const prefix = typeof m[1] === 'string' && m[0].startsWith(m[1]) ? m[1].length : 0;
      if (m[0].length === prefix) continue;
      hits.push([plain.origin(m.index + prefix), plain.origin(m.index + m[0].length - 1) + 1]);
    }
  }
  return hits;
}

/** `text` with every range (merged where they overlap) replaced by one REDACTED. */
function hideRanges(text: string, ranges: Range[]): string {
  if (ranges.length === 0) return text;
  const merged: Range[] = [];
  for (const range of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  let out = '';
  let at = 0;
  for (const [start, end] of merged) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

export class Redactor {
  private readonly values: string[];
  private readonly forms: string[];

  constructor(knownValues: Iterable<string> = []) {
    const unique = new Set<string>();
    for (const value of knownValues) {
      const trimmed = value.trim();
      if (trimmed.length >= MIN_SECRET_LENGTH) unique.add(trimmed);
    }
    // Longest first, so a secret containing another is removed whole.
    this.values = [...unique].sort((a, b) => b.length - a.length);
    const forms = this.values.flatMap((value) => [...encodedForms(value), [...value].reverse().join('')]);
    // Compared with spaces and invisible characters removed, so the forms are too.
    this.forms = [...new Set(forms.map((form) => form.replace(SPLITTERS, '')))].filter(
      (form) => form.length >= MIN_FORM_LENGTH,
    );
  }

  get knownValues(): readonly string[] {
    return this.values;
  }

  redact(text: string): string {
    let out = hideRanges(text, this.knownValueHits(text));
    // Token shapes also match when zero-width or format characters were put inside them.
    out = hideRanges(out, shapeHits(out));
    return out;
  }

  /**
   * Where a known value stands in `text` in any of its forms (literal, base64, hex, URL-encoded, reversed), also
   * when split by invisible characters, spaces or line breaks: matched in the text with those removed, and
   * mapped back to the original positions.
   */
  private knownValueHits(text: string): Range[] {
    if (this.values.length === 0) return [];
    const joined = squeeze(text, SPLITTERS);
    const hits: Range[] = [];
    for (const form of this.forms) {
      for (let at = joined.text.indexOf(form); at !== -1; at = joined.text.indexOf(form, at + 1)) {
        hits.push([joined.origin(at), joined.origin(at + form.length - 1) + 1]);
      }
    }
    return hits;
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
const PUBLIC_NAME =
  /(_MODEL|_URL|_ENDPOINT|_HOST|_REGION|_LOCATION|_DIR|_PATH|_HOME|_VERSION|_PROJECT|_TRUST_WORKSPACE|_RETRIES|_TIMEOUT(_MS)?)$/i;
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
    ...(agent.inheritedNames ?? []).flatMap((name): [string, string][] =>
      env[name] !== undefined ? [[name, env[name]!]] : [],
    ),
  ]);
  const values = [
    token,
    ...secretValuesFromEnv(env),
    ...given.filter(([name, value]) => looksLikeCredential(name, value)).map(([, value]) => value),
    ...[...Object.values(env), ...given.map(([, value]) => value)].flatMap((value) =>
      value === undefined ? [] : urlCredentials(value),
    ),
  ];
  return new Redactor(values);
}
