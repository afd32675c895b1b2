#!/usr/bin/env node
import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  LocalReporter
} from "./chunks/chunk-WLTWJ5R7.js";
import {
  GitHubReporter,
  agentsOf,
  describeMissing,
  execute,
  findMissingPrograms,
  folderSessionBackend,
  runDirectory,
  systemClock
} from "./chunks/chunk-T5PDN57G.js";
import {
  routeEvent,
  routeLookups,
  terminalLogger
} from "./chunks/chunk-5VIJE3JM.js";
import {
  gitHubAccess
} from "./chunks/chunk-VB7WGPQF.js";
import {
  TerminalProgress,
  emptyIssueReason
} from "./chunks/chunk-I2RUHTMR.js";
import {
  ConfigError,
  closestKey,
  loadConfig
} from "./chunks/chunk-VE3LB2ZG.js";
import {
  pipelineNamed
} from "./chunks/chunk-KR657CVH.js";
import {
  dashboardCommand,
  readLocalRecords
} from "./chunks/chunk-YT5DCV3J.js";
import {
  redactorFor
} from "./chunks/chunk-JHNAZRZX.js";
import {
  validateJsonl,
  validateRow
} from "./chunks/chunk-LM5IIIQJ.js";
import {
  DATASET_FORMATS,
  isDatasetFormat,
  toJsonl
} from "./chunks/chunk-NB3O4JBA.js";
import {
  keepLocally
} from "./chunks/chunk-LKSFJIHI.js";
import "./chunks/chunk-TNPHJUMN.js";
import "./chunks/chunk-PZKW7F6V.js";
import "./chunks/chunk-AR74CZUM.js";
import "./chunks/chunk-56CIGAYU.js";
import "./chunks/chunk-R4TDBKOL.js";
import "./chunks/chunk-LR46CNHU.js";
import "./chunks/chunk-BH4CIP2B.js";
import "./chunks/chunk-VQW6KYSI.js";
import {
  DEFAULT_CONFIG_PATH,
  loadRunContext,
  readTuning
} from "./chunks/chunk-ERKF2CLS.js";
import "./chunks/chunk-5G2TKJCC.js";
import "./chunks/chunk-PI3LH6V5.js";
import {
  secretsGivenToAgents
} from "./chunks/chunk-XTWSEDL7.js";
import "./chunks/chunk-OOQD5VNY.js";
import "./chunks/chunk-7FWCJGND.js";
import {
  killAllRunning
} from "./chunks/chunk-6PUVZC3Q.js";
import "./chunks/chunk-PODBMNDR.js";
import "./chunks/chunk-ERVVLCZQ.js";
import "./chunks/chunk-MIUJ3WOL.js";
import "./chunks/chunk-YBUMR2VQ.js";
import "./chunks/chunk-AJVDQX2A.js";
import "./chunks/chunk-U6KCGNNF.js";
import "./chunks/chunk-RRRZR3CE.js";
import {
  apiBaseUrl,
  createOctokit,
  gitHubClients,
  statusOf,
  transportFailure
} from "./chunks/chunk-N5OYCJPH.js";
import "./chunks/chunk-NIVG6WZ2.js";
import "./chunks/chunk-GJWFR67G.js";
import "./chunks/chunk-2GQDRHI5.js";
import "./chunks/chunk-INKC534X.js";
import "./chunks/chunk-ESIXY7EP.js";
import {
  loadMarkdownParser
} from "./chunks/chunk-KWI7WEHG.js";
import "./chunks/chunk-UI6OCMSN.js";
import "./chunks/chunk-ZAUMI6SE.js";

// src/cli.ts
import { join as join3, resolve as resolve3 } from "node:path";

