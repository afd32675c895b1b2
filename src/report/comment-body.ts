// Pure helpers for comment bodies: the hidden marker that identifies a comment, and GitHub's size limit.

import { formatInteger } from './numbers.js';

export const GITHUB_COMMENT_LIMIT = 65_536;
// Headroom for the marker and the cut note; GitHub counts characters, we count UTF-16 units (never fewer).
const BODY_BUDGET = GITHUB_COMMENT_LIMIT - 1_024;

export interface MarkerFields {
  runId: string;
  pipeline: string;
  key: string;
  /** The agent CLI's session id behind this comment (an ask answer), which a follow-up may resume. */
  session?: string;
}

const MARKER = /<!-- ai-orchestra:v1 run=(\S+) pipeline=(\S+) key=(\S+?)(?: session=([A-Za-z0-9][A-Za-z0-9_-]*))? -->/;

export function renderMarker({ runId, pipeline, key, session }: MarkerFields): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9_.:/@-]/g, '_');
  const sessionPart = session ? ` session=${session.replace(/[^A-Za-z0-9_-]/g, '_')}` : '';
  return `<!-- ai-orchestra:v1 run=${safe(runId)} pipeline=${safe(pipeline)} key=${safe(key)}${sessionPart} -->`;
}

export function parseMarker(body: string | null | undefined): MarkerFields | undefined {
  const m = body ? MARKER.exec(body) : null;
  return m
    ? { runId: m[1] ?? '', pipeline: m[2] ?? '', key: m[3] ?? '', ...(m[4] ? { session: m[4] } : {}) }
    : undefined;
}

/** Cuts a body over GitHub's limit, never inside a surrogate pair, and says so visibly. */
/** `total`: the length of the text before any earlier cut (`fitForSanitizing`), for the note. */
export function fitCommentBody(
  body: string,
  budget = BODY_BUDGET,
  total = body.length,
): { body: string; cut: boolean } {
  if (body.length <= budget) return { body, cut: false };
  let end = budget;
  const code = body.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  let head = body.slice(0, end);
  // An unclosed code fence would swallow the note; close it.
  if ((head.match(/^\s*```/gm) ?? []).length % 2 === 1) head += '\n```';
  const note = `\n\n> [!NOTE]\n> ✂️ This comment was cut at ${formatInteger(end)} of ${formatInteger(Math.max(total, body.length))} characters (GitHub allows ${formatInteger(GITHUB_COMMENT_LIMIT)}). The full text is in the job summary and the \`result-file\` output.`;
  return { body: head + note, cut: true };
}

// More than any encoded form of a secret, so a secret cut by the first cut is gone after the final one.
const SANITIZE_MARGIN = 8_192;

/**
 * A body over GitHub's limit cut before the sanitizer reads it (a 1.5 MB answer would cost seconds to parse), with
 * room for what the sanitizer adds; `composeComment` makes the final cut, past anything this cut may have split.
 */
export function fitForSanitizing(body: string): string {
  const budget = BODY_BUDGET + SANITIZE_MARGIN;
  return body.length <= budget ? body : body.slice(0, budget);
}

export function composeComment(
  marker: MarkerFields,
  body: string,
  total = body.length,
): { body: string; cut: boolean } {
  const fitted = fitCommentBody(body, BODY_BUDGET, total);
  return { body: `${renderMarker(marker)}\n${fitted.body}`, cut: fitted.cut };
}
