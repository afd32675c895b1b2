import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/dataset/validate.ts
var TOP_KEYS = {
  "openai-chat": ["messages"],
  "trl-sft": ["prompt", "completion"],
  dpo: ["prompt", "chosen", "rejected"]
};
var ROLES = /* @__PURE__ */ new Set(["system", "user", "assistant"]);
var OPENAI_MESSAGE_KEYS = /* @__PURE__ */ new Set(["role", "content", "name", "weight"]);
var MESSAGE_KEYS = /* @__PURE__ */ new Set(["role", "content"]);
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
function checkKeys(value, allowed, required, where) {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    return `${where}: unexpected key${extra.length === 1 ? "" : "s"} ${extra.map((k) => JSON.stringify(k)).join(", ")} (allowed: ${allowed.join(", ")})`;
  const missing = required.filter((k) => !(k in value));
  if (missing.length > 0) return `${where}: missing key${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`;
  return void 0;
}
function checkMessages(value, where, keys) {
  if (!Array.isArray(value)) return `${where} must be an array of messages, not ${describe(value)}`;
  if (value.length === 0) return `${where} must not be empty`;
  const roles = [];
  for (const [i, message] of value.entries()) {
    const at = `${where}[${i}]`;
    if (!isObject(message)) return `${at} must be an object, not ${describe(message)}`;
    const keyProblem = checkKeys(message, [...keys], ["role", "content"], at);
    if (keyProblem) return keyProblem;
    if (typeof message.role !== "string" || !ROLES.has(message.role))
      return `${at}.role must be "system", "user" or "assistant", not ${JSON.stringify(message.role)}`;
    if (typeof message.content !== "string") return `${at}.content must be a string, not ${describe(message.content)}`;
    if (message.content.trim() === "") return `${at}.content is empty`;
    if (!message.content.isWellFormed())
      return `${at}.content has an unpaired surrogate (not valid UTF-8 once written)`;
    if ("name" in message && typeof message.name !== "string") return `${at}.name must be a string`;
    if ("weight" in message && (message.role !== "assistant" || message.weight !== 0 && message.weight !== 1))
      return `${at}.weight must be 0 or 1, on assistant messages only`;
    if (message.role === "system" && i > 0) return `${at}: a system message may only come first`;
    roles.push(message.role);
  }
  return roles;
}
function checkPrompt(value, where) {
  const roles = checkMessages(value, where, MESSAGE_KEYS);
  if (typeof roles === "string") return roles;
  if (roles.at(-1) !== "user") return `${where} must end with a user message`;
  return void 0;
}
function checkAssistantOnly(value, where) {
  const roles = checkMessages(value, where, MESSAGE_KEYS);
  if (typeof roles === "string") return roles;
  if (roles.some((r) => r !== "assistant")) return `${where} must hold assistant messages only`;
  return void 0;
}
var CHECK_ROW = {
  "openai-chat": (row) => {
    const roles = checkMessages(row.messages, "messages", OPENAI_MESSAGE_KEYS);
    if (typeof roles === "string") return roles;
    if (!roles.includes("user")) return "messages has no user message";
    if (roles.at(-1) !== "assistant") return "messages must end with an assistant message";
    return void 0;
  },
  "trl-sft": (row) => checkPrompt(row.prompt, "prompt") ?? checkAssistantOnly(row.completion, "completion"),
  dpo: (row) => {
    const problem = checkPrompt(row.prompt, "prompt") ?? checkAssistantOnly(row.chosen, "chosen") ?? checkAssistantOnly(row.rejected, "rejected");
    if (problem) return problem;
    if (JSON.stringify(row.chosen) === JSON.stringify(row.rejected)) return "chosen and rejected are identical";
    return void 0;
  }
};
function validateRow(format, row) {
  if (!isObject(row)) return `a row must be a JSON object, not ${describe(row)}`;
  const keys = TOP_KEYS[format];
  return checkKeys(row, keys, keys, "row") ?? CHECK_ROW[format](row);
}
function validateJsonl(text, format, maxErrors = 10) {
  const report = { valid: 0, rows: 0, invalid: 0, errors: [], moreErrors: false };
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const fail = (line, message) => {
    report.invalid++;
    if (report.errors.length < maxErrors) report.errors.push({ line, message });
    else report.moreErrors = true;
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text2 = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text2.trim() === "") return fail(line, "blank line");
    report.rows++;
    let row;
    try {
      row = JSON.parse(text2);
    } catch (error) {
      return fail(line, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const problem = validateRow(format, row);
    if (problem) return fail(line, problem);
    report.valid++;
  });
  return report;
}

export {
  validateRow,
  validateJsonl
};
