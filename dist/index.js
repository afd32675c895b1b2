import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  lastResultFile,
  setOutputs
} from "./chunks/chunk-VFU5RBCL.js";
import {
  DEFAULT_RECORDS_BRANCH
} from "./chunks/chunk-GZJH3SSN.js";
import {
  actionLogger,
  loadRunContext,
  readInputs,
  routeEvent,
  routeLookups
} from "./chunks/chunk-HMKVLWIF.js";
import "./chunks/chunk-SN6PO5DT.js";
import {
  ActionsProgress,
  emptyIssueReason,
  listIssueComments,
  logUntrusted
} from "./chunks/chunk-KOYNT7XY.js";
import {
  loadConfig
} from "./chunks/chunk-BIKSLGXH.js";
import {
  pipelineNamed
} from "./chunks/chunk-JO4ZXQPY.js";
import {
  redactorFor
} from "./chunks/chunk-JHNAZRZX.js";
import "./chunks/chunk-NB3O4JBA.js";
import "./chunks/chunk-OYUBNCMM.js";
import "./chunks/chunk-PZKW7F6V.js";
import "./chunks/chunk-AR74CZUM.js";
import "./chunks/chunk-OOHZOH5U.js";
import "./chunks/chunk-LR46CNHU.js";
import "./chunks/chunk-BH4CIP2B.js";
import "./chunks/chunk-F3BSO7HA.js";
import "./chunks/chunk-PI3LH6V5.js";
import {
  secretsGivenToAgents
} from "./chunks/chunk-37FS52VV.js";
import "./chunks/chunk-OOQD5VNY.js";
import "./chunks/chunk-L2C5RXBK.js";
import "./chunks/chunk-4TFV3JQN.js";
import {
  killAllRunning,
  sweepAllLeftovers
} from "./chunks/chunk-ASENBPE5.js";
import "./chunks/chunk-E6UDRTQL.js";
import "./chunks/chunk-L4RSU5JK.js";
import "./chunks/chunk-YBUMR2VQ.js";
import {
  recordId
} from "./chunks/chunk-U6KCGNNF.js";
import {
  checkTriggerPermission
} from "./chunks/chunk-IM3QLHGP.js";
import {
  gitHubClients
} from "./chunks/chunk-TVP7YYMF.js";
import "./chunks/chunk-4FMNFAOT.js";
import {
  endGroup,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  warning
} from "./chunks/chunk-GJWFR67G.js";
import "./chunks/chunk-J2GT6MKJ.js";
import "./chunks/chunk-HDPE77IK.js";
import {
  loadMarkdownParser
} from "./chunks/chunk-UQEXZMPS.js";
import "./chunks/chunk-GNHB5PGC.js";
import "./chunks/chunk-ZAUMI6SE.js";

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
      const { buildDashboardFromBranch } = await import("./chunks/action-job-OQ3X5Y6Z.js");
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
    const clients = inputs.githubToken ? gitHubClients(inputs.githubToken, inputs.tuning) : void 0;
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
      keepRecord = async () => (await import("./chunks/keep-XZBYULNV.js")).keepRecordIfConfigured({
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
    checking?.catch(() => void 0);
    await clients?.onWire();
    const pipelineCode = definition.load?.();
    pipelineCode?.catch(() => void 0);
    const runMode = import("./chunks/run-mode-OHIOHI3O.js");
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
      const { runMatrixJob } = await import("./chunks/jobs-L4S3C7X5.js");
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

// src/index.ts
await run();
