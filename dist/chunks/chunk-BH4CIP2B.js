import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/security/secret-forms.ts
var TOKEN_SHAPES = [
  /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g,
  // GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g,
  /\bsk-ant-[A-Za-z0-9_-]{16,}/g,
  // Anthropic
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
  // OpenAI-style
  /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g,
  // AWS access key ids
  // Not \b at the end: a secret key may end in "/" or "+", after which \b never matches.
  /(aws_secret_access_key\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  // Slack
  /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  // Google API keys (may end in "-", so no \b)
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // JWTs
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // The password of credentials inside a URL (proxies, registries, git remotes): scheme://user:PASSWORD@host.
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi
];
var FILE_TOKEN_SHAPES = TOKEN_SHAPES.slice(0, -1);
function base64Core(bytes, shift) {
  const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64").replace(/=+$/, "");
  const first = Math.ceil(8 * shift / 6);
  const last = Math.floor(8 * (shift + bytes.length) / 6);
  return encoded.slice(first, last);
}
function percentEveryByte(bytes, upper) {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).map((h) => `%${h}`).join("");
  return upper ? hex.toUpperCase() : hex;
}
function encodedForms(value) {
  const bytes = Buffer.from(value, "utf8");
  const forms = /* @__PURE__ */ new Set([value]);
  for (const shift of [0, 1, 2]) {
    const core = base64Core(bytes, shift);
    forms.add(core);
    forms.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  const hex = bytes.toString("hex");
  forms.add(hex);
  forms.add(hex.toUpperCase());
  forms.add(encodeURIComponent(value));
  forms.add(percentEveryByte(bytes, false));
  forms.add(percentEveryByte(bytes, true));
  return [...forms].filter((form) => form.length >= 4);
}

export {
  TOKEN_SHAPES,
  FILE_TOKEN_SHAPES,
  encodedForms
};
