import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  TOKEN_SHAPES,
  encodedForms
} from "./chunk-BH4CIP2B.js";

// src/security/redact.ts
var REDACTED = "[REDACTED]";
var SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|_KEY$|CREDENTIAL|AUTH)/i;
var MIN_SECRET_LENGTH = 6;
var SPLITTERS = /[\s\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+/gu;
var INVISIBLE_ONLY = /[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+/gu;
var MIN_FORM_LENGTH = 6;
function squeeze(text, drop) {
  const pieces = [];
  const keptAt = [];
  const textAt = [];
  let last = 0;
  let kept = 0;
  const keep = (end) => {
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
  const origin = (index) => {
    let lo = 0;
    let hi = keptAt.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (keptAt[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return textAt[lo] + (index - keptAt[lo]);
  };
  return { text: pieces.join(""), origin };
}
function shapeHits(text) {
  const plain = squeeze(text, INVISIBLE_ONLY);
  const hits = [];
  for (const pattern of TOKEN_SHAPES) {
    for (const m of plain.text.matchAll(pattern)) {
      const prefix = typeof m[1] === "string" && m[0].startsWith(m[1]) ? m[1].length : 0;
      if (m[0].length === prefix) continue;
      hits.push([plain.origin(m.index + prefix), plain.origin(m.index + m[0].length - 1) + 1]);
    }
  }
  return hits;
}
function hideRanges(text, ranges) {
  if (ranges.length === 0) return text;
  const merged = [];
  for (const range of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  let out = "";
  let at = 0;
  for (const [start, end] of merged) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}
var Redactor = class {
  values;
  forms;
  constructor(knownValues = []) {
    const unique = /* @__PURE__ */ new Set();
    for (const value of knownValues) {
      const trimmed = value.trim();
      if (trimmed.length >= MIN_SECRET_LENGTH) unique.add(trimmed);
    }
    this.values = [...unique].sort((a, b) => b.length - a.length);
    const forms = this.values.flatMap((value) => [...encodedForms(value), [...value].reverse().join("")]);
    this.forms = [...new Set(forms.map((form) => form.replace(SPLITTERS, "")))].filter(
      (form) => form.length >= MIN_FORM_LENGTH
    );
  }
  get knownValues() {
    return this.values;
  }
  redact(text) {
    let out = hideRanges(text, this.knownValueHits(text));
    out = hideRanges(out, shapeHits(out));
    return out;
  }
  /**
   * Where a known value stands in `text` in any of its forms (literal, base64, hex, URL-encoded, reversed), also
   * when split by invisible characters, spaces or line breaks: matched in the text with those removed, and
   * mapped back to the original positions.
   */
  knownValueHits(text) {
    if (this.values.length === 0) return [];
    const joined = squeeze(text, SPLITTERS);
    const hits = [];
    for (const form of this.forms) {
      for (let at = joined.text.indexOf(form); at !== -1; at = joined.text.indexOf(form, at + 1)) {
        hits.push([joined.origin(at), joined.origin(at + form.length - 1) + 1]);
      }
    }
    return hits;
  }
  redactDeep(value) {
    return JSON.parse(JSON.stringify(value, (_key, v) => typeof v === "string" ? this.redact(v) : v));
  }
};
function secretValuesFromEnv(env) {
  return Object.entries(env).filter(([name, value]) => value !== void 0 && SECRET_NAME.test(name)).map(([, value]) => value);
}
var PUBLIC_NAME = /(_MODEL|_URL|_ENDPOINT|_HOST|_REGION|_LOCATION|_DIR|_PATH|_HOME|_VERSION|_PROJECT|_TRUST_WORKSPACE|_RETRIES|_TIMEOUT(_MS)?)$/i;
var MIN_UNNAMED_SECRET_LENGTH = 12;
function looksLikeCredential(name, value) {
  if (SECRET_NAME.test(name)) return true;
  if (PUBLIC_NAME.test(name)) return false;
  const v = value.trim();
  if (v.length < MIN_UNNAMED_SECRET_LENGTH || /\s/.test(v)) return false;
  if (v.startsWith("/") || v.startsWith("~") || v.startsWith(".") || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false;
  return /[A-Za-z]/.test(v) && /[0-9]/.test(v);
}
function urlCredentials(value) {
  return [...value.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi)].map((m) => m[1]);
}
function redactorFor(token, env, agents) {
  const given = agents.flatMap((agent) => [
    ...Object.entries(agent.env),
    ...(agent.inheritedNames ?? []).flatMap(
      (name) => env[name] !== void 0 ? [[name, env[name]]] : []
    )
  ]);
  const values = [
    token,
    ...secretValuesFromEnv(env),
    ...given.filter(([name, value]) => looksLikeCredential(name, value)).map(([, value]) => value),
    ...[...Object.values(env), ...given.map(([, value]) => value)].flatMap(
      (value) => value === void 0 ? [] : urlCredentials(value)
    )
  ];
  return new Redactor(values);
}

export {
  Redactor,
  redactorFor
};
