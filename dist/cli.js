#!/usr/bin/env node
import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DATASET_FORMATS,
  DEFAULT_CONFIG_PATH,
  GitHubReporter,
  LocalReporter,
  agentsOf,
  dashboardCommand,
  describeMissing,
  execute,
  findMissingPrograms,
  gitHubAccess,
  gitHubClients,
  isDatasetFormat,
  keepLocally,
  loadConfig,
  loadRunContext,
  pipelineNamed,
  readLocalRecords,
  readTuning,
  redactorFor,
  routeEvent,
  routeLookups,
  runDirectory,
  secretsGivenToAgents,
  systemClock,
  terminalLogger,
  toJsonl,
  validateJsonl,
  validateRow
} from "./chunks/chunk-RLS4JDE6.js";
import "./chunks/chunk-SCFKPOYR.js";
import "./chunks/chunk-WNMJTWZ6.js";
import "./chunks/chunk-ZAUMI6SE.js";

// src/cli.ts
import { join as join2, resolve as resolve2 } from "node:path";
import { parseArgs as parseArgs3 } from "node:util";

// src/validate-dataset.ts
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
var VALIDATE_USAGE = `Usage: ai-orchestra-action validate-dataset <file.jsonl> --format <${DATASET_FORMATS.join("|")}> [--max-errors <n>]

  Checks that every line is one JSON object in exactly the shape the format's trainers accept:
    openai-chat  {"messages":[{"role":"system"|"user"|"assistant","content":...}, ...]} ending with an assistant message
    trl-sft      {"prompt":[..., user message],"completion":[assistant message(s)]}
    dpo          {"prompt":[..., user message],"chosen":[assistant message(s)],"rejected":[assistant message(s)]}
  No other top-level keys; messages have role and content (openai-chat also allows name and weight).

  Exit status: 0 when every line is valid, 1 when some are not (the first --max-errors are listed, default 10),
  2 on a usage error or an unreadable file.`;
function validateDatasetCommand(argv, out = console) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string", short: "f" }, "max-errors": { type: "string" }, help: { type: "boolean", short: "h", default: false } }
    });
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}