// src/cli/args.ts
import { parseArgs } from "node:util";
var RUN_USAGE = `Usage: ai-orchestra-action run (--event <payload.json> | --label <pipeline label> --title <text> [--body <text> | --body-file <file>] [--repo <owner/name>]) [options]
       ai-orchestra-action validate-dataset <file.jsonl> --format <openai-chat|trl-sft|dpo>   (see validate-dataset --help)
       ai-orchestra-action dashboard --records <dir>... [--out <dir>]   (see dashboard --help)
       ai-orchestra-action dataset collect --records <dir>... [--out <dir>]   (see dataset collect --help)
       ai-orchestra-action --version

The issue, either from a webhook payload or from flags:
  --event              an issues.labeled (or issue_comment, workflow_dispatch) webhook payload (JSON)
  --label              the label that starts a pipeline: ai-review, relay-pipeline or persona-data
  --title, --body      the issue's title and body (--body-file reads the body from a file)
  --repo               owner/name of the repository the issue belongs to (default: local/repository)
  --issue              the issue's number (default: 1)

Options:
  --config             config file (default: ${DEFAULT_CONFIG_PATH} if present, else built-in defaults)
  --dry-run            post nothing: comments are printed and written to --out; no token needed
  --working-directory  where the agents run (default: the current folder)
  --out                folder for comments, logs and result.json (default: .ai-orchestra/)
  --version            print the version and exit
  -h, --help           print this help

Without --dry-run, GITHUB_TOKEN must be set; comments are posted to the issue in the payload.
persona-data writes its datasets to the config's output-dir below the current folder (no artifact upload locally).
relay-pipeline's agents edit a copy of --working-directory (a git checkout), which stays as it was; their change
is committed on the local branch ai-orchestra/issue-<n> and written to <out>/<run>/changes.patch; without
--dry-run the branch is also pushed to origin and a pull request opened.
Exit status: 0 success, 1 the pipeline failed, 2 a usage or set-up error, 3 no AI CLI installed, 130 interrupted (Ctrl-C).`;
var RUN_OPTIONS = {
  event: { type: "string" },
  label: { type: "string" },
  title: { type: "string" },
  body: { type: "string" },
  "body-file": { type: "string" },
  repo: { type: "string" },
  issue: { type: "string" },
  config: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  "working-directory": { type: "string" },
  out: { type: "string" },
  version: { type: "boolean", short: "v", default: false },
  help: { type: "boolean", short: "h", default: false }
};
var COMMANDS = ["run", "validate-dataset", "dashboard", "dataset"];
function describeParseError(error) {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown) {
    const name = unknown.replace(/^-+/, "");
    const hint = closestKey(name, Object.keys(RUN_OPTIONS));
    return `unknown option ${unknown}${hint ? ` (did you mean --${hint}?)` : ""}`;
  }
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message)?.[1];
  if (missing) return `option ${missing} needs a value`;
  return message.split("\n")[0];
}
function parseCommandLine(argv) {
  if (argv[0] === "validate-dataset") return { kind: "validate-dataset", argv: argv.slice(1) };
  if (argv[0] === "dashboard") return { kind: "dashboard", argv: argv.slice(1) };
  if (argv[0] === "dataset" && argv[1] === "collect") return { kind: "dataset-collect", argv: argv.slice(2) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: RUN_OPTIONS });
  } catch (error) {
    return { kind: "usage-error", message: describeParseError(error) };
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: "version" };
  if (values.help) return { kind: "help" };
  const [command, ...extra] = positionals;
  if (command === void 0) return { kind: "usage-error", message: "no command given" };
  if (command !== "run") {
    const hint = closestKey(command, COMMANDS);
    return { kind: "usage-error", message: `unknown command "${command}"${hint ? ` (did you mean "${hint}"?)` : ""}` };
  }
  if (extra.length > 0) return { kind: "usage-error", message: `unexpected argument "${extra[0]}"` };
  const flags = {
    label: values.label,
    title: values.title,
    body: values.body,
    bodyFile: values["body-file"],
    repo: values.repo,
    issue: values.issue
  };
  const fromFlags = Object.values(flags).some((v) => v !== void 0);
  if (values.event && fromFlags)
    return { kind: "usage-error", message: "give either --event or --label/--title/--body, not both" };
  if (!values.event && !fromFlags)
    return { kind: "usage-error", message: "no issue given: use --event <payload.json>, or --label and --title" };
  if (flags.body !== void 0 && flags.bodyFile !== void 0)
    return { kind: "usage-error", message: "give either --body or --body-file, not both" };
  return {
    kind: "run",
    args: {
      event: values.event,
      flags,
      config: values.config,
      dryRun: values["dry-run"] ?? false,
      workingDirectory: values["working-directory"],
      out: values.out
    }
  };
}

