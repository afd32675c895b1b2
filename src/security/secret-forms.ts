// The shapes a secret takes in text or bytes: the encodings of a known value, and the patterns of common tokens.
// Pure functions, shared by the redactor (what we post) and the write-path scan (what we push).

/**
 * Patterns of common credentials. Global regexes: reset `lastIndex` or use `matchAll`/`replace`. Two of them
 * capture a prefix that is not secret (`aws_secret_access_key=`, `scheme://user:`) as group 1.
 */
export const TOKEN_SHAPES: readonly RegExp[] = [
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
  // The password of credentials inside a URL (proxies, registries, git remotes): scheme://user:PASSWORD@host.
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi,
];

/** Token shapes that mark a file as carrying a credential (the URL-password shape is left out: `user:pass@` in docs is common). */
export const FILE_TOKEN_SHAPES: readonly RegExp[] = TOKEN_SHAPES.slice(0, -1);

/**
 * The part of base64(`bytes`) that is the same wherever `bytes` sits in a longer stream starting `shift` bytes
 * after a 3-byte boundary: the characters that mix in bytes before or after it are dropped.
 */
function base64Core(bytes: Buffer, shift: 0 | 1 | 2): string {
  const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
    .toString('base64')
    .replace(/=+$/, '');
  const first = Math.ceil((8 * shift) / 6);
  const last = Math.floor((8 * (shift + bytes.length)) / 6);
  return encoded.slice(first, last);
}

/** Every byte as %XX. */
function percentEveryByte(bytes: Buffer, upper: boolean): string {
  const hex = [...bytes]
    .map((b) => b.toString(16).padStart(2, '0'))
    .map((h) => `%${h}`)
    .join('');
  return upper ? hex.toUpperCase() : hex;
}

/**
 * The forms a known secret takes once encoded: itself, base64 and base64url at each of the three alignments,
 * hex (lower and upper case) and URL encoding (the usual one, and every byte percent-encoded). Each form is
 * what appears inside a longer encoded text, so a search for it finds the secret wherever it was embedded.
 */
export function encodedForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = new Set<string>([value]);
  for (const shift of [0, 1, 2] as const) {
    const core = base64Core(bytes, shift);
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  const hex = bytes.toString('hex');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  forms.add(encodeURIComponent(value));
  forms.add(percentEveryByte(bytes, false));
  forms.add(percentEveryByte(bytes, true));
  // A short value's base64 core can be very short: a form under 4 characters would match everywhere.
  return [...forms].filter((form) => form.length >= 4);
}