${VALIDATE_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.log(VALIDATE_USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  const format = values.format ?? "";
  const maxErrors = Number(values["max-errors"] ?? 10);
  if (!file || extra.length > 0 || !isDatasetFormat(format) || !Number.isInteger(maxErrors) || maxErrors < 1) {
    const why = !file || extra.length > 0 ? "give exactly one file" : !isDatasetFormat(format) ? `--format must be one of ${DATASET_FORMATS.join(", ")}` : "--max-errors must be a positive whole number";
    out.error(`${why}

${VALIDATE_USAGE}`);
    return 2;
  }
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    out.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const report = validateJsonl(text, format, maxErrors);
  if (report.rows === 0 && report.errors.length === 0) {
    out.error(`${file}: no rows; a ${format} dataset needs at least one line.`);
    return 1;
  }
  if (report.errors.length === 0) {
    out.log(`${file}: ${report.valid} row${report.valid === 1 ? "" : "s"}, all valid ${format}.`);
    return 0;
  }
  for (const e of report.errors) out.error(`${file}:${e.line}: ${e.message}`);
  const shown = report.moreErrors ? ` (the first ${report.errors.length} shown)` : "";
  out.error(`${file}: not a valid ${format} dataset: ${report.invalid} invalid line${report.invalid === 1 ? "" : "s"}${shown}; ${report.valid} of ${report.rows} rows valid.`);
  return 1;
}

// src/records/dataset-collect.ts
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs as parseArgs2 } from "node:util";
var sha256 = (text) => createHash("sha256").update(text).digest("hex");
function collectFormat(format, all) {
  const rows = all.filter((r) => r.format === format).sort((a, b) => a.at.localeCompare(b.at) || a.run.localeCompare(b.run));
  const byHash = /* @__PURE__ */ new Map();
  const invalid = [];
  let duplicates = 0;
  for (const r of rows) {
    const problem = validateRow(format, r.row);
    if (problem) {
      invalid.push({ run: r.run, problem });
      continue;
    }
    const hash = sha256(JSON.stringify(r.row));
    const seen = byHash.get(hash);
    if (seen) {
      duplicates += 1;
      if (!seen.meta.runs.includes(r.run)) seen.meta.runs.push(r.run);
      continue;
    }
    byHash.set(hash, { row: r.row, meta: { ...r.meta, sha256: hash, runs: [r.run], firstSeen: r.at } });
  }
  const kept = [...byHash.values()];
  const text = toJsonl(kept.map((k) => k.row));
  return { format, rows: kept.map((k) => k.row), meta: kept.map((k) => k.meta), duplicates, invalid, sha256: sha256(text) };
}
function writeCollected(out, collected, now) {
  mkdirSync(out, { recursive: true });
  const manifestFile = join(out, "manifest.json");
  const previous = existsSync(manifestFile) ? JSON.parse(readFileSync2(manifestFile, "utf8")) : void 0;
  const present = collected.filter((c) => c.rows.length > 0);
  const changed = !previous || present.length !== Object.keys(previous.formats).length || present.some((c) => previous.formats[c.format]?.sha256 !== c.sha256);
  if (!changed) return { manifest: previous, changed };
  const version = (previous?.version ?? 0) + 1;
  const manifest = { version, builtAt: now.toISOString(), formats: {} };
  for (const c of present) {
    const file = `${c.format}.v${version}.jsonl`;
    const meta = `${c.format}.v${version}.meta.jsonl`;
    const text = toJsonl(c.rows);
    const report = validateJsonl(text, c.format);
    if (report.invalid > 0) throw new Error(`${file} would not validate: line ${report.errors[0]?.line}: ${report.errors[0]?.message}`);
    writeFileSync(join(out, file), text);
    writeFileSync(join(out, meta), toJsonl(c.meta));
    manifest.formats[c.format] = { file, meta, rows: c.rows.length, sha256: c.sha256, duplicatesDropped: c.duplicates, invalidDropped: c.invalid.length };
  }
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}
`);
  return { manifest, changed };
}
var COLLECT_USAGE = `Usage: ai-orchestra-action dataset collect --records <dir|file>... [--out <dir>]

  Merges the persona-data rows kept on the data branch (a checkout of it, or its datasets/*.jsonl) into one dataset
  per format: <format>.v<N>.jsonl (what a trainer reads), <format>.v<N>.meta.jsonl (each row's hash, the runs that
  produced it, its provenance) and manifest.json. Rows are deduplicated across runs and validated as validate-dataset
  does; N goes up when the content changed. Default --out: datasets/.`;
function datasetCollectCommand(argv) {
  const { values } = parseArgs2({ args: argv, options: { records: { type: "string", multiple: true }, out: { type: "string", default: "datasets" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help || !values.records?.length) {
    console.log(COLLECT_USAGE);
    return values.help ? 0 : 2;
  }
  const { datasetRows } = readLocalRecords(values.records.map((p) => resolve(p)));
  const collected = DATASET_FORMATS.map((f) => collectFormat(f, datasetRows));
  const { manifest, changed } = writeCollected(resolve(values.out ?? "datasets"), collected, /* @__PURE__ */ new Date());
  for (const c of collected) {
    for (const bad of c.invalid.slice(0, 5)) console.error(`Dropped an invalid ${c.format} row of ${bad.run}: ${bad.problem}`);
    if (c.rows.length > 0) console.log(`${c.format}: ${c.rows.length} rows (${c.duplicates} duplicates and ${c.invalid.length} invalid rows dropped)`);
  }
  console.log(`${changed ? "wrote" : "unchanged:"} version ${manifest.version} in ${resolve(values.out ?? "datasets")}`);
  return 0;
}