// src/cli/event-from-flags.ts
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var FlagError = class extends Error {
};
var REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
function isRepositoryName(repo) {
  return REPO_NAME.test(repo) && repo.split("/").every((part) => part !== "." && part !== "..");
}
function checkRepositoryAgrees(fromEnv, given) {
  if (!fromEnv || typeof given !== "string" || !given) return;
  if (fromEnv.toLowerCase() !== given.toLowerCase())
    throw new FlagError(
      `GITHUB_REPOSITORY is ${fromEnv} but the run is about ${given}; unset GITHUB_REPOSITORY or make them agree.`
    );
}
function checkLabel(label, config) {
  const labels = Object.values(config.pipelines).map((p) => p.label);
  if (labels.includes(label)) return;
  const hint = closestKey(label, labels);
  throw new FlagError(
    `--label "${label}" starts no pipeline${hint ? ` (did you mean "${hint}"?)` : ""}; labels: ${labels.join(", ")}`
  );
}
function payloadFromFlags(flags, sender) {
  if (!flags.label)
    throw new FlagError("--label is missing: the label names the pipeline (ai-review, relay-pipeline or persona-data)");
  if (flags.title === void 0) throw new FlagError("--title is missing: the issue needs a title");
  const repo = flags.repo ?? "local/repository";
  if (!isRepositoryName(repo)) throw new FlagError(`--repo "${repo}" is not of the form owner/name`);
  const number = Number(flags.issue ?? "1");
  if (!Number.isInteger(number) || number <= 0)
    throw new FlagError(`--issue "${flags.issue}" is not a positive issue number`);
  let body = flags.body ?? "";
  if (flags.bodyFile !== void 0) {
    try {
      body = readFileSync(flags.bodyFile, "utf8");
    } catch (error) {
      throw new FlagError(
        `--body-file ${flags.bodyFile}: ${error.code === "ENOENT" ? "no such file" : String(error.message)}`
      );
    }
  }
  const [owner, name] = repo.split("/");
  const html = `https://github.com/${repo}`;
  return {
    action: "labeled",
    label: { name: flags.label },
    issue: {
      number,
      title: flags.title,
      body,
      html_url: `${html}/issues/${number}`,
      state: "open",
      user: { login: sender, type: "User" },
      labels: [{ name: flags.label }]
    },
    repository: { full_name: repo, name, owner: { login: owner }, html_url: html, default_branch: "main" },
    sender: { login: sender, type: "User" }
  };
}
function writePayloadFile(payload) {
  const file = join(mkdtempSync(join(tmpdir(), "ai-orchestra-event-")), "event.json");
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}
`);
  return file;
}

// src/preflight/folders.ts
import { existsSync, lstatSync, mkdirSync, rmSync, statSync, writeFileSync as writeFileSync2 } from "node:fs";
import { dirname, resolve, sep } from "node:path";
var FolderError = class extends Error {
};
var VIRTUAL_ROOTS = ["/proc", "/sys", "/dev"];
function describe(error) {
  const code = error.code;
  switch (code) {
    case "EROFS":
      return "the file system is read-only";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "ENOSPC":
      return "no space left on the device";
    case "EEXIST":
      return "a file of that name is already there (a link a repository committed?)";
    default:
      return `${code ?? ""} ${error.message}`.trim();
  }
}
function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
function checkWorkingDirectory(path) {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new FolderError(`--working-directory ${dir} does not exist.`);
  if (!statSync(dir).isDirectory()) throw new FolderError(`--working-directory ${dir} is a file, not a folder.`);
  return dir;
}
function prepareOutFolder(path) {
  const dir = resolve(path);
  const virtual = VIRTUAL_ROOTS.find((root) => dir === root || dir.startsWith(root + sep));
  if (virtual)
    throw new FolderError(
      `--out ${dir}: ${virtual} is a kernel file system, not a place for files; choose another folder.`
    );
  if (isLink(dir)) throw new FolderError(`--out ${dir} is a symbolic link; give the folder itself.`);
  const missing = [];
  let existing = dir;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    existing = dirname(existing);
  }
  if (!statSync(existing).isDirectory()) throw new FolderError(`--out ${dir}: ${existing} is a file, not a folder.`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      throw new FolderError(`--out ${dir}: cannot create ${folder}: ${describe(error)}.`);
    }
  }
  if (missing.length > 0)
    writeFileSync2(resolve(dir, ".gitignore"), "# Written by ai-orchestra-action: run output, not for commits.\n*\n", {
      flag: "wx"
    });
  const probe = resolve(dir, `.ai-orchestra-write-check-${process.pid}`);
  try {
    writeFileSync2(probe, "", { flag: "wx" });
    rmSync(probe, { force: true });
  } catch (error) {
    throw new FolderError(`--out ${dir}: cannot write there: ${describe(error)}.`);
  }
  return dir;
}

// src/preflight/github-access.ts
var GitHubAccessError = class extends Error {
};
async function checkGitHubAccess(octokit, repo, apiUrl) {
  const host = new URL(apiUrl).host;
  try {
    await octokit.rest.repos.get({ ...repo, request: { retries: 0 } });
  } catch (error) {
    const transport = transportFailure(error);
    if (transport)
      throw new GitHubAccessError(
        `cannot reach ${host}: ${transport}. Nothing was run; check the network, or add --dry-run.`
      );
    const status = statusOf(error);
    const repoName = `${repo.owner}/${repo.repo}`;
    if (status === 401)
      throw new GitHubAccessError(`GitHub (${host}) rejected the token (401 Bad credentials). Nothing was run.`);
    if (status === 404 || status === 403)
      throw new GitHubAccessError(
        `the token cannot read ${repoName} on ${host} (${status}). Nothing was run; check --repo or the payload's repository.`
      );
    throw new GitHubAccessError(`GitHub (${host}) answered ${status} to reading ${repoName}. Nothing was run.`);
  }
}

