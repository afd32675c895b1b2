import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  lastResultFile,
  setOutputs
} from "./chunk-LARBFSSL.js";
import {
  DEFAULT_RECORDS_BRANCH
} from "./chunk-JIC5PVGM.js";
import {
  actionLogger,
  routeEvent,
  routeLookups
} from "./chunk-5VIJE3JM.js";
import "./chunk-VB7WGPQF.js";
import {
  ActionsProgress,
  emptyIssueReason,
  logUntrusted
} from "./chunk-I2RUHTMR.js";
import {
  loadConfig
} from "./chunk-VE3LB2ZG.js";
import {
  pipelineNamed
} from "./chunk-KR657CVH.js";
import {
  redactorFor
} from "./chunk-JHNAZRZX.js";
import "./chunk-NB3O4JBA.js";
import "./chunk-TNPHJUMN.js";
import "./chunk-PZKW7F6V.js";
import "./chunk-AR74CZUM.js";
import "./chunk-56CIGAYU.js";
import "./chunk-LR46CNHU.js";
import "./chunk-BH4CIP2B.js";
import "./chunk-VQW6KYSI.js";
import {
  readInputs,
  runContextFor
} from "./chunk-ERKF2CLS.js";
import {
  listIssueComments
} from "./chunk-5G2TKJCC.js";
import "./chunk-PI3LH6V5.js";
import {
  secretsGivenToAgents
} from "./chunk-XTWSEDL7.js";
import "./chunk-OOQD5VNY.js";
import "./chunk-7FWCJGND.js";
import {
  killAllRunning,
  sweepAllLeftovers
} from "./chunk-6PUVZC3Q.js";
import "./chunk-PODBMNDR.js";
import "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-YBUMR2VQ.js";
import {
  recordId
} from "./chunk-U6KCGNNF.js";
import {
  checkTriggerPermission
} from "./chunk-RRRZR3CE.js";
import {
  gitHubClients
} from "./chunk-N5OYCJPH.js";
import "./chunk-NIVG6WZ2.js";
import {
  endGroup,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  warning
} from "./chunk-GJWFR67G.js";
import "./chunk-2GQDRHI5.js";
import "./chunk-INKC534X.js";
import "./chunk-ESIXY7EP.js";
import {
  loadMarkdownParser
} from "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";

// src/main.ts
import { resolve } from "node:path";
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
async function run(begun) {
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
    const inputs = begun?.inputs ?? readInputs();
    const ctx = begun?.ctx ?? runContextFor(inputs);
    if (inputs.mode === "dashboard") {
      const { octokit } = gitHubClients(inputs.githubToken, inputs.tuning);
      const at = { owner: ctx.owner, repo: ctx.repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      const { buildDashboardFromBranch } = await import("./action-job-GVQ3NMFP.js");
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
    const config = await loadConfig(resolve(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const early = begun?.early;
    const clients = early?.clients ?? (inputs.githubToken ? gitHubClients(inputs.githubToken, inputs.tuning) : void 0);
    const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
    if (inputs.mode === "plan") setOutput("matrix", "[]");
    if (route.kind === "skip") {
      log.info(`Nothing to do: ${route.reason}.`);
      return setOutputs("none", "skipped");
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
      keepRecord = async () => (await import("./keep-Z2YOBYGL.js")).keepRecordIfConfigured({
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
    const firstListing = clients && !inputs.dryRun ? early?.listing(route.issue.number) ?? listIssueComments(clients.octokit, { ...repo, number: route.issue.number }) : void 0;
    firstListing?.catch(() => void 0);
    const checking = clients && (early?.permission(route.sender) ?? checkTriggerPermission(clients.octokit, repo, route.sender, inputs.allowedBots));
    checking?.catch(() => void 0);
    await clients?.onWire();
    const pipelineCode = definition.load?.();
    pipelineCode?.catch(() => void 0);
    const runMode = import("./run-mode-KUVZEE27.js");
    runMode.catch(() => void 0);
    await loadMarkdownParser();
    const empty = emptyIssueReason(route.issue, config.settings.allowEmptyIssue ?? false);
    if (empty) {
      notice(`Not running ${route.pipeline}: ${empty}.`);
      return setOutputs(route.pipeline, "skipped");
    }
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
    const authorized = { inputs, ctx, config, route, definition, redactor, clients, firstListing, signal, log };
    if (inputs.mode !== "run") {
      if (!clients) throw new Error(`mode ${inputs.mode} needs the github-token input.`);
      const { runMatrixJob } = await import("./jobs-RMFRIS3M.js");
      return await runMatrixJob({ ...authorized, clients });
    }
    await (await runMode).runClaimed({ ...authorized, progress });
  } catch (error) {
    setOutput("status", "failure");
    setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    if (keepRecord && lastResultFile()) await keepRecord();
    stopListening();
    sweepAllLeftovers();
  }
}
export {
  run
};