// src/cli.ts
var USAGE = `Usage: ai-orchestra-action run --event <payload.json> [--config <file>] [--dry-run] [--working-directory <dir>] [--out <dir>]
       ai-orchestra-action validate-dataset <file.jsonl> --format <openai-chat|trl-sft|dpo>   (see validate-dataset --help)
       ai-orchestra-action dashboard --records <dir>... [--out <dir>]   (see dashboard --help)
       ai-orchestra-action dataset collect --records <dir>... [--out <dir>]   (see dataset collect --help)

  --event              an issues.labeled webhook payload (JSON)
  --config             config file (default: ${DEFAULT_CONFIG_PATH} if present, else built-in defaults)
  --dry-run            post nothing: comments are printed and written to --out; no token needed
  --working-directory  where the agents run (default: the current folder)
  --out                folder for comments, logs and result.json (default: .ai-orchestra/)

Without --dry-run, GITHUB_TOKEN must be set; comments are posted to the issue in the payload.
persona-data writes its datasets to the config's output-dir below the current folder (no artifact upload locally).
relay-pipeline's agents edit a copy of --working-directory (a git checkout), which stays as it was; their change
is committed on the local branch ai-orchestra/issue-<n> and written to <out>/<run>/changes.patch; without
--dry-run the branch is also pushed to origin and a pull request opened.`;
async function main(argv) {
  if (argv[0] === "validate-dataset") return validateDatasetCommand(argv.slice(1));
  if (argv[0] === "dashboard") return dashboardCommand(argv.slice(1));
  if (argv[0] === "dataset" && argv[1] === "collect") return datasetCollectCommand(argv.slice(2));
  const { values, positionals } = parseArgs3({
    args: argv,
    allowPositionals: true,
    options: {
      event: { type: "string" },
      config: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "working-directory": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false }
    }
  });
  if (values.help || positionals[0] !== "run" || !values.event) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const dryRun = values["dry-run"] ?? false;
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? "";
  if (!dryRun && !token) {
    console.error("GITHUB_TOKEN is not set. Set it to post to GitHub, or add --dry-run to write the comments locally.");
    return 2;
  }
  const ctx = loadRunContext({ ...process.env, GITHUB_WORKSPACE: process.cwd() }, { eventPath: resolve2(values.event) });
  const config = loadConfig(resolve2(values.config ?? DEFAULT_CONFIG_PATH), { required: values.config !== void 0 });
  const log = terminalLogger();
  const clients = token ? gitHubClients(token, readTuning(process.env), log) : void 0;
  const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
  if (route.kind === "skip") {
    console.log(`Nothing to do: ${route.reason}.`);
    return 0;
  }
  const definition = pipelineNamed(route.pipeline);
  const agents = agentsOf(definition, config);
  const missing = findMissingPrograms(agents, process.env.PATH ?? "");
  if (missing.length === agents.length) {
    console.error(`None of the AI CLIs this run needs is installed:
${describeMissing(missing)}`);
    return 3;
  }
  if (missing.length > 0) console.error(`Warning: these agents will fail:
${describeMissing(missing)}`);
  const redactor = redactorFor(token, process.env, secretsGivenToAgents(Object.values(config.agents), process.env));
  const dir = runDirectory(resolve2(values.out ?? ".ai-orchestra"), ctx, route.issue.number);
  const marker = { runId: ctx.runId, pipeline: route.pipeline };
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const onGitHub = !dryRun && clients !== void 0;
  const access = clients && gitHubAccess(clients.octokit, repo, { serverUrl: ctx.serverUrl, token }, redactor, log);
  const sink = onGitHub ? new GitHubReporter(clients.octokit, { ...repo, number: route.issue.number }, marker, redactor, { log }) : new LocalReporter(join2(dir, "comments"), marker, redactor, (text) => console.log(text));
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  const { outcome, resultFile, localReport } = await execute(
    definition,
    {
      ctx,
      config,
      log,
      clock: systemClock,
      redactor,
      sink,
      dir,
      root: process.cwd(),
      workingDirectory: resolve2(values["working-directory"] ?? "."),
      env: process.env,
      signal: controller.signal,
      github: onGitHub ? access : void 0,
      // --dry-run posts nothing but may read what it works on (a pull request's diff) when there is a token.
      githubReads: access,
      artifacts: { publish: keepLocally },
      configFile: resolve2(values.config ?? DEFAULT_CONFIG_PATH)
    },
    route
  );
  const extra = localReport.map((line) => `
${line}`).join("");
  console.log(`
${route.pipeline} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ""}${extra}
result: ${resultFile}`);
  return outcome.status === "success" ? 0 : 1;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
);
