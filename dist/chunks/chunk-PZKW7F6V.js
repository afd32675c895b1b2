import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/pipelines/pr-review/findings.ts
var SEVERITIES = ["critical", "high", "medium", "low", "nit"];
var FINDINGS_INFO = "ai-orchestra-findings";
var FINDING_LIMITS = { perAgent: 50, title: 200, body: 4e3, suggestion: 4e3, summary: 2e3 };
function severityRank(severity) {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
function fencedBlocks(text2, info) {
  const lines = text2.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end])) end++;
    if (open[2].toLowerCase() === info) blocks.push(lines.slice(i + 1, end).join("\n"));
    i = end;
  }
  return blocks;
}
function parseLenientJson(text2) {
  try {
    return JSON.parse(text2);
  } catch {
    return JSON.parse(text2.replace(/,(\s*[}\]])/g, "$1"));
  }
}
function text(value, limit) {
  if (typeof value !== "string") return "";
  const trimmed = value.trim();
  return trimmed.length > limit ? `${trimmed.slice(0, limit - 1)}\u2026` : trimmed;
}
function positiveInt(value) {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : void 0;
}
function normalizePath(path, known) {
  const plain = path.trim().replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/^\/+/, "");
  if (known && !known.has(plain) && /^[ab]\//.test(plain) && known.has(plain.slice(2))) return plain.slice(2);
  return plain;
}
function readFinding(raw, index, known) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return `finding ${index + 1}: not an object`;
  const r = raw;
  const path = typeof r.path === "string" ? normalizePath(r.path, known) : "";
  if (!path) return `finding ${index + 1}: no path`;
  const line = positiveInt(r.line);
  if (line === void 0) return `finding ${index + 1} (${path}): line is not a positive integer`;
  const severity = typeof r.severity === "string" ? r.severity.trim().toLowerCase() : "";
  if (!SEVERITIES.includes(severity))
    return `finding ${index + 1} (${path}:${line}): severity "${String(r.severity)}" is not one of ${SEVERITIES.join(", ")}`;
  const title = text(r.title, FINDING_LIMITS.title);
  const body = text(r.body, FINDING_LIMITS.body);
  if (!title && !body) return `finding ${index + 1} (${path}:${line}): no title and no body`;
  const end = positiveInt(r.end_line ?? r.endLine);
  const finding = {
    path,
    line,
    severity,
    title: title || body.split("\n", 1)[0].slice(0, FINDING_LIMITS.title),
    body
  };
  if (end !== void 0 && end > line) finding.endLine = end;
  if (typeof r.suggestion === "string" && r.suggestion.trim())
    finding.suggestion = r.suggestion.replace(/\r\n/g, "\n").replace(/\n+$/, "").slice(0, FINDING_LIMITS.suggestion);
  return finding;
}
function readBlock(block, known) {
  let data;
  try {
    data = parseLenientJson(block);
  } catch (error) {
    return {
      kind: "prose",
      reason: `its ${FINDINGS_INFO} block is not valid JSON (${error instanceof Error ? error.message : String(error)})`
    };
  }
  if (!data || typeof data !== "object" || Array.isArray(data))
    return { kind: "prose", reason: `its ${FINDINGS_INFO} block is not a JSON object` };
  const d = data;
  if (!Array.isArray(d.findings)) return { kind: "prose", reason: `its ${FINDINGS_INFO} block has no "findings" list` };
  const findings = [];
  const dropped = [];
  d.findings.forEach((raw, index) => {
    const read = readFinding(raw, index, known);
    if (typeof read === "string") dropped.push(read);
    else if (findings.length < FINDING_LIMITS.perAgent) findings.push(read);
    else dropped.push(`finding ${index + 1}: over the limit of ${FINDING_LIMITS.perAgent} findings per agent`);
  });
  return { kind: "findings", summary: text(d.summary, FINDING_LIMITS.summary), findings, dropped };
}
function parseFindings(answer, known) {
  const blocks = fencedBlocks(answer, FINDINGS_INFO);
  if (blocks.length === 0) return { kind: "prose", reason: `no ${FINDINGS_INFO} block` };
  let last;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const parsed = readBlock(blocks[i], known);
    if (parsed.kind === "findings") return parsed;
    last ??= parsed;
  }
  return last;
}

export {
  SEVERITIES,
  FINDINGS_INFO,
  severityRank,
  fencedBlocks,
  parseLenientJson,
  parseFindings
};
