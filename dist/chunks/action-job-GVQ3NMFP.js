import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  RECORDS_DIR,
  readFolder
} from "./chunk-JIC5PVGM.js";
import {
  writeDashboard
} from "./chunk-YT5DCV3J.js";
import "./chunk-JHNAZRZX.js";
import "./chunk-BH4CIP2B.js";
import "./chunk-AJVDQX2A.js";
import {
  parseStoredRecord
} from "./chunk-U6KCGNNF.js";
import "./chunk-N5OYCJPH.js";
import "./chunk-NIVG6WZ2.js";
import "./chunk-GJWFR67G.js";
import "./chunk-2GQDRHI5.js";
import "./chunk-ZAUMI6SE.js";

// src/dashboard/action-job.ts
var MAX_PULL_PAGES = 30;
async function mergedRelayPulls(octokit, at, records) {
  const wanted = new Set(records.map((r) => r.relay?.prUrl).filter((u) => Boolean(u)));
  const merged = /* @__PURE__ */ new Set();
  if (wanted.size === 0) return merged;
  let pages = 0;
  await octokit.paginate(
    "GET /repos/{owner}/{repo}/pulls",
    { owner: at.owner, repo: at.repo, state: "all", per_page: 100 },
    (response, done) => {
      for (const p of response.data) if (p.merged_at && wanted.has(p.html_url)) merged.add(p.html_url);
      if (++pages >= MAX_PULL_PAGES) done();
      return [];
    }
  );
  return merged;
}
async function buildDashboardFromBranch(args) {
  const files = await readFolder(args.octokit, args.at, RECORDS_DIR);
  const byId = /* @__PURE__ */ new Map();
  let skipped = 0;
  for (const f of files) {
    for (const line of f.text.split("\n")) {
      if (line.trim() === "") continue;
      const record = parseStoredRecord(line);
      if (record) byId.set(record.id, record);
      else skipped += 1;
    }
  }
  const records = [...byId.values()];
  const merged = await mergedRelayPulls(args.octokit, args.at, records);
  const file = writeDashboard(args.outDir, {
    records,
    merged,
    title: `${args.at.owner}/${args.at.repo}`,
    now: args.now
  });
  return { file, records: records.length, skipped };
}
export {
  buildDashboardFromBranch
};
