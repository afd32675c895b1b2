import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  pacingFor,
  uploadWorkflowArtifact
} from "./chunk-KKPHLDH2.js";
import {
  reportExecution,
  setOutputs
} from "./chunk-LARBFSSL.js";
import {
  DEFAULT_RECORDS_BRANCH,
  RECORDS_DIR,
  readFolder
} from "./chunk-JIC5PVGM.js";
import {
  LocalReporter
} from "./chunk-WLTWJ5R7.js";
import {
  accessOf,
  agentsOf,
  execute,
  folderSessionBackend,
  gitHubSink,
  installClis,
  isolateAgents,
  prepareWorkspaceOf,
  runDirectory,
  staleAfterMsOf,
  systemClock
} from "./chunk-T5PDN57G.js";
import {
  gitHubAccess
} from "./chunk-VB7WGPQF.js";
import {
  logUntrusted
} from "./chunk-I2RUHTMR.js";
import "./chunk-KR657CVH.js";
import "./chunk-NB3O4JBA.js";
import "./chunk-TNPHJUMN.js";
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
import "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-YBUMR2VQ.js";
import "./chunk-RRRZR3CE.js";
import {
  DEFAULT_WRITE_INTERVAL_MS
} from "./chunk-N5OYCJPH.js";
import "./chunk-NIVG6WZ2.js";
import {
  info
} from "./chunk-GJWFR67G.js";
import "./chunk-2GQDRHI5.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";

// src/kernel/run-mode.ts
import { join as join3, resolve } from "node:path";

// src/sessions/actions-cache.ts
import { accessSync, constants, cpSync, mkdirSync as mkdirSync2, rmSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join as join2 } from "node:path";

// src/sessions/tar-guard.ts
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  const script = join(dir, "tar-guard.mjs");
  writeFileSync(script, GUARD);
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    join(bin, "tar"),
    `#!/bin/sh
exec ${quote(process.execPath)} ${quote(script)} ${quote(realTar)} ${quote(allowed)} "$@"
`
  );
  chmodSync(join(bin, "tar"), 493);
  return bin;
}

// src/sessions/actions-cache.ts
function findProgram(name, path) {
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const file = join2(dir, name);
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
  const load = () => import("./cache-YKZLQMVR.js");
  let queue = Promise.resolve();
  const inBase = (extraPath, work) => {
    const run = async () => {
      const saved = { HOME: process.env.HOME, GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE, PATH: process.env.PATH };
      mkdirSync2(base, { recursive: true });
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
    const next = queue.then(run, run);
    queue = next.catch(() => void 0);
    return next;
  };
  return {
    where: "the Actions cache",
    async restore(prefix, dir) {
      const cache = await load();
      const entry = join2(base, prefix);
      const realTar = findProgram("tar", process.env.PATH ?? "");
      if (process.platform !== "linux" || !realTar) return false;
      const guardDir = join2(`${base}-guard`, prefix);
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
      const entry = join2(base, prefix);
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

// src/kernel/claim-gate.ts
import { setTimeout as sleep } from "node:timers/promises";
function gateOnClaim(claim, run) {
  const lost = new AbortController();
  const won = claim.then(
    (c) => c.claimed,
    () => false
  );
  void won.then((ok) => ok || lost.abort());
  const whenWon = async (write, otherwise) => await won ? write() : otherwise;
  const { sink, github } = run;
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
    signal: AbortSignal.any([run.signal, lost.signal]),
    sink: gated,
    github: github && {
      ...github,
      createReview: (number, review) => whenWon(() => github.createReview(number, review), void 0).then((r) => r ?? refused()),
      openPullRequest: (request) => whenWon(() => github.openPullRequest(request), void 0).then((r) => r ?? refused())
    },
    artifacts: {
      publish: (name, files, root) => whenWon(() => run.artifacts.publish(name, files, root), { status: "skipped", name, reason: REFUSED })
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
async function claimIssue(claimant, options, run, waitForIt) {
  const free = await claimant.claimable(options);
  if (!free.claimed) return { standDown: free.reason, ...free.busy && { busy: true } };
  const staked = claimant.stake(options);
  staked.catch(() => void 0);
  if (waitForIt) {
    const settled = await staked;
    if (!settled.claimed) return { standDown: settled.reason, ...settled.busy && { busy: true } };
  }
  return { gate: gateOnClaim(staked, run) };
}
async function claimIssueInTurn(claimant, options, run, waitForIt, turn) {
  for (let look = 1; ; look++) {
    const claim = await claimIssue(claimant, { ...options, now: /* @__PURE__ */ new Date() }, run, waitForIt);
    if (!("standDown" in claim) || !claim.busy || !turn || look >= turn.attempts || run.signal.aborted) return claim;
    turn.log(
      `${claim.standDown.replace(/; this run stands down$/, "")}: waiting for its turn (look ${look} of ${turn.attempts}).`
    );
    await sleep(turn.pollMs, void 0, { signal: run.signal }).catch(() => void 0);
  }
}

// src/kernel/run-mode.ts
async function runClaimed({
  inputs,
  ctx,
  config,
  route,
  definition,
  redactor,
  clients,
  firstListing,
  signal,
  log,
  progress
}) {
  const repo = { owner: ctx.owner, repo: ctx.repo };
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
  const dir = runDirectory(join3(ctx.runnerTemp, "ai-orchestra"), ctx, route.issue.number);
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
    join3(dir, "comments"),
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
      sessionBackend: actionsCacheAvailable(process.env) ? actionsCacheSessionBackend(join3(ctx.runnerTemp, "ai-orchestra-session-entries")) : folderSessionBackend(join3(ctx.runnerTemp, "ai-orchestra", "sessions"))
    },
    route
  );
  const claimed = await afterClaim(gate, running);
  if (!claimed.claimed) return standDown(claimed.reason);
  const execution = claimed.value;
  info(progress.summaryLine(route.pipeline, execution.outcome.status));
  await reportExecution(definition, execution, redactor);
}
export {
  runClaimed
};
