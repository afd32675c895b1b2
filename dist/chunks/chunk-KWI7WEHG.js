import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  formatInteger
} from "./chunk-UI6OCMSN.js";

// src/security/markdown-tree.ts
var parser;
async function loadMarkdownParser() {
  parser ??= (await import("./markdown-parser-CN3KKWON.js")).parseGfm;
}
function parseMarkdown(text) {
  if (!parser) throw new Error("Internal error: Markdown was parsed before loadMarkdownParser() finished.");
  return parser(text);
}
function walk(node, visit, parent) {
  if (visit(node, parent) === false) return;
  if ("children" in node) for (const child of node.children) walk(child, visit, node);
}
function startOf(node) {
  return node.position?.start.offset ?? 0;
}
function endOf(node) {
  return node.position?.end.offset ?? 0;
}
function applyEdits(source, edits) {
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (edit.start < at) continue;
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

// src/security/sanitize-output.ts
var CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
function stripControls(text) {
  return text.replace(CONTROL, "");
}
function allowedHostsFor(env) {
  const hosts = /* @__PURE__ */ new Set();
  try {
    hosts.add(new URL(env.serverUrl || "https://github.com").host.toLowerCase());
  } catch {
    hosts.add("github.com");
  }
  if (hosts.has("github.com"))
    for (const host of ["user-images.githubusercontent.com", "private-user-images.githubusercontent.com"])
      hosts.add(host);
  const owner = env.repository?.split("/")[0];
  if (owner) hosts.add(`${owner.toLowerCase()}.github.io`);
  return [...hosts];
}
function allowedHostsFromEnv(env = process.env) {
  return allowedHostsFor({ serverUrl: env.GITHUB_SERVER_URL, repository: env.GITHUB_REPOSITORY });
}
function inlineCode(text) {
  const flat = text.replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
var escapeAngles = (source) => source.replace(/(?<!\\)</g, "&lt;");
var NEEDS_NEUTRALIZING = /<|\[\^|^ {0,3}(?:#|=|-|`{3}|~{3})/m;
function fenceClosed(source) {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(source);
  if (!open) return { closed: true, fence: "" };
  const fence = open[1];
  const lines = source.split("\n");
  const last = lines.length > 1 ? lines.at(-1).trim() : "";
  return { closed: last.length >= fence.length && [...last].every((c) => c === fence[0]), fence };
}
function neutralizeAgentMarkdown(text) {
  const source = stripControls(text);
  if (!NEEDS_NEUTRALIZING.test(source)) return source;
  const edits = [];
  let openFence = "";
  walk(parseMarkdown(source), (node) => {
    const range = { start: startOf(node), end: endOf(node) };
    switch (node.type) {
      case "html":
      case "text":
        if (source.slice(range.start, range.end).includes("<"))
          edits.push({ ...range, text: escapeAngles(source.slice(range.start, range.end)) });
        return false;
      case "footnoteDefinition":
      case "footnoteReference":
        edits.push({ start: range.start, end: range.start + 1, text: "\\[" });
        return node.type === "footnoteDefinition";
      case "code": {
        const fence = fenceClosed(source.slice(range.start, range.end));
        if (!fence.closed && range.end >= source.trimEnd().length) openFence = fence.fence;
        return false;
      }
      case "inlineCode":
        return false;
      case "heading":
        if (node.depth < 4 && node.children.length > 0) {
          edits.push({ start: range.start, end: startOf(node.children[0]), text: "#### " });
          edits.push({ start: endOf(node.children.at(-1)), end: range.end, text: "" });
        }
        return true;
    }
    return true;
  });
  const out = applyEdits(source, edits);
  return openFence ? `${out.trimEnd()}
${openFence}` : out;
}
var LAYOUT_TAG = /^<\/?(?:details|summary|sub|sup|br|b|i|em|strong|code|kbd|p)\s*\/?>$/i;
var OUR_MARKER = /^<!-- ai-orchestra:[^<>]*-->$/;
var HTML_PIECE = /<!--[\s\S]*?-->|<[^<>]*>?/g;
function isLayoutHtml(html) {
  return [...html.matchAll(HTML_PIECE)].every((m) => LAYOUT_TAG.test(m[0]) || OUR_MARKER.test(m[0]));
}
var MENTION = /(^|[^A-Za-z0-9_`@.\\/-])@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?)/g;
function isAllowedUrl(url, hosts) {
  if (/^mailto:/i.test(url)) return true;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//")) return true;
  try {
    const parsed = new URL(url, "https://relative.invalid");
    return /^https?:$/.test(parsed.protocol) && hosts.includes(parsed.host.toLowerCase());
  } catch {
    return false;
  }
}
function postingEdits(source, hosts) {
  const edits = [];
  walk(parseMarkdown(source), (node) => {
    const range = { start: startOf(node), end: endOf(node) };
    const raw = source.slice(range.start, range.end);
    switch (node.type) {
      case "code":
      case "inlineCode":
        return false;
      case "html":
        if (!isLayoutHtml(raw)) edits.push({ ...range, text: escapeAngles(raw) });
        return false;
      case "text": {
        const neutral = raw.replace(
          MENTION,
          (_m, before, name) => `${before}${inlineCode(`@${name}`)}`
        );
        if (neutral !== raw) edits.push({ ...range, text: neutral });
        return false;
      }
      case "image":
        if (!isAllowedUrl(node.url, hosts)) edits.push({ ...range, text: `[image: ${inlineCode(node.url)}]` });
        return false;
      case "link":
        if (isAllowedUrl(node.url, hosts)) return true;
        edits.push({
          ...range,
          text: raw === node.url || raw === `<${node.url}>` ? inlineCode(node.url) : `${inlineCode(textOf(node))} (${inlineCode(node.url)})`
        });
        return false;
      case "definition":
        if (!isAllowedUrl(node.url, hosts)) edits.push({ ...range, text: inlineCode(raw) });
        return false;
    }
    return true;
  });
  return edits;
}
function textOf(node) {
  if ("value" in node && typeof node.value === "string") return node.value;
  if (node.type === "image") return node.alt ?? "";
  return "children" in node ? node.children.map((child) => textOf(child)).join("") : "";
}
function sanitizeOutput(markdown, redactor, hosts = allowedHostsFromEnv()) {
  const source = redactor.redact(stripControls(markdown));
  return applyEdits(source, postingEdits(source, hosts));
}
function sanitizeRecordText(text, redactor) {
  return redactor.redact(stripControls(text));
}
function sanitizeRecordDeep(value, redactor) {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => typeof v === "string" ? sanitizeRecordText(v, redactor) : v)
  );
}

// src/report/markdown.ts
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  const s = ms / 1e3;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}
function formatTokens(usage) {
  const { inputTokens: i, outputTokens: o } = usage;
  if (i === void 0 && o === void 0) return void 0;
  return `${i !== void 0 ? formatInteger(i) : "?"} in / ${o !== void 0 ? formatInteger(o) : "?"} out tokens`;
}
function formatCost(usage) {
  if (usage.costUsd !== void 0) return `$${usage.costUsd.toFixed(usage.costUsd < 0.01 ? 4 : 2)}`;
  return usage.inputTokens !== void 0 || usage.outputTokens !== void 0 ? "cost unknown" : void 0;
}
function cell(text) {
  return neutralizeAgentMarkdown(text).replace(/\r?\n+/g, " ").replace(/\|/g, "\\|").trim() || " ";
}
function codeBlock(text, lang = "text") {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${text}
${fence}`;
}
function details(summary, body) {
  return `<details><summary>${summary}</summary>

${body}

</details>`;
}

export {
  loadMarkdownParser,
  parseMarkdown,
  walk,
  startOf,
  endOf,
  applyEdits,
  neutralizeAgentMarkdown,
  sanitizeOutput,
  sanitizeRecordText,
  sanitizeRecordDeep,
  formatDuration,
  formatTokens,
  formatCost,
  cell,
  codeBlock,
  details
};
