import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DATASETS_DIR,
  DEFAULT_RECORDS_BRANCH,
  RECORDS_DIR,
  appendLines,
  monthFile,
  readFolder
} from "./chunks/chunk-Z4DUXWLT.js";
import {
  ActionsProgress,
  LocalReporter,
  accessOf,
  actionLogger,
  agentRunnerFor,
  agentsOf,
  emptyIssueReason,
  execute,
  folderSessionBackend,
  gitHubAccess,
  gitHubSink,
  installClis,
  isolateAgents,
  listIssueComments,
  loadConfig,
  loadRunContext,
  logUntrusted,
  pipelineNamed,
  prepareWorkspaceOf,
  readInputs,
  requestFor,
  routeEvent,
  routeLookups,
  runDirectory,
  staleAfterMsOf,
  systemClock,
  withFallbacks
} from "./chunks/chunk-SU4VJCOD.js";
import {
  redactorFor
} from "./chunks/chunk-JHNAZRZX.js";
import {
  renderSummary
} from "./chunks/chunk-5DKNUR5W.js";
import "./chunks/chunk-PZKW7F6V.js";
import "./chunks/chunk-AR74CZUM.js";
import "./chunks/chunk-3IQ2XJKU.js";
import "./chunks/chunk-PQ6BZ26G.js";
import "./chunks/chunk-BH4CIP2B.js";
import "./chunks/chunk-6AXUII6D.js";
import "./chunks/chunk-PI3LH6V5.js";
import "./chunks/chunk-SR32NZBN.js";
import {
  renderSharedStatus
} from "./chunks/chunk-VG2HUUA6.js";
import "./chunks/chunk-YBUMR2VQ.js";
import {
  recordId,
  toStoredRecord
} from "./chunks/chunk-U6KCGNNF.js";
import {
  checkTriggerPermission
} from "./chunks/chunk-WUHOA6XZ.js";
import {
  DEFAULT_WRITE_INTERVAL_MS,
  gitHubClients,
  statusOf
} from "./chunks/chunk-S4OGOWVX.js";
import "./chunks/chunk-4FMNFAOT.js";
import {
  endGroup,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./chunks/chunk-CYNJ65KP.js";
import "./chunks/chunk-GNHB5PGC.js";
import "./chunks/chunk-NB3O4JBA.js";
import {
  secretsGivenToAgents
} from "./chunks/chunk-FVF3EOV6.js";
import "./chunks/chunk-XJ4GCYBJ.js";
import {
  killAllRunning,
  sweepAllLeftovers
} from "./chunks/chunk-ASENBPE5.js";
import {
  parseStatusState
} from "./chunks/chunk-KSBPT5GS.js";
import "./chunks/chunk-WZSRKBZQ.js";
import "./chunks/chunk-BJNKTICU.js";
import "./chunks/chunk-ZWPF6MIZ.js";
import {
  sanitizeOutput
} from "./chunks/chunk-GI2HTLTL.js";
import "./chunks/chunk-ZAUMI6SE.js";

// src/main.ts
import { join as join4, resolve } from "node:path";

// src/github/artifact.ts
function missingArtifactService(env) {
  const missing = ["ACTIONS_RUNTIME_TOKEN", "ACTIONS_RESULTS_URL"].filter((name) => !env[name]);
  if (missing.length === 0) return void 0;
  return `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set, so there is no artifact service (not a GitHub Actions job)`;
}
async function uploadWorkflowArtifact(upload) {
  const { name } = upload;
  const missing = missingArtifactService(upload.env);
  if (missing) {
    upload.log(`Artifact upload skipped: ${missing}. The datasets are in ${upload.rootDirectory}.`);
    return { status: "skipped", name, reason: missing };
  }
  try {
    const { DefaultArtifactClient } = await import("./chunks/artifact-64L52ALK.js");
    const { id, size } = await new DefaultArtifactClient().uploadArtifact(name, upload.files, upload.rootDirectory);
    const url = id !== void 0 && upload.runUrl ? `${upload.runUrl}/artifacts/${id}` : void 0;
    upload.log(`Uploaded the artifact ${name}${size !== void 0 ? ` (${size} bytes)` : ""}${url ? `: ${url}` : ""}.`);
    return {
      status: "uploaded",
      name,
      ...id !== void 0 ? { id } : {},
      ...url ? { url } : {},
      ...size !== void 0 ? { bytes: size } : {}
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "failed", name, error: `uploading the artifact ${name} failed: ${message}` };
  }
}
async function listWorkflowArtifacts(env) {
  const missing = missingArtifactService(env);
  if (missing) throw new Error(`Cannot list the run's artifacts: ${missing}.`);
  const { DefaultArtifactClient } = await import("./chunks/artifact-64L52ALK.js");
  const { artifacts } = await new DefaultArtifactClient().listArtifacts();
  return artifacts.map((a) => ({ id: a.id, name: a.name }));
}
async function downloadWorkflowArtifact(artifact, path) {
  const { DefaultArtifactClient } = await import("./chunks/artifact-64L52ALK.js");
  await new DefaultArtifactClient().downloadArtifact(artifact.id, { path });
}

// src/kernel/claim-gate.ts
import { setTimeout as sleep } from "node:timers/promises";
function gateOnClaim(claim, run2) {
  const lost = new AbortController();
  const won = claim.then(
    (c) => c.claimed,
    () => false
  );
  void won.then((ok) => ok || lost.abort());
  const whenWon = async (write, otherwise) => await won ? write() : otherwise;
  const { sink, github } = run2;
  const gated = {
    ready: () => won.then(() => void 0),
    acknowledge: () => whenWon(() => sink.acknowledge(), void 0),
    upsertComment: (key, body, own) => whenWon(() => sink.upsertComment(key, body, own), {}),
    addLabel: (name) => whenWon(() => sink.addLabel(name), void 0),
    ...sink.readComment && { readComment: (key) => whenWon(() => sink.readComment(key), void 0) },
    ...sink.overwriteCommentNow && {
      overwriteCommentNow: (key, body, own) => whenWon(() => sink.overwriteCommentNow(key, body, own), false)
    },
    ...sink.writtenAt && { writtenAt: (key) => sink.writtenAt(key) }
  };
  const REFUSED = "another run claimed this issue first; this run writes nothing";
  const refused = () => {
    throw new Error(REFUSED);
  };
  return {
    signal: AbortSignal.any([run2.signal, lost.signal]),
    sink: gated,
    github: github && {
      ...github,
      createReview: (number, review) => whenWon(() => github.createReview(number, review), void 0).then((r) => r ?? refused()),
      openPullRequest: (request) => whenWon(() => github.openPullRequest(request), void 0).then((r) => r ?? refused())
    },
    artifacts: {
      publish: (name, files, root) => whenWon(() => run2.artifacts.publish(name, files, root), { status: "skipped", name, reason: REFUSED })
    },
    result: claim
  };
}
async function afterClaim(gate, work) {
  if (!gate) return { claimed: true, value: await work };
  const settled = await gate.result.catch(async (error) => {
    await work.catch(() => void 0);
    throw error;
  });
  if (!settled.claimed) {
    await work.catch(() => void 0);
    return settled;
  }
  return { claimed: true, value: await work };
}
async function claimIssue(claimant, options, run2, waitForIt) {
  const free = await claimant.claimable(options);
  if (!free.claimed) return { standDown: free.reason, ...free.busy && { busy: true } };
  const staked = claimant.stake(options);
  staked.catch(() => void 0);
  if (waitForIt) {
    const settled = await staked;
    if (!settled.claimed) return { standDown: settled.reason, ...settled.busy && { busy: true } };
  }
  return { gate: gateOnClaim(staked, run2) };
}
async function claimIssueInTurn(claimant, options, run2, waitForIt, turn) {
  for (let look = 1; ; look++) {
    const claim = await claimIssue(claimant, { ...options, now: /* @__PURE__ */ new Date() }, run2, waitForIt);
    if (!("standDown" in claim) || !claim.busy || !turn || look >= turn.attempts || run2.signal.aborted) return claim;
    turn.log(
      `${claim.standDown.replace(/; this run stands down$/, "")}: waiting for its turn (look ${look} of ${turn.attempts}).`
    );
    await sleep(turn.pollMs, void 0, { signal: run2.signal }).catch(() => void 0);
  }
}

// src/kernel/matrix/jobs.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// src/sinks/pacing.ts
function pacingFor(writeIntervalMs) {
  return { statusIntervalMs: 3 * writeIntervalMs, gatherMs: writeIntervalMs / 2 };
}

// src/kernel/outputs.ts
var reportedResultFile = "";
function lastResultFile() {
  return reportedResultFile;
}
function setOutputs(pipeline, status, resultFile = "") {
  reportedResultFile = resultFile;
  setOutput("pipeline", pipeline);
  setOutput("status", status);
  setOutput("result-file", resultFile);
}
async function writeJobSummary(markdown, redactor) {
  await summary.addRaw(sanitizeOutput(markdown, redactor)).write();
}
async function reportExecution(definition, execution, redactor) {
  const { outcome } = execution;
  setOutputs(definition.name, outcome.status === "success" ? "success" : "failure", execution.resultFile);
  for (const [name, value] of Object.entries(execution.outputs)) setOutput(name, value);
  await writeJobSummary(execution.summary, redactor);
  if (outcome.status !== "success")
    setFailed(redactor.redact(outcome.error ?? `${definition.name} ended with status ${outcome.status}`));
}

// src/kernel/matrix/units.ts
function planUnits(config, pipeline) {
  const definition = pipelineNamed(pipeline);
  if (definition.matrix)
    return {
      kind: "matrix",
      pipeline,
      units: definition.matrix.units(config.pipelines[pipeline]).map((u) => u.unit)
    };
  return {
    kind: "none",
    reason: definition.matrixUnavailable ?? `${pipeline} has no matrix form: run it with mode: run (the default)`
  };
}
function matrixOutput(units) {
  return JSON.stringify(units);
}
function parseUnitInput(raw, plan) {
  if (plan.kind === "none") throw new Error(plan.reason);
  const valid = `valid units for ${plan.pipeline}: ${plan.units.join(", ")}`;
  const text = (raw ?? "").trim();
  if (!text) throw new Error(`mode: unit needs the input unit (one entry of the plan job's matrix output; ${valid}).`);
  let name = text;
  if (/^["{[]/.test(text)) {
    try {
      name = JSON.parse(text);
    } catch {
      throw new Error(`The input unit is not valid JSON: ${text.slice(0, 80)} (${valid}).`);
    }
    if (name && typeof name === "object" && !Array.isArray(name)) name = name.unit;
  }
  if (typeof name !== "string" || !name.trim())
    throw new Error(
      `The input unit must name one unit, e.g. ${plan.units[0] ?? "claude"}; got ${text.slice(0, 80)} (${valid}).`
    );
  const unit = name.trim();
  if (!plan.units.includes(unit))
    throw new Error(
      `Unknown unit "${unit.slice(0, 80)}": it is not in the config's ${plan.pipeline} pipeline (${valid}).`
    );
  return unit;
}
function unitArtifactName(pipeline, issue, unit, attempt) {
  return `${unitArtifactPrefix(pipeline, issue, unit)}${attempt.replace(/[^0-9]/g, "") || "1"}`;
}
function unitArtifactPrefix(pipeline, issue, unit) {
  return `ai-orchestra-${pipeline}-issue-${issue}-unit-${unit}-attempt-`;
}
function pickUnitArtifacts(listed, pipeline, issue, units) {
  const picked = /* @__PURE__ */ new Map();
  for (const unit of units) {
    const prefix = unitArtifactPrefix(pipeline, issue, unit);
    let best;
    for (const artifact of listed) {
      if (!artifact.name.startsWith(prefix)) continue;
      const attempt = Number(artifact.name.slice(prefix.length));
      if (Number.isInteger(attempt) && attempt > 0 && (!best || attempt > best.attempt)) best = { attempt, artifact };
    }
    if (best) picked.set(unit, best.artifact);
  }
  return picked;
}
function parseUnitResult(text, expected) {
  const value = JSON.parse(text);
  const run2 = value.run;
  if (value.version !== 1 || value.pipeline !== expected.pipeline || value.issue !== expected.issue || value.unit !== expected.unit) {
    throw new Error(`it is not the result of ${expected.pipeline} unit ${expected.unit} on issue #${expected.issue}`);
  }
  if (!run2 || typeof run2.agent !== "string" || typeof run2.status !== "string" || typeof run2.answer !== "string")
    throw new Error("it holds no agent run");
  return value;
}
function missingUnitRun(agent, role, reason, now) {
  return {
    agent,
    cli: "",
    role,
    status: "cancelled",
    answer: "",
    error: reason,
    exitCode: null,
    durationMs: 0,
    usage: {},
    promptSha256: "",
    outputTail: "",
    startedAt: now.toISOString(),
    finishedAt: now.toISOString(),
    logFiles: { stdout: "", stderr: "" }
  };
}
function mergeUnitResults(units, found, problems, now) {
  const merged = { runs: [], missing: /* @__PURE__ */ new Map(), commentUrls: /* @__PURE__ */ new Map() };
  for (const { unit, agent, role } of units) {
    const result = found.get(unit);
    if (result) {
      merged.runs.push(result.run);
      if (result.commentUrl) merged.commentUrls.set(agent, result.commentUrl);
      continue;
    }
    const reason = problems.get(unit) ?? "no result: its matrix job failed before uploading one, was cancelled, or never ran";
    merged.missing.set(unit, reason);
    merged.runs.push(missingUnitRun(agent, role, reason, now));
  }
  return merged;
}

// src/kernel/matrix/jobs.ts
async function runMatrixJob(job) {
  const { route, ctx, definition } = job;
  const plan = planUnits(job.config, route.pipeline);
  if (plan.kind === "none" || !definition.matrix) {
    setOutputs(route.pipeline, "failure");
    return setFailed(`${plan.kind === "none" ? plan.reason : `${route.pipeline} has no matrix form`}.`);
  }
  const reporter = gitHubSink(job.clients, {
    ctx,
    number: route.issue.number,
    pipeline: route.pipeline,
    redactor: job.redactor,
    firstListing: job.firstListing,
    signal: job.signal
  });
  const dir = runDirectory(join(ctx.runnerTemp, "ai-orchestra"), ctx, route.issue.number);
  const units = definition.matrix.units(job.config.pipelines[definition.name]);
  const planned = { ...job, units, reporter, dir };
  if (job.inputs.mode === "plan") return planJob(planned);
  if (job.inputs.mode === "unit") return unitJob(planned, parseUnitInput(job.inputs.unit, plan));
  return finalizeJob(planned);
}
async function planJob(job) {
  const { ctx, route, reporter, definition } = job;
  const now = /* @__PURE__ */ new Date();
  const claim = await reporter.claim({ staleAfterMs: staleAfterMsOf(definition, job.config), now, runUrl: ctx.runUrl });
  if (!claim.claimed) {
    job.log.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
    return setOutputs(route.pipeline, "skipped");
  }
  const entries = definition.status.rows(job.config.pipelines[definition.name]);
  await Promise.all([
    reporter.upsertComment(
      "status",
      renderSharedStatus({ pipeline: route.pipeline, entries, overall: "running", startedAt: now, runUrl: ctx.runUrl })
    ),
    reporter.acknowledge()
  ]);
  const names = job.units.map((u) => u.unit);
  job.log.info(
    `Planned ${route.pipeline} on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) as ${names.length} units: ${names.join(", ")}.`
  );
  setOutput("matrix", matrixOutput(names));
  setOutputs(route.pipeline, "success");
}
async function prepareAgents(job, agents) {
  const { identity, workingDirectory } = await isolateAgents(job.definition, {
    config: job.config,
    ctx: job.ctx,
    setup: job.inputs,
    dir: job.dir,
    log: job.log
  });
  const installs = await installClis(
    withFallbacks(job.config, agents).map((a) => job.config.agents[a]),
    { setup: job.inputs, dir: job.dir, env: process.env, signal: job.signal, log: job.log }
  );
  return { identity, installs, workingDirectory };
}
async function unitJob(job, name) {
  const { route, redactor, definition } = job;
  const unit = job.units.find((u) => u.unit === name);
  const { agent } = unit;
  job.log.info(
    `Running ${route.pipeline} unit ${name}${agent !== name ? ` (agent ${agent})` : ""} on ${route.issue.repository}#${route.issue.number}.`
  );
  const prepared = await prepareAgents(job, [agent]);
  const runner = agentRunnerFor({ ...job, ...prepared, env: process.env });
  const request = requestFor(definition, job, route, /* @__PURE__ */ new Date());
  const outcome = await definition.matrix.runUnit(unit, request, {
    runner,
    sink: job.reporter,
    clock: systemClock,
    random: Math.random,
    log: job.log
  });
  const result = redactor.redactDeep({
    version: 1,
    pipeline: route.pipeline,
    issue: route.issue.number,
    unit: name,
    agent,
    run: outcome.run,
    ...outcome.commentUrl ? { commentUrl: outcome.commentUrl } : {}
  });
  const folder = join(job.dir, "unit");
  mkdirSync(folder, { recursive: true });
  const file = join(folder, "unit.json");
  writeFileSync(file, `${JSON.stringify(result, null, 2)}
`);
  const artifact = unitArtifactName(route.pipeline, route.issue.number, name, job.ctx.runAttempt);
  const upload = await uploadWorkflowArtifact({
    name: artifact,
    files: [file],
    rootDirectory: folder,
    env: process.env,
    runUrl: job.ctx.runUrl,
    log: job.log.info
  });
  const { run: run2 } = outcome;
  await summary.addRaw(
    redactor.redact(
      renderSummary({
        pipeline: `${route.pipeline} (unit ${name})`,
        target: `${route.issue.repository}#${route.issue.number}`,
        status: run2.status,
        error: run2.error,
        runs: [run2],
        comments: /* @__PURE__ */ new Map()
      })
    )
  ).write();
  const failed = upload.status !== "uploaded" || outcome.postError !== void 0;
  setOutputs(route.pipeline, run2.status === "success" && !failed ? "success" : "failure", file);
  if (upload.status !== "uploaded") {
    setFailed(
      `The result of unit ${name} was not uploaded (${upload.status === "failed" ? upload.error : upload.reason}); finalize will report the unit as missing.`
    );
  } else if (outcome.postError) {
    setFailed(redactor.redact(`Unit ${name}: ${outcome.postError}`));
  }
}
async function collectResults(job) {
  const found = /* @__PURE__ */ new Map();
  const problems = /* @__PURE__ */ new Map();
  const number = job.route.issue.number;
  const pipeline = job.route.pipeline;
  const names = job.units.map((u) => u.unit);
  let listed;
  try {
    listed = await listWorkflowArtifacts(process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    job.log.warning(`Could not list the run's artifacts: ${message}`);
    for (const unit of names) problems.set(unit, "no result: the artifacts could not be listed");
    return { found, problems };
  }
  const picked = pickUnitArtifacts(listed, pipeline, number, names);
  await Promise.all(
    [...picked].map(async ([unit, artifact]) => {
      const path = join(job.dir, "units", unit);
      try {
        await downloadWorkflowArtifact(artifact, path);
        found.set(
          unit,
          parseUnitResult(readFileSync(join(path, "unit.json"), "utf8"), { pipeline, issue: number, unit })
        );
      } catch (error) {
        job.log.warning(
          `The artifact ${artifact.name} of unit ${unit} could not be used: ${error instanceof Error ? error.message : String(error)}`
        );
        problems.set(unit, "no result: its artifact could not be read");
      }
    })
  );
  for (const unit of names.filter((u) => !found.has(u) && !problems.has(u))) {
    job.log.warning(
      `Unit ${unit} left no result (no artifact ${unitArtifactName(pipeline, number, unit, job.ctx.runAttempt)}): its job failed, was cancelled or never ran.`
    );
  }
  return { found, problems };
}
async function finalizeJob(job) {
  const { config, route, ctx, definition } = job;
  const status = await job.reporter.readComment("status").catch(() => void 0);
  const runStartedAt = status ? parseStatusState(status)?.startedAt : void 0;
  const { found, problems } = await collectResults(job);
  const merged = mergeUnitResults(job.units, found, problems, /* @__PURE__ */ new Date());
  job.log.info(
    `Finalizing ${route.pipeline} on ${route.issue.repository}#${route.issue.number}: ${found.size} of ${job.units.length} units left a result${merged.missing.size > 0 ? ` (missing: ${[...merged.missing.keys()].join(", ")})` : ""}.`
  );
  const prepared = await prepareAgents(job, definition.matrix.finalizeAgents(config.pipelines[definition.name]));
  const execution = await execute(
    definition,
    {
      ctx,
      config,
      log: job.log,
      clock: systemClock,
      redactor: job.redactor,
      sink: job.reporter,
      dir: job.dir,
      root: ctx.workspace,
      ...prepared,
      env: process.env,
      signal: job.signal,
      artifacts: {
        publish: (name, files, rootDirectory) => uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: info })
      },
      pacing: pacingFor(job.inputs.tuning.minWriteIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS)
    },
    route,
    // By unit: an ai-review unit is its agent, a persona-data unit its persona, as the rows they label are keyed.
    { startedAt: runStartedAt, collected: { runs: merged.runs, notes: merged.missing } }
  );
  await reportExecution(definition, execution, job.redactor);
}

// src/records/keep.ts
import { readFileSync as readFileSync2 } from "node:fs";
function jsonLines(text) {
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}
function datasetRowsOf(result, id) {
  const rows = [];
  for (const d of result.datasets?.datasets ?? []) {
    if (!d.file) continue;
    const data = jsonLines(readFileSync2(d.file, "utf8"));
    const meta = d.metaFile ? jsonLines(readFileSync2(d.metaFile, "utf8")) : [];
    data.forEach(
      (row, i) => rows.push({ store: 1, run: id, format: d.format, at: result.finishedAt, meta: meta[i] ?? {}, row })
    );
  }
  return rows;
}
async function keepRunRecord(args) {
  const result = JSON.parse(readFileSync2(args.resultFile, "utf8"));
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

// src/sessions/actions-cache.ts
import { accessSync, constants, cpSync, mkdirSync as mkdirSync3, rmSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join as join3 } from "node:path";

// src/sessions/tar-guard.ts
import { chmodSync, mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join2 } from "node:path";
var GUARD = String.raw`
import { spawnSync } from 'node:child_process';
import { resolve, sep } from 'node:path';
const [realTar, allowed, ...args] = process.argv.slice(2);
const run = (argv) => spawnSync(realTar, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
const flag = args.findIndex((a) => /^-[A-Za-z]*x[A-Za-z]*$/.test(a));
if (flag === -1) {
  const passed = spawnSync(realTar, args, { stdio: 'inherit' });
  process.exit(passed.status ?? 1);
}
const c = args.indexOf('-C');
const base = c === -1 ? process.cwd() : args[c + 1];
const listing = args.filter((a, i) => a !== '-P' && i !== c && i !== c + 1);
const fail = (why) => {
  process.stderr.write('ai-orchestra: refused the session cache entry: ' + why + '\n');
  process.exit(2);
};
// @actions/cache extracts with "-xf <archive> -P -C <dir>" and its decompression flags.
if (args[flag] !== '-xf') fail('unexpected tar arguments ' + args[flag]);
const verbose = run(listing.map((a) => (a === '-xf' ? '-tvf' : a)));
const names = run(listing.map((a) => (a === '-xf' ? '-tf' : a)));
if (verbose.status !== 0 || names.status !== 0) fail('cannot list it: ' + (verbose.stderr || names.stderr).trim());
for (const line of verbose.stdout.split('\n').filter(Boolean)) if (line[0] !== '-' && line[0] !== 'd') fail('a member is not a plain file or folder: ' + line);
for (const name of names.stdout.split('\n').filter(Boolean)) {
  const target = resolve(base, name);
  if (target !== allowed && !target.startsWith(allowed + sep)) fail(name + ' leads outside ' + allowed);
}
const extracted = spawnSync(realTar, args, { stdio: 'inherit' });
process.exit(extracted.status ?? 1);
`;
function writeTarGuard(dir, allowed, realTar) {
  const bin = join2(dir, "bin");
  mkdirSync2(bin, { recursive: true });
  const script = join2(dir, "tar-guard.mjs");
  writeFileSync2(script, GUARD);
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync2(
    join2(bin, "tar"),
    `#!/bin/sh
exec ${quote(process.execPath)} ${quote(script)} ${quote(realTar)} ${quote(allowed)} "$@"
`
  );
  chmodSync(join2(bin, "tar"), 493);
  return bin;
}

// src/sessions/actions-cache.ts
function findProgram(name, path) {
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const file = join3(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
    }
  }
  return void 0;
}
function actionsCacheAvailable(env) {
  return Boolean(env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL);
}
function actionsCacheSessionBackend(base) {
  const load = () => import("./chunks/cache-Y3PB46MM.js");
  let queue = Promise.resolve();
  const inBase = (extraPath, work) => {
    const run2 = async () => {
      const saved = { HOME: process.env.HOME, GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE, PATH: process.env.PATH };
      mkdirSync3(base, { recursive: true });
      process.env.HOME = base;
      process.env.GITHUB_WORKSPACE = base;
      if (extraPath) process.env.PATH = [extraPath, saved.PATH].filter(Boolean).join(delimiter);
      try {
        return await work();
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === void 0) delete process.env[name];
          else process.env[name] = value;
        }
      }
    };
    const next = queue.then(run2, run2);
    queue = next.catch(() => void 0);
    return next;
  };
  return {
    where: "the Actions cache",
    async restore(prefix, dir) {
      const cache = await load();
      const entry = join3(base, prefix);
      const realTar = findProgram("tar", process.env.PATH ?? "");
      if (process.platform !== "linux" || !realTar) return false;
      const guardDir = join3(`${base}-guard`, prefix);
      rmSync(entry, { recursive: true, force: true });
      const guard = writeTarGuard(guardDir, entry, realTar);
      try {
        return await inBase(guard, async () => {
          const key = await cache.restoreCache([`~/${prefix}`], `${prefix}none`, [prefix]);
          if (key === void 0 || !key.startsWith(prefix)) return false;
          cpSync(entry, dir, { recursive: true, verbatimSymlinks: true });
          return true;
        });
      } finally {
        rmSync(entry, { recursive: true, force: true });
        rmSync(guardDir, { recursive: true, force: true });
      }
    },
    async save(prefix, unique, dir) {
      const cache = await load();
      const entry = join3(base, prefix);
      rmSync(entry, { recursive: true, force: true });
      cpSync(dir, entry, { recursive: true });
      try {
        await inBase(void 0, () => cache.saveCache([`~/${prefix}`], `${prefix}${unique}`));
      } finally {
        rmSync(entry, { recursive: true, force: true });
      }
    }
  };
}

