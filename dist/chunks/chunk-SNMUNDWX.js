import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  renderStatusComment
} from "./chunk-ERVVLCZQ.js";

// src/kernel/matrix/status.ts
var ROWS_LINE = /<!-- ai-orchestra:rows=([A-Za-z0-9_-]+) -->/;
function renderSharedStatus(view) {
  const stored = {
    pipeline: view.pipeline,
    startedAt: view.startedAt.toISOString(),
    runUrl: view.runUrl,
    entries: view.entries
  };
  return `${renderStatusComment(view)}
<!-- ai-orchestra:rows=${Buffer.from(JSON.stringify(stored)).toString("base64url")} -->`;
}
function parseSharedStatus(body) {
  const m = body ? ROWS_LINE.exec(body) : null;
  if (!m) return void 0;
  try {
    const stored = JSON.parse(Buffer.from(m[1] ?? "", "base64url").toString("utf8"));
    if (!Array.isArray(stored.entries) || typeof stored.pipeline !== "string") return void 0;
    return {
      pipeline: stored.pipeline,
      startedAt: new Date(stored.startedAt),
      runUrl: stored.runUrl,
      entries: stored.entries,
      overall: "running"
    };
  } catch {
    return void 0;
  }
}
function sameEntry(a, b) {
  return a.agent === b.agent && a.role === b.role;
}
function withEntry(body, entry) {
  const view = parseSharedStatus(body);
  if (!view || !view.entries.some((e) => sameEntry(e, entry))) return void 0;
  return renderSharedStatus({ ...view, entries: view.entries.map((e) => sameEntry(e, entry) ? { ...entry } : e) });
}
function showsEntry(body, entry) {
  const found = parseSharedStatus(body)?.entries.find((e) => sameEntry(e, entry));
  return found !== void 0 && JSON.stringify(found) === JSON.stringify({ ...entry });
}

export {
  renderSharedStatus,
  withEntry,
  showsEntry
};