// src/records/dataset-collect.ts
import { createHash } from "node:crypto";
import { existsSync as existsSync2, mkdirSync as mkdirSync2, readFileSync as readFileSync2, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join2, resolve as resolve2 } from "node:path";
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
  return {
    format,
    rows: kept.map((k) => k.row),
    meta: kept.map((k) => k.meta),
    duplicates,
    invalid,
    sha256: sha256(text)
  };
}
function writeCollected(out, collected, now) {
  mkdirSync2(out, { recursive: true });
  const manifestFile = join2(out, "manifest.json");
  const previous = existsSync2(manifestFile) ? JSON.parse(readFileSync2(manifestFile, "utf8")) : void 0;
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
    if (report.invalid > 0)
      throw new Error(`${file} would not validate: line ${report.errors[0]?.line}: ${report.errors[0]?.message}`);
    writeFileSync3(join2(out, file), text);
    writeFileSync3(join2(out, meta), toJsonl(c.meta));
    manifest.formats[c.format] = {
      file,
      meta,
      rows: c.rows.length,
      sha256: c.sha256,
      duplicatesDropped: c.duplicates,
      invalidDropped: c.invalid.length
    };
  }
  writeFileSync3(manifestFile, `${JSON.stringify(manifest, null, 2)}
`);
  return { manifest, changed };
}
var COLLECT_USAGE = `Usage: ai-orchestra-action dataset collect --records <dir|file>... [--out <dir>]

  Merges the persona-data rows kept on the data branch (a checkout of it, or its datasets/*.jsonl) into one dataset
  per format: <format>.v<N>.jsonl (what a trainer reads), <format>.v<N>.meta.jsonl (each row's hash, the runs that
  produced it, its provenance) and manifest.json. Rows are deduplicated across runs and validated as validate-dataset
  does; N goes up when the content changed. Default --out: datasets/.`;
function datasetCollectCommand(argv) {
  const { values } = parseArgs2({
    args: argv,
    options: {
      records: { type: "string", multiple: true },
      out: { type: "string", default: "datasets" },
      help: { type: "boolean", short: "h", default: false }
    }
  });
  if (values.help || !values.records?.length) {
    console.log(COLLECT_USAGE);
    return values.help ? 0 : 2;
  }
  const { datasetRows } = readLocalRecords(values.records.map((p) => resolve2(p)));
  const collected = DATASET_FORMATS.map((f) => collectFormat(f, datasetRows));
  const { manifest, changed } = writeCollected(resolve2(values.out ?? "datasets"), collected, /* @__PURE__ */ new Date());
  for (const c of collected) {
    for (const bad of c.invalid.slice(0, 5))
      console.error(`Dropped an invalid ${c.format} row of ${bad.run}: ${bad.problem}`);
    if (c.rows.length > 0)
      console.log(
        `${c.format}: ${c.rows.length} rows (${c.duplicates} duplicates and ${c.invalid.length} invalid rows dropped)`
      );
  }
  console.log(
    `${changed ? "wrote" : "unchanged:"} version ${manifest.version} in ${resolve2(values.out ?? "datasets")}`
  );
  return 0;
}

// src/validate-dataset.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { parseArgs as parseArgs3 } from "node:util";
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
    parsed = parseArgs3({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f" },
        "max-errors": { type: "string" },
        help: { type: "boolean", short: "h", default: false }
      }
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
    text = readFileSync3(file, "utf8");
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
  out.error(
    `${file}: not a valid ${format} dataset: ${report.invalid} invalid line${report.invalid === 1 ? "" : "s"}${shown}; ${report.valid} of ${report.rows} rows valid.`
  );
  return 1;
}

