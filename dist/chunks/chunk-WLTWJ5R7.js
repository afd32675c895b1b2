import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  withTrailer
} from "./chunk-KR657CVH.js";
import {
  composeComment,
  fitForSanitizing
} from "./chunk-PODBMNDR.js";
import {
  sanitizeOutput
} from "./chunk-KWI7WEHG.js";

// src/sinks/local.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var LocalReporter = class {
  constructor(dir, run, redactor, print) {
    this.dir = dir;
    this.run = run;
    this.redactor = redactor;
    this.print = print;
    mkdirSync(dir, { recursive: true });
  }
  dir;
  run;
  redactor;
  print;
  comments = /* @__PURE__ */ new Map();
  labels = [];
  order = [];
  async acknowledge() {
    this.print("[dry-run] would react \u{1F440} to the issue");
  }
  async upsertComment(key, body, own) {
    const composed = composeComment(
      { ...this.run, key, ...own?.session ? { session: own.session } : {} },
      withTrailer(sanitizeOutput(fitForSanitizing(body), this.redactor), own),
      body.length
    ).body;
    if (!this.order.includes(key)) this.order.push(key);
    this.comments.set(key, composed);
    const file = join(
      this.dir,
      `${String(this.order.indexOf(key) + 1).padStart(2, "0")}-${key.replace(/[^A-Za-z0-9_.-]/g, "_")}.md`
    );
    writeFileSync(file, composed);
    if (key !== "status") this.print(`
\u2500\u2500\u2500\u2500 [dry-run] comment "${key}" (${file}) \u2500\u2500\u2500\u2500
${composed}
`);
    return { url: file };
  }
  async readComment(key) {
    return this.comments.get(key);
  }
  async addLabel(name) {
    this.labels.push(name);
    this.print(`[dry-run] would add the label "${name}"`);
  }
};

export {
  LocalReporter
};
