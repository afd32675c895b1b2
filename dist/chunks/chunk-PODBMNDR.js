import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  formatInteger
} from "./chunk-UI6OCMSN.js";

// src/report/comment-body.ts
var GITHUB_COMMENT_LIMIT = 65536;
var BODY_BUDGET = GITHUB_COMMENT_LIMIT - 1024;
var MARKER = /<!-- ai-orchestra:v1 run=(\S+) pipeline=(\S+) key=(\S+?)(?: session=([A-Za-z0-9][A-Za-z0-9_-]*))? -->/;
function renderMarker({ runId, pipeline, key, session }) {
  const safe = (s) => s.replace(/[^A-Za-z0-9_.:/@-]/g, "_");
  const sessionPart = session ? ` session=${session.replace(/[^A-Za-z0-9_-]/g, "_")}` : "";
  return `<!-- ai-orchestra:v1 run=${safe(runId)} pipeline=${safe(pipeline)} key=${safe(key)}${sessionPart} -->`;
}
function parseMarker(body) {
  const m = body ? MARKER.exec(body) : null;
  return m ? { runId: m[1] ?? "", pipeline: m[2] ?? "", key: m[3] ?? "", ...m[4] ? { session: m[4] } : {} } : void 0;
}
function fitCommentBody(body, budget = BODY_BUDGET, total = body.length) {
  if (body.length <= budget) return { body, cut: false };
  let end = budget;
  const code = body.charCodeAt(end - 1);
  if (code >= 55296 && code <= 56319) end -= 1;
  let head = body.slice(0, end);
  if ((head.match(/^\s*```/gm) ?? []).length % 2 === 1) head += "\n```";
  const note = `

> [!NOTE]
> \u2702\uFE0F This comment was cut at ${formatInteger(end)} of ${formatInteger(Math.max(total, body.length))} characters (GitHub allows ${formatInteger(GITHUB_COMMENT_LIMIT)}). The full text is in the job summary and the \`result-file\` output.`;
  return { body: head + note, cut: true };
}
var SANITIZE_MARGIN = 8192;
function fitForSanitizing(body) {
  const budget = BODY_BUDGET + SANITIZE_MARGIN;
  return body.length <= budget ? body : body.slice(0, budget);
}
function composeComment(marker, body, total = body.length) {
  const fitted = fitCommentBody(body, BODY_BUDGET, total);
  return { body: `${renderMarker(marker)}
${fitted.body}`, cut: fitted.cut };
}

export {
  GITHUB_COMMENT_LIMIT,
  parseMarker,
  fitCommentBody,
  fitForSanitizing,
  composeComment
};
