import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DATASETS_DIR,
  RECORDS_DIR,
  appendLines,
  monthFile
} from "./chunk-JIC5PVGM.js";
import {
  toStoredRecord
} from "./chunk-U6KCGNNF.js";
import {
  statusOf
} from "./chunk-N5OYCJPH.js";
import "./chunk-NIVG6WZ2.js";
import "./chunk-GJWFR67G.js";
import "./chunk-2GQDRHI5.js";
import "./chunk-ZAUMI6SE.js";

// src/records/keep.ts
import { readFileSync } from "node:fs";
function jsonLines(text) {
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}
function datasetRowsOf(result, id) {
  const rows = [];
  for (const d of result.datasets?.datasets ?? []) {
    if (!d.file) continue;
    const data = jsonLines(readFileSync(d.file, "utf8"));
    const meta = d.metaFile ? jsonLines(readFileSync(d.metaFile, "utf8")) : [];
    data.forEach(
      (row, i) => rows.push({ store: 1, run: id, format: d.format, at: result.finishedAt, meta: meta[i] ?? {}, row })
    );
  }
  return rows;
}
async function keepRunRecord(args) {
  const result = JSON.parse(readFileSync(args.resultFile, "utf8"));
  const stored = toStoredRecord(result, args.id, args.redactor);
  const message = `Record ${stored.pipeline} on #${stored.issue.number} (${stored.status})`;
  const path = monthFile(RECORDS_DIR, stored.startedAt);
  await appendLines(args.octokit, args.at, path, [JSON.stringify(stored)], message);
  const rows = datasetRowsOf(result, args.id).map((r) => JSON.stringify(args.redactor.redactDeep(r)));
  await appendLines(
    args.octokit,
    args.at,
    monthFile(DATASETS_DIR, stored.startedAt),
    rows,
    `Dataset rows of #${stored.issue.number}`
  );
  return { path, datasetRows: rows.length };
}
async function keepRecordIfConfigured(args) {
  if (!args.branch) return;
  try {
    const kept = await keepRunRecord({ ...args, at: { owner: args.owner, repo: args.repo, branch: args.branch } });
    args.info(
      `Kept the run's record in ${kept.path} on ${args.branch}${kept.datasetRows ? ` (and ${kept.datasetRows} dataset rows)` : ""}.`
    );
  } catch (error) {
    const status = statusOf(error);
    const hint = status === 403 || status === 404 ? " The job needs `permissions: contents: write` to keep records." : "";
    args.warn(
      `Could not keep the run's record on the branch ${args.branch}: ${error instanceof Error ? error.message : String(error)}.${hint}`
    );
  }
}
export {
  datasetRowsOf,
  keepRecordIfConfigured,
  keepRunRecord
};
