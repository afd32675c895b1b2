import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  downloadWorkflowArtifact,
  listWorkflowArtifacts,
  pacingFor,
  uploadWorkflowArtifact
} from "./chunk-KKPHLDH2.js";
import {
  reportExecution,
  setOutputs
} from "./chunk-LARBFSSL.js";
import {
  agentRunnerFor,
  execute,
  gitHubSink,
  installClis,
  isolateAgents,
  requestFor,
  runDirectory,
  staleAfterMsOf,
  systemClock,
  withFallbacks
} from "./chunk-T5PDN57G.js";
import "./chunk-I2RUHTMR.js";
import {
  pipelineNamed
} from "./chunk-KR657CVH.js";
import "./chunk-NB3O4JBA.js";
import {
  renderSummary
} from "./chunk-TNPHJUMN.js";
import "./chunk-PZKW7F6V.js";
import "./chunk-AR74CZUM.js";
import "./chunk-56CIGAYU.js";
import "./chunk-R4TDBKOL.js";
import "./chunk-LR46CNHU.js";
import "./chunk-VQW6KYSI.js";
import "./chunk-5G2TKJCC.js";
import "./chunk-PI3LH6V5.js";
import "./chunk-XTWSEDL7.js";
import "./chunk-OOQD5VNY.js";
import "./chunk-7FWCJGND.js";
import "./chunk-6PUVZC3Q.js";
import "./chunk-PODBMNDR.js";
import {
  renderSharedStatus
} from "./chunk-SNMUNDWX.js";
import {
  parseStatusState
} from "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-YBUMR2VQ.js";
import {
  DEFAULT_WRITE_INTERVAL_MS
} from "./chunk-N5OYCJPH.js";
import "./chunk-NIVG6WZ2.js";
import {
  info,
  setFailed,
  setOutput,
  summary
} from "./chunk-GJWFR67G.js";
import "./chunk-2GQDRHI5.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";

// src/kernel/matrix/jobs.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
  const run = value.run;
  if (value.version !== 1 || value.pipeline !== expected.pipeline || value.issue !== expected.issue || value.unit !== expected.unit) {
    throw new Error(`it is not the result of ${expected.pipeline} unit ${expected.unit} on issue #${expected.issue}`);
  }
  if (!run || typeof run.agent !== "string" || typeof run.status !== "string" || typeof run.answer !== "string")
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
  const { run } = outcome;
  await summary.addRaw(
    redactor.redact(
      renderSummary({
        pipeline: `${route.pipeline} (unit ${name})`,
        target: `${route.issue.repository}#${route.issue.number}`,
        status: run.status,
        error: run.error,
        runs: [run],
        comments: /* @__PURE__ */ new Map()
      })
    )
  ).write();
  const failed = upload.status !== "uploaded" || outcome.postError !== void 0;
  setOutputs(route.pipeline, run.status === "success" && !failed ? "success" : "failure", file);
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
export {
  runMatrixJob
};