// src/main.ts
function cancelOnSignals(controller) {
  const hardStop = () => {
    killAllRunning("SIGKILL");
    process.exit(1);
  };
  const onSignal = (signal) => {
    if (controller.signal.aborted) return hardStop();
    warning(`Received ${signal}: the workflow is being cancelled; stopping every agent.`);
    controller.abort();
    setTimeout(hardStop, 4500).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
async function run() {
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  const progress = new ActionsProgress(
    { info, startGroup, endGroup },
    logUntrusted
  );
  const log = actionLogger({
    agentStarted: (event) => progress.started(event),
    agentFinished: (event) => progress.finished(event.run)
  });
  const signal = controller.signal;
  let keepRecord;
  try {
    const inputs = readInputs();
    const override = inputs.eventOverride;
    const ctx = override ? loadRunContext({ ...process.env, GITHUB_EVENT_NAME: override.eventName }, { eventPath: override.eventPath }) : loadRunContext(process.env);
    if (inputs.mode === "dashboard") {
      const { octokit } = gitHubClients(inputs.githubToken, inputs.tuning);
      const at = { owner: ctx.owner, repo: ctx.repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      const { buildDashboardFromBranch } = await import("./chunks/action-job-5B3DPBXV.js");
      const built = await buildDashboardFromBranch({
        octokit,
        at,
        outDir: resolve(ctx.workspace, inputs.dashboardDir),
        now: /* @__PURE__ */ new Date()
      });
      log.info(
        `Dashboard: ${built.records} records from ${at.branch} \u2192 ${built.file}${built.skipped ? ` (${built.skipped} unreadable lines skipped)` : ""}.`
      );
      return setOutput("dashboard-file", built.file);
    }
    const config = loadConfig(resolve(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const clients = inputs.githubToken ? gitHubClients(inputs.githubToken, inputs.tuning) : void 0;
    const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
    if (inputs.mode === "plan") setOutput("matrix", "[]");
    if (route.kind === "skip") {
      log.info(`Nothing to do: ${route.reason}.`);
      return setOutputs("none", "skipped");
    }
    const empty = emptyIssueReason(route.issue, config.settings.allowEmptyIssue ?? false);
    if (empty) {
      notice(`Not running ${route.pipeline}: ${empty}.`);
      return setOutputs(route.pipeline, "skipped");
    }
    const definition = pipelineNamed(route.pipeline);
    const redactor = redactorFor(
      inputs.githubToken,
      process.env,
      secretsGivenToAgents(Object.values(config.agents), process.env)
    );
    for (const value of redactor.knownValues) setSecret(value);
    const repo = { owner: ctx.owner, repo: ctx.repo };
    if (clients && !inputs.dryRun && (inputs.mode === "run" || inputs.mode === "finalize")) {
      const id = recordId(route.issue.repository, ctx.runId, ctx.runAttempt, route.issue.number);
      keepRecord = () => keepRecordIfConfigured({
        octokit: clients.octokit,
        ...repo,
        branch: inputs.recordsBranch,
        resultFile: lastResultFile(),
        id,
        redactor,
        info,
        warn: warning
      });
    }
    const firstListing = clients && !inputs.dryRun ? listIssueComments(clients.octokit, { ...repo, number: route.issue.number }) : void 0;
    firstListing?.catch(() => void 0);
    const checking = clients && checkTriggerPermission(clients.octokit, repo, route.sender, inputs.allowedBots);
    definition.load?.().catch(() => void 0);
    if (checking) {
      const verdict = await checking;
      if (!verdict.allowed) {
        if (verdict.lookupFailed) {
          setFailed(
            `Not running ${route.pipeline} on #${route.issue.number}: ${verdict.reason}. Nothing was posted; re-run the job once GitHub answers.`
          );
          return setOutputs(route.pipeline, "failure");
        }
        log.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${verdict.reason}.`);
        return setOutputs(route.pipeline, "skipped");
      }
      log.info(`Permission: ${verdict.reason}.`);
    }
    if (inputs.mode !== "run") {
      if (!clients) throw new Error(`mode ${inputs.mode} needs the github-token input.`);
      return await runMatrixJob({
        inputs,
        ctx,
        config,
        route,
        definition,
        redactor,
        clients,
        firstListing,
        signal,
        log
      });
    }
    if (definition.chooseAgents && clients) {
      const at = { ...repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      const lines = async () => (await readFolder(clients.octokit, at, RECORDS_DIR)).flatMap((f) => f.text.split("\n"));
      const part = config.pipelines[definition.name];
      config.pipelines[definition.name] = await definition.chooseAgents(part, {
        recordsBranch: at.branch,
        readRecordLines: lines,
        runId: ctx.runId,
        warn: log.warning
      });
    }
    const dir = runDirectory(join4(ctx.runnerTemp, "ai-orchestra"), ctx, route.issue.number);
    const configFile = resolve(ctx.workspace, inputs.configPath);
    const prepared = await prepareWorkspaceOf(definition, {
      config,
      workingDirectory: resolve(ctx.workspace, inputs.workingDirectory ?? "."),
      dir,
      signal,
      configFile
    });
    const { identity, workingDirectory } = await isolateAgents(definition, {
      config,
      ctx,
      setup: inputs,
      dir,
      log,
      agentDirectory: prepared && !(prepared instanceof Error) ? prepared.agentDirectory : void 0
    });
    const onGitHub = clients !== void 0 && !inputs.dryRun;
    const access = clients && gitHubAccess(clients.octokit, repo, { serverUrl: ctx.serverUrl, token: inputs.githubToken }, redactor);
    const github = onGitHub ? gitHubSink(clients, {
      ctx,
      number: route.issue.number,
      pipeline: route.pipeline,
      redactor,
      firstListing,
      signal
    }) : void 0;
    const sink = github ?? new LocalReporter(
      join4(dir, "comments"),
      { runId: ctx.runId, pipeline: route.pipeline },
      redactor,
      (text) => logUntrusted(info, text)
    );
    const standDown = (reason) => {
      log.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${reason}.`);
      setOutputs(route.pipeline, "skipped");
    };
    const artifacts = {
      publish: (name, files, rootDirectory) => uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: info })
    };
    const waitForClaim = inputs.install || accessOf(definition, config) === "write";
    const staleAfterMs = staleAfterMsOf(definition, config);
    const pollMs = inputs.tuning.turnPollMs;
    const claim = github ? await claimIssueInTurn(
      github,
      { staleAfterMs, runUrl: ctx.runUrl },
      { sink, github: access, artifacts, signal },
      waitForClaim,
      // Waiting longer than the other run's lock can last is pointless: by then it is stale.
      definition.waitsForTurn ? { pollMs, attempts: Math.ceil(staleAfterMs / pollMs) + 1, log: (m) => log.info(m) } : void 0
    ) : void 0;
    if (claim && "standDown" in claim) {
      if (prepared && !(prepared instanceof Error)) await prepared.close();
      return standDown(claim.standDown);
    }
    const gate = claim?.gate;
    const installs = await installClis(agentsOf(definition, config), {
      setup: inputs,
      dir,
      env: process.env,
      signal,
      log
    });
    log.info(
      `Running ${route.pipeline} on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login})${definition.describe?.(config.pipelines[definition.name]) ?? ""}.`
    );
    const running = execute(
      definition,
      {
        ctx,
        config,
        log,
        clock: systemClock,
        redactor,
        sink: gate?.sink ?? sink,
        dir,
        root: ctx.workspace,
        workingDirectory,
        env: process.env,
        signal: gate?.signal ?? signal,
        identity,
        installs,
        // Present on GitHub only (not in a dry run): its writes wait for the claim.
        github: gate?.github,
        // A dry run posts nothing but may read what it works on.
        githubReads: access,
        artifacts: gate?.artifacts ?? artifacts,
        pacing: onGitHub ? pacingFor(inputs.tuning.minWriteIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS) : void 0,
        prepared,
        configFile,
        // Sessions for follow-up questions: the job's Actions cache where there is one, else a folder of this runner.
        sessionBackend: actionsCacheAvailable(process.env) ? actionsCacheSessionBackend(join4(ctx.runnerTemp, "ai-orchestra-session-entries")) : folderSessionBackend(join4(ctx.runnerTemp, "ai-orchestra", "sessions"))
      },
      route
    );
    const claimed = await afterClaim(gate, running);
    if (!claimed.claimed) return standDown(claimed.reason);
    const execution = claimed.value;
    info(progress.summaryLine(route.pipeline, execution.outcome.status));
    await reportExecution(definition, execution, redactor);
  } catch (error) {
    setOutput("status", "failure");
    setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    if (keepRecord && lastResultFile()) await keepRecord();
    stopListening();
    sweepAllLeftovers();
  }
}

// src/index.ts
await run();