// src/cli.ts
var VERSION = true ? "0.1.0" : "development";
var SETUP_ERRORS = [FlagError, FolderError, GitHubAccessError, ConfigError];
async function main(argv) {
  await loadMarkdownParser();
  const parsed = parseCommandLine(argv);
  switch (parsed.kind) {
    case "validate-dataset":
      return validateDatasetCommand(parsed.argv);
    case "dashboard":
      return dashboardCommand(parsed.argv);
    case "dataset-collect":
      return datasetCollectCommand(parsed.argv);
    case "help":
      console.log(RUN_USAGE);
      return 0;
    case "version":
      console.log(`ai-orchestra-action ${VERSION}`);
      return 0;
    case "usage-error":
      console.error(`ai-orchestra-action: ${parsed.message}
Run "ai-orchestra-action --help" for the options.`);
      return 2;
  }
  try {
    return await runLocally(parsed.args);
  } catch (error) {
    if (SETUP_ERRORS.some((kind) => error instanceof kind)) {
      console.error(`ai-orchestra-action: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
async function runLocally(values) {
  const dryRun = values.dryRun;
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? "";
  if (!dryRun && !token) {
    console.error("GITHUB_TOKEN is not set. Set it to post to GitHub, or add --dry-run to write the comments locally.");
    return 2;
  }
  const workingDirectory = checkWorkingDirectory(values.workingDirectory ?? ".");
  const configFile = resolve3(values.config ?? DEFAULT_CONFIG_PATH);
  const config = await loadConfig(configFile, { required: values.config !== void 0 });
  let eventPath = values.event && resolve3(values.event);
  if (!eventPath) {
    checkLabel(values.flags.label ?? "", config);
    eventPath = writePayloadFile(payloadFromFlags(values.flags, process.env.USER || "local-user"));
  }
  const ctx = loadRunContext({ ...process.env, GITHUB_WORKSPACE: process.cwd() }, { eventPath });
  checkRepositoryAgrees(
    process.env.GITHUB_REPOSITORY,
    ctx.payload.repository?.full_name
  );
  const progress = new TerminalProgress((line) => process.stderr.write(`${line}
`), {
    tty: process.stderr.isTTY === true
  });
  const log = terminalLogger(void 0, {
    agentStarted: (event) => progress.started(event),
    agentFinished: (event) => progress.finished(event.run)
  });
  const clients = token ? gitHubClients(token, readTuning(process.env), log) : void 0;
  const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
  if (route.kind === "skip") {
    console.log(`Nothing to do: ${route.reason}.`);
    return 0;
  }
  const empty = emptyIssueReason(route.issue, config.settings.allowEmptyIssue ?? false);
  if (empty) {
    console.log(`Nothing to do: ${empty}.`);
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
  const out = prepareOutFolder(values.out ?? ".ai-orchestra");
  if (!dryRun)
    await checkGitHubAccess(
      createOctokit(token, { requestTimeoutMs: 1e4, maxRateLimitRetries: 0, unthrottled: true }),
      { owner: ctx.owner, repo: ctx.repo },
      apiBaseUrl()
    );
  const redactor = redactorFor(token, process.env, secretsGivenToAgents(Object.values(config.agents), process.env));
  const dir = runDirectory(out, ctx, route.issue.number);
  const marker = { runId: ctx.runId, pipeline: route.pipeline };
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const onGitHub = !dryRun && clients !== void 0;
  const access = clients && gitHubAccess(clients.octokit, repo, { serverUrl: ctx.serverUrl, token }, redactor, log);
  const sink = onGitHub ? new GitHubReporter(clients.octokit, { ...repo, number: route.issue.number }, marker, redactor, { log }) : new LocalReporter(join3(dir, "comments"), marker, redactor, (text) => console.log(text));
  const controller = new AbortController();
  const interruption = interruptOnCtrlC(controller);
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
      workingDirectory,
      env: process.env,
      signal: controller.signal,
      github: onGitHub ? access : void 0,
      // --dry-run posts nothing but may read what it works on (a pull request's diff) when there is a token.
      githubReads: access,
      artifacts: { publish: keepLocally },
      configFile,
      sessionBackend: folderSessionBackend(join3(out, "sessions")),
      mentionStarter: false
    },
    route
  );
  const details = `${localReport.map((line) => `
${line}`).join("")}
result: ${resultFile}`;
  console.error(`
${progress.close()}`);
  if (interruption.interrupted) {
    console.log(`
${route.pipeline} interrupted${details}`);
    console.error("Interrupted: every agent was stopped; what finished is in the result file.");
    return 130;
  }
  console.log(`
${route.pipeline} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ""}${details}`);
  return outcome.status === "success" ? 0 : 1;
}
function interruptOnCtrlC(controller) {
  const state = { interrupted: false };
  process.on("SIGINT", () => {
    if (state.interrupted) {
      killAllRunning("SIGKILL");
      process.exit(130);
    }
    state.interrupted = true;
    process.stderr.write("\nInterrupted: stopping every agent (Ctrl-C again to kill them at once)...\n");
    controller.abort();
  });
  return state;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
);
