import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DEFAULT_WRITE_INTERVAL_MS,
  GitHubReporter,
  LocalReporter,
  adapterFor,
  agentRunnerFor,
  answerAsPersona,
  buildAgentEnv,
  buildAnswerPrompt,
  chooseAgents,
  createOctokit,
  describeMissing,
  executePersonas,
  executeRelay,
  executeReview,
  fetchIssue,
  findMissingPrograms,
  killAllRunning,
  listIssueComments,
  loadConfig,
  loadRunContext,
  locateProgram,
  logUntrusted,
  neutralTaskPrompt,
  openRelayCheckout,
  pacingFor,
  parseStatusState,
  parseStoredRecord,
  personaStatusEntries,
  pipelineAgentNames,
  rateAgents,
  readInputs,
  recordId,
  redactorFor,
  renderAgentComment,
  renderStatusComment,
  renderSummary,
  reviewJudges,
  reviewStatusEntries,
  routeEvent,
  runDirectory,
  runNote,
  runProcess,
  sanitizeOutput,
  secretsGivenToAgents,
  staleAfterMs,
  statusNote,
  statusOf,
  sudoProgram,
  sweepAllLeftovers,
  toStoredRecord,
  withFallbacks,
  writeDashboard
} from "./chunks/chunk-7NQW3RQI.js";
import "./chunks/chunk-YXNRRRKV.js";
import {
  info,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-WY7XEYRI.js";

// src/main.ts
import { join as join8, resolve as resolve3 } from "node:path";

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
    const { DefaultArtifactClient } = await import("./chunks/artifact-BCQHCMEA.js");
    const { id, size } = await new DefaultArtifactClient().uploadArtifact(name, upload.files, upload.rootDirectory);
    const url = id !== void 0 && upload.runUrl ? `${upload.runUrl}/artifacts/${id}` : void 0;
    upload.log(`Uploaded the artifact ${name}${size !== void 0 ? ` (${size} bytes)` : ""}${url ? `: ${url}` : ""}.`);
    return { status: "uploaded", name, ...id !== void 0 ? { id } : {}, ...url ? { url } : {}, ...size !== void 0 ? { bytes: size } : {} };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "failed", name, error: `uploading the artifact ${name} failed: ${message}` };
  }
}
async function listWorkflowArtifacts(env) {
  const missing = missingArtifactService(env);
  if (missing) throw new Error(`Cannot list the run's artifacts: ${missing}.`);
  const { DefaultArtifactClient } = await import("./chunks/artifact-BCQHCMEA.js");
  const { artifacts } = await new DefaultArtifactClient().listArtifacts();
  return artifacts.map((a) => ({ id: a.id, name: a.name }));
}
async function downloadWorkflowArtifact(artifact, path) {
  const { DefaultArtifactClient } = await import("./chunks/artifact-BCQHCMEA.js");
  await new DefaultArtifactClient().downloadArtifact(artifact.id, { path });
}

// src/github/permissions.ts
var WRITERS = /* @__PURE__ */ new Set(["admin", "maintain", "write"]);
async function checkTriggerPermission(octokit, repo, trigger, allowedBots) {
  const isBot = trigger.type === "Bot" || trigger.login.endsWith("[bot]");
  if (isBot) {
    const allowed = allowedBots.some((b) => b.toLowerCase() === trigger.login.toLowerCase());
    return allowed ? { allowed: true, reason: `${trigger.login} is listed in allowed-bots` } : { allowed: false, reason: `${trigger.login} is a bot and not listed in the allowed-bots input` };
  }
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: trigger.login });
    const role = data.role_name ?? data.permission;
    return WRITERS.has(role) ? { allowed: true, reason: `${trigger.login} has ${role} permission` } : { allowed: false, reason: `${trigger.login} has ${role} permission; admin, maintain or write is required` };
  } catch (error) {
    const status = statusOf(error);
    return {
      allowed: false,
      reason: `could not check ${trigger.login}'s permission (${status ? `HTTP ${status}` : error instanceof Error ? error.message : String(error)}); refusing to run`
    };
  }
}

// src/install/prepare.ts
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";

// src/install/install.ts
import { existsSync } from "node:fs";
import { mkdir, readFile as readFile2, rm, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
import { performance } from "node:perf_hooks";

// src/install/npm.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
var INSTALL_TIMEOUT_MS = 10 * 6e4;
var VIEW_TIMEOUT_MS = 2 * 6e4;
var TAIL_LINES = 10;
var NPM_NOISE = /^npm (error|ERR!)( 404)?\s*$|Note that you can also install from a|tarball, folder, http url, or git url|A complete log of this run can be found in/;
var NpmError = class extends Error {
  name = "NpmError";
};
function npmEnv(parentEnv) {
  return buildAgentEnv({
    parentEnv,
    prefixes: ["npm_config_", "NPM_CONFIG_"],
    passEnv: ["NODE_AUTH_TOKEN"],
    adapterEnv: { npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
    configEnv: {}
  });
}
var sequence = 0;
async function npm(args, cwd, ctx, timeoutMs, label) {
  const result = await runProcess({
    argv: ["npm", ...args],
    env: npmEnv(ctx.parentEnv),
    cwd,
    stdin: "",
    timeoutMs,
    killGraceMs: 2e3,
    outputDir: ctx.logDir,
    label: `npm-${String(++sequence).padStart(2, "0")}-${label.replace(/[^A-Za-z0-9.-]+/g, "_")}`,
    signal: ctx.signal
  });
  if (result.spawnError) {
    const hint = result.spawnError.code === "ENOENT" ? " (install: true needs Node.js and npm on the runner, e.g. actions/setup-node)" : "";
    throw new NpmError(`could not run npm: ${result.spawnError.message}${hint}`);
  }
  if (result.aborted) throw new NpmError("cancelled with the workflow");
  if (result.timedOut) throw new NpmError(`npm ${args[0]} did not finish within ${timeoutMs / 1e3} s and was killed`);
  if (result.exitCode !== 0) {
    const lines = result.stderr.text.trimEnd().split("\n").filter((line) => !NPM_NOISE.test(line));
    const tail = lines.slice(-TAIL_LINES).join("\n");
    throw new NpmError(`npm ${args[0]} exited with code ${result.exitCode}${tail ? `:
${tail}` : ""}`);
  }
  return result;
}
async function resolveDistTag(name, tag, cwd, ctx) {
  const result = await npm(["view", `${name}@${tag}`, "version", "--json"], cwd, ctx, VIEW_TIMEOUT_MS, `view-${name}`);
  const text = result.stdout.text.trim();
  let version;
  try {
    version = text === "" ? void 0 : JSON.parse(text);
  } catch {
    version = void 0;
  }
  if (typeof version !== "string" || version === "") throw new NpmError(`the registry has no dist-tag "${tag}" for ${name}`);
  return version;
}
async function npmInstall(name, version, dir, ctx) {
  await npm(["install", "--prefix", dir, "--no-audit", "--no-fund", "--save-exact", `${name}@${version}`], dir, ctx, INSTALL_TIMEOUT_MS, `install-${name}`);
  try {
    const lock = JSON.parse(await readFile(join(dir, "package-lock.json"), "utf8"));
    const resolved = lock.packages?.[`node_modules/${name}`]?.resolved;
    return typeof resolved === "string" ? { resolved: withoutCredentials(resolved) } : {};
  } catch {
    return {};
  }
}
function withoutCredentials(url) {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

// src/install/install.ts
var MARKER = ".ai-orchestra-install.json";
var EXACT_VERSION = /^\d+\.\d+\.\d+([-+].*)?$/;
function cacheKey(name, version, platform = process.platform, arch = process.arch) {
  return `ai-orchestra-cli-${platform}-${arch}-${name}@${version}`;
}
async function installPlannedClis(plan, deps) {
  const byPackage = /* @__PURE__ */ new Map();
  for (const entry of plan) {
    if (entry.kind !== "install") continue;
    const id = `${entry.pkg.name}@${entry.pkg.version}`;
    const group = byPackage.get(id) ?? { pkg: entry.pkg, agents: [] };
    group.agents.push(entry.agent);
    byPackage.set(id, group);
  }
  if (byPackage.size === 0) return /* @__PURE__ */ new Map();
  if (!deps.cache.available) deps.info("The Actions cache service is not available here, so installed CLIs are not cached between runs.");
  const results = await Promise.all(
    [...byPackage.values()].map(async ({ pkg, agents }) => ({ agents, outcome: await installPackage(pkg, agents, deps) }))
  );
  return new Map(results.flatMap(({ agents, outcome }) => agents.map((agent) => [agent, outcome])));
}
async function installPackage(pkg, agents, deps) {
  const started = performance.now();
  try {
    await mkdir(deps.toolRoot, { recursive: true });
    const version = EXACT_VERSION.test(pkg.version) ? pkg.version : await resolveDistTag(pkg.name, pkg.version, deps.toolRoot, deps.npm);
    const dir = join2(deps.toolRoot, pkg.name, version);
    const tagNote = version === pkg.version ? "" : ` (dist-tag ${pkg.version})`;
    const target = { ...pkg, version, dir, binDir: join2(dir, "node_modules", ".bin"), label: `${pkg.name}@${version}${tagNote} for ${agents.join(", ")}`, started };
    deps.info(await reuseInstalled(target, deps) ?? await installFresh(target, deps));
    return { binDir: target.binDir };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `could not install \`${pkg.binary}\` (${pkg.name}@${pkg.version}) from npm after ${seconds(started)}: ${reason}`;
    deps.warn(`For ${agents.join(", ")}: ${message}`);
    return { error: message };
  }
}
async function completeInstall(target) {
  const marker = await readMarker(target.dir);
  const complete = marker?.name === target.name && marker.version === target.version && existsSync(join2(target.binDir, target.binary));
  return complete ? marker : void 0;
}
async function reuseInstalled(target, deps) {
  const existing = await completeInstall(target);
  if (existing) return `Using ${target.label}, installed earlier in ${target.dir} (from ${existing.resolved ?? "npm"}).`;
  if (!deps.cache.available) return void 0;
  const key = cacheKey(target.name, target.version);
  const restored = await restoreFromCache(target.dir, key, deps) ? await completeInstall(target) : void 0;
  if (!restored) return void 0;
  return `Restored ${target.label} from the Actions cache (key ${key}) in ${seconds(target.started)}; first installed from ${restored.resolved ?? "npm"}.`;
}
async function installFresh(target, deps) {
  await rm(target.dir, { recursive: true, force: true });
  await mkdir(target.dir, { recursive: true });
  const { resolved } = await npmInstall(target.name, target.version, target.dir, deps.npm);
  if (!existsSync(join2(target.binDir, target.binary))) {
    throw new NpmError(`${target.name}@${target.version} installed, but it provides no \`${target.binary}\` program in node_modules/.bin`);
  }
  const marker = { name: target.name, version: target.version, ...resolved ? { resolved } : {}, installedAt: (/* @__PURE__ */ new Date()).toISOString() };
  await writeFile(join2(target.dir, MARKER), `${JSON.stringify(marker, null, 2)}
`);
  const installedIn = seconds(target.started);
  const cacheNote = deps.cache.available ? await saveToCache(target.dir, cacheKey(target.name, target.version), deps.cache) : "not cached";
  return `Installed ${target.label} from ${resolved ?? "npm"} in ${installedIn} into ${target.dir} (cache: ${cacheNote}).`;
}
async function restoreFromCache(dir, key, deps) {
  try {
    return await deps.cache.restore(dir, key);
  } catch (error) {
    deps.warn(`Could not restore ${key} from the Actions cache (installing instead): ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
async function saveToCache(dir, key, cache) {
  try {
    await cache.save(dir, key);
    return `miss, saved as ${key}`;
  } catch (error) {
    return `miss, not saved: ${error instanceof Error ? error.message : String(error)}`;
  }
}
async function readMarker(dir) {
  try {
    return JSON.parse(await readFile2(join2(dir, MARKER), "utf8"));
  } catch {
    return void 0;
  }
}
function seconds(since) {
  return `${((performance.now() - since) / 1e3).toFixed(1)} s`;
}

// src/install/plan.ts
function planCliInstalls(agents, pathVar) {
  return agents.map((agent) => {
    const adapter = adapterFor(agent);
    const program = agent.command?.[0] ?? adapter.binary;
    const path = locateProgram(program, pathVar);
    if (path !== void 0) return { agent: agent.name, kind: "on-path", program, path, ...agent.version ? { pinned: agent.version } : {} };
    if (agent.command !== void 0) {
      return { agent: agent.name, kind: "not-installable", program, reason: "command agents are never installed; install the program in an earlier step" };
    }
    if (!adapter.npm) return { agent: agent.name, kind: "not-installable", program, reason: `the ${adapter.id} CLI has no npm package to install; ${adapter.installHint}` };
    const pkg = { name: adapter.npm.name, version: agent.version ?? adapter.npm.defaultVersion, binary: adapter.binary };
    return { agent: agent.name, kind: "install", program, pkg, pinned: agent.version !== void 0 };
  });
}
function describePlan(plan) {
  return plan.map((entry) => {
    switch (entry.kind) {
      case "on-path":
        return `  ${entry.agent}: \`${entry.program}\` is on PATH (${entry.path}); not installed${entry.pinned ? ` (its version is not checked against the pinned ${entry.pinned})` : ""}`;
      case "install":
        return `  ${entry.agent}: \`${entry.program}\` is missing; installing ${entry.pkg.name}@${entry.pkg.version} (${entry.pinned ? `agents.${entry.agent}.version` : "default version"})`;
      case "not-installable":
        return `  ${entry.agent}: \`${entry.program}\` is missing and is not installed: ${entry.reason}`;
    }
  }).join("\n");
}

// src/install/prepare.ts
async function prepareAgentClis(opts) {
  const pathVar = opts.env.PATH ?? "";
  if (!opts.install) {
    const missing = findMissingPrograms(opts.agents, pathVar);
    if (missing.length > 0) {
      const installable = missing.filter((m) => adapterFor(opts.agents.find((a) => a.name === m.agent)).npm !== void 0);
      const hint = installable.length > 0 ? `
Or set the action input \`install: true\` to install ${installable.map((m) => `\`${m.program}\``).join(", ")} from npm.` : "";
      opts.warn(`Some agent programs are missing; those agents will fail:
${describeMissing(missing)}${hint}`);
    }
    return /* @__PURE__ */ new Map();
  }
  const plan = planCliInstalls(opts.agents, pathVar);
  opts.info(`Agent CLIs (install: true):
${describePlan(plan)}`);
  const uninstallable = plan.filter((entry) => entry.kind === "not-installable");
  if (uninstallable.length > 0) opts.warn(`Some agent programs are missing and cannot be installed; those agents will fail: ${uninstallable.map((e) => e.agent).join(", ")}.`);
  if (!plan.some((entry) => entry.kind === "install")) return /* @__PURE__ */ new Map();
  const cache = opts.cache ?? (await import("./chunks/tool-cache-JNUFESNG.js")).actionsToolCache();
  return installPlannedClis(plan, {
    toolRoot: join3(opts.env.RUNNER_TOOL_CACHE || opts.env.RUNNER_TEMP || tmpdir(), "ai-orchestra"),
    npm: { parentEnv: opts.env, logDir: opts.logDir, signal: opts.signal },
    cache,
    info: opts.info,
    warn: opts.warn
  });
}

// src/isolation/prepare.ts
import { mkdirSync } from "node:fs";
import { userInfo as userInfo2 } from "node:os";

// src/isolation/agent-user.ts
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/isolation/system.ts
function systemPath() {
  const path = process.env.PATH ?? "";
  const extra = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"].filter((dir) => !path.split(":").includes(dir));
  return [path, ...extra].filter(Boolean).join(":");
}
var sequence2 = 0;
async function runCommand(argv, logDir, runAs) {
  const label = `isolation-${String(++sequence2).padStart(2, "0")}-${(argv[0] ?? "cmd").replace(/[^\w.-]/g, "_").slice(-24)}`;
  const result = await runProcess({
    argv,
    env: { PATH: systemPath(), LC_ALL: "C" },
    cwd: "/",
    stdin: "",
    timeoutMs: 6e4,
    killGraceMs: 2e3,
    outputDir: logDir,
    label,
    runAs
  });
  const timedOut = result.timedOut ? "timed out after 60 s" : void 0;
  const spawnError = result.spawnError ? `${result.spawnError.code}: ${result.spawnError.message}` : timedOut;
  return { exitCode: result.exitCode, stdout: result.stdout.text, stderr: result.stderr.text, ...spawnError ? { spawnError } : {} };
}
async function detectPrivilege(logDir) {
  if (process.getuid?.() === 0) return "root";
  const probe = await runCommand([sudoProgram(), "-n", "true"], logDir);
  return probe.exitCode === 0 ? "sudo" : void 0;
}
function systemCommands(privilege, logDir) {
  return {
    privilege,
    asSelf: (argv) => runCommand(argv, logDir),
    asRoot: (argv) => runCommand(privilege === "root" ? argv : [sudoProgram(), "-n", "--", ...argv], logDir),
    asUser: (runAs, argv) => runCommand(argv, logDir, runAs)
  };
}
function describeFailure(argv, result) {
  const why = result.spawnError ?? `exit code ${result.exitCode ?? "none"}`;
  const stderr = result.stderr.trim().split("\n").slice(-3).join(" / ");
  return `\`${argv.join(" ")}\` failed (${why})${stderr ? `: ${stderr}` : ""}`;
}

// src/isolation/agent-user.ts
var USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
var PRIVILEGED_GROUPS = ["root", "sudo", "admin", "wheel", "docker", "lxd", "libvirt", "disk", "shadow", "adm", "systemd-journal"];
function validateUserName(name) {
  if (!USER_NAME.test(name)) {
    throw new Error(
      `agent-user "${name}" is not a valid user name: lower-case letters, digits, "_" and "-", starting with a letter or "_", at most 32 characters.`
    );
  }
}
function parsePasswdLine(line) {
  const fields = line.trim().split(":");
  if (fields.length < 7) return void 0;
  const [name, , uid, gid, , home] = fields;
  if (!name || !/^\d+$/.test(uid ?? "") || !/^\d+$/.test(gid ?? "") || !home) return void 0;
  return { name, uid: Number(uid), gid: Number(gid), home };
}
async function lookupAccount(name, sys) {
  const result = await sys.asSelf(["getent", "passwd", name]);
  if (result.exitCode === 2) return void 0;
  const account = result.exitCode === 0 ? parsePasswdLine(result.stdout) : void 0;
  if (!account) throw new Error(`Could not look up the agent user: ${describeFailure(["getent", "passwd", name], result)}`);
  return account;
}
async function noLoginShell() {
  for (const shell of ["/usr/sbin/nologin", "/sbin/nologin"]) {
    if (await access(shell, constants.X_OK).then(() => true, () => false)) return shell;
  }
  return "/bin/false";
}
function useraddArgv(name, shell) {
  return ["useradd", "--system", "--create-home", "--home-dir", `/home/${name}`, "--shell", shell, "--user-group", "--comment", "AI Orchestra agents", name];
}
async function checkUnprivileged(account, sys) {
  if (account.uid === 0) throw new Error(`agent-user ${account.name} has uid 0: agents must run as an unprivileged user.`);
  if (account.uid === process.getuid?.()) {
    throw new Error(`agent-user ${account.name} is the user this action runs as: its agents could read the action's environment, github-token included. Name another user.`);
  }
  const groups = await sys.asSelf(["id", "-Gn", account.name]);
  const privileged = groups.stdout.trim().split(/\s+/).filter((group) => PRIVILEGED_GROUPS.includes(group));
  if (privileged.length > 0) {
    throw new Error(`agent-user ${account.name} is in the group(s) ${privileged.join(", ")}, which give root-equivalent rights or read system logs. Use a user without them.`);
  }
  const rights = await sys.asRoot(["sudo", "-n", "-l", "-U", account.name]);
  if (rights.exitCode === 0 && !/not allowed to run sudo/i.test(rights.stdout)) {
    throw new Error(`agent-user ${account.name} may use sudo:
${rights.stdout.trim()}
Use a user without sudo rights.`);
  }
}
async function ensureAgentAccount(name, sys, info2) {
  validateUserName(name);
  let account = await lookupAccount(name, sys);
  if (account === void 0) {
    const argv = useraddArgv(name, await noLoginShell());
    const result = await sys.asRoot(argv);
    account = await lookupAccount(name, sys);
    if (account === void 0) {
      throw new Error(result.exitCode !== 0 ? `Could not create the agent user: ${describeFailure(argv, result)}` : `useradd created ${name}, but getent cannot find it.`);
    }
    info2(`Created the user ${name} (uid ${account.uid}) for the agents: a system user without password or login shell, home ${account.home}.`);
  } else {
    info2(`Agents run as the existing user ${name} (uid ${account.uid}, home ${account.home}).`);
  }
  await checkUnprivileged(account, sys);
  return account;
}
async function prepareHome(account, sys) {
  const missing = await stat(account.home).then(() => false, (err) => err.code === "ENOENT");
  const dirs = [...missing ? [account.home] : [], join4(account.home, "tmp")];
  for (const dir of dirs) {
    const argv = ["install", "-d", "-o", String(account.uid), "-g", String(account.gid), "-m", "0700", dir];
    const result = await sys.asRoot(argv);
    if (result.exitCode !== 0) throw new Error(`Could not prepare the agent user's home: ${describeFailure(argv, result)}`);
  }
}
function identityEnv(account, gitRoot) {
  const home = account.home;
  return {
    HOME: home,
    USER: account.name,
    LOGNAME: account.name,
    TMPDIR: join4(home, "tmp"),
    XDG_CONFIG_HOME: join4(home, ".config"),
    XDG_CACHE_HOME: join4(home, ".cache"),
    XDG_DATA_HOME: join4(home, ".local", "share"),
    XDG_STATE_HOME: join4(home, ".local", "state"),
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "safe.directory",
    GIT_CONFIG_VALUE_0: gitRoot
  };
}

// src/isolation/drop-sudo.ts
import { writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join as join5 } from "node:path";
var AGENT_SUDOERS_FILE = "/etc/sudoers.d/ai-orchestra-agent";
var SUDOERS_USER = /^[a-z_][a-z0-9_.-]*$/i;
function agentSudoersRule(self, agentUser) {
  return `# Written by AI Orchestra (drop-sudo): ${self} may only act as ${agentUser}.
${self} ALL=(${agentUser}) NOPASSWD: ALL
`;
}
function userLinePattern(user) {
  return `^[[:space:]]*${user.replace(/[.]/g, "\\.")}[[:space:]]`;
}
async function mustSucceed(sys, argv, what) {
  const result = await sys.asRoot(argv);
  if (result.exitCode !== 0) throw new Error(`drop-sudo: could not ${what}: ${describeFailure(argv, result)}`);
  return result.stdout;
}
async function dropSudo(opts) {
  const { privilege, sys, agentUser, log } = opts;
  if (privilege === "root") return log.warning("drop-sudo has no effect: this action runs as root, and so do the later steps of the job.");
  if (privilege === void 0 || sys === void 0) return log.info("drop-sudo: this user has no passwordless sudo; nothing to drop.");
  const self = userInfo().username;
  if (!SUDOERS_USER.test(self)) throw new Error(`drop-sudo: cannot edit sudoers safely for the user name "${self}".`);
  if (agentUser !== void 0) {
    const draft = join5(opts.logDir, "ai-orchestra-agent.sudoers");
    writeFileSync(draft, agentSudoersRule(self, agentUser), { mode: 384 });
    await mustSucceed(sys, ["visudo", "-c", "-q", "-f", draft], "validate the agent rule");
    await mustSucceed(sys, ["install", "-m", "0440", "-o", "root", "-g", "root", draft, AGENT_SUDOERS_FILE], `write ${AGENT_SUDOERS_FILE}`);
  }
  const listed = await mustSucceed(sys, ["find", "/etc/sudoers.d", "-maxdepth", "1", "-type", "f"], "list /etc/sudoers.d");
  const files = ["/etc/sudoers", ...listed.split("\n").map((f) => f.trim())].filter((f) => f !== "" && f !== AGENT_SUDOERS_FILE);
  const pattern = userLinePattern(self);
  const matching = (await sys.asRoot(["grep", "-l", "-E", pattern, ...files])).stdout.split("\n").filter(Boolean);
  for (const file of matching) await mustSucceed(sys, ["sed", "-i", "-E", `/${pattern}/d`, file], `edit ${file}`);
  const still = await sys.asSelf(["sudo", "-n", "true"]);
  if (still.exitCode === 0) {
    throw new Error(`drop-sudo: ${self} still has sudo after removing its lines from ${matching.join(", ") || "no file"}; a group rule (e.g. %sudo NOPASSWD) may grant it. Remove it in an earlier step.`);
  }
  if (agentUser !== void 0 && (await sys.asSelf(["sudo", "-n", "-u", agentUser, "true"])).exitCode !== 0) {
    throw new Error(`drop-sudo: ${self} can no longer start agents as ${agentUser}; ${AGENT_SUDOERS_FILE} did not take effect.`);
  }
  const kept = agentUser !== void 0 ? `; it may only run commands as ${agentUser} (${AGENT_SUDOERS_FILE})` : "";
  log.info(`drop-sudo: removed ${self}'s sudo rights (${matching.join(", ") || "no lines of its own"})${kept}. The later steps of this job have no sudo either.`);
}

// src/isolation/workspace-access.ts
import { existsSync as existsSync2, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join as join6, relative, resolve } from "node:path";
function isInside(child, parent) {
  const rel = relative(parent, child);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
function ancestors(dir) {
  const result = [];
  for (let current = dirname(resolve(dir)); ; current = dirname(current)) {
    result.unshift(current);
    if (dirname(current) === current) return result;
  }
}
function planAccess(workingDirectory, mode, runnerTemp, log) {
  const traverse = ancestors(workingDirectory).filter((dir) => (statSync(dir).mode & 1) === 0);
  const deny = [];
  if (runnerTemp && existsSync2(runnerTemp)) {
    if (isInside(workingDirectory, runnerTemp)) {
      log.warning(`The working directory ${workingDirectory} is inside RUNNER_TEMP, so the agent user can reach the workflow's file commands there.`);
    } else {
      deny.push(resolve(runnerTemp));
    }
  }
  return { traverse, workingDirectory: resolve(workingDirectory), mode, deny };
}
function aclCommands(plan, agentUid, ownUid) {
  const user = `u:${agentUid}`;
  const inherited = plan.mode === "write" ? [`d:${user}:rwX`, ...ownUid && ownUid !== 0 ? [`d:u:${ownUid}:rwX`] : []] : [];
  const tree = [plan.mode === "write" ? `${user}:rwX` : `${user}:rX`, ...inherited].join(",");
  return [
    ...plan.traverse.map((dir) => ["setfacl", "-m", `${user}:--x`, dir]),
    // -P: a symlink in the checkout (say, to ~/.ssh) must not carry the grant outside it.
    ["setfacl", "-R", "-P", "-m", tree, plan.workingDirectory],
    // A named entry without rights wins over "other": the agent cannot enter RUNNER_TEMP whatever its mode.
    ...plan.deny.map((dir) => ["setfacl", "-m", `${user}:---`, dir])
  ];
}
function modeCommands(plan) {
  return [
    ...plan.traverse.map((dir) => ["chmod", "o+x", dir]),
    ["chmod", "-R", "o+rX", plan.workingDirectory],
    ...plan.deny.map((dir) => ["chmod", "o-rwx", dir])
  ];
}
async function runAll(commands, sys) {
  for (const argv of commands) {
    const result = await sys.asRoot(argv);
    if (result.exitCode !== 0) throw new Error(`Could not give the agent user access to the working directory: ${describeFailure(argv, result)}`);
  }
}
function describePlan2(plan) {
  const parts = [
    plan.traverse.length > 0 ? `search only (no listing) on ${plan.traverse.join(", ")}` : "",
    `${plan.mode === "write" ? "read and write" : "read"} on ${plan.workingDirectory} and below (symlinks not followed)`,
    plan.deny.length > 0 ? `no access to ${plan.deny.join(", ")} (RUNNER_TEMP: file commands, credentials, logs)` : ""
  ];
  return parts.filter(Boolean).join("; ");
}
async function grantAccess(plan, account, runAs, sys, log) {
  const hasSetfacl = (await sys.asRoot(["setfacl", "--version"])).exitCode === 0;
  if (hasSetfacl) {
    await runAll(aclCommands(plan, account.uid, process.getuid?.()), sys);
    log.info(`Gave ${account.name} by ACL: ${describePlan2(plan)}.`);
  } else if (plan.mode === "write") {
    throw new Error(
      `agent-user for a pipeline that edits files needs ACLs, and setfacl is not installed. Install the acl package in an earlier step (apt-get install -y acl), or leave agent-user empty.`
    );
  } else {
    await runAll(modeCommands(plan), sys);
    log.warning(
      `setfacl is not installed, so access was granted with mode bits, which apply to every local user: ${describePlan2(plan)}. Install the acl package (apt-get install -y acl) to grant ${account.name} alone.`
    );
  }
  await verifyAccess(plan, runAs, sys, log, account.name);
}
async function verifyAccess(plan, runAs, sys, log, name) {
  const want = plan.mode === "write" ? ["-r", "-x", "-w"] : ["-r", "-x"];
  const argv = ["test", ...want.flatMap((flag, i) => [...i > 0 ? ["-a"] : [], flag, plan.workingDirectory])];
  const result = await sys.asUser(runAs, argv);
  if (result.exitCode !== 0) {
    throw new Error(`${name} still cannot ${plan.mode === "write" ? "read and write" : "read"} ${plan.workingDirectory} (${describeFailure(argv, result)}).`);
  }
  for (const dir of plan.deny) {
    if ((await sys.asUser(runAs, ["test", "-x", dir])).exitCode === 0) log.warning(`${name} can still enter ${dir}.`);
  }
}
function findGitDir(dir) {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const dotGit = join6(current, ".git");
    try {
      const info2 = statSync(dotGit);
      if (info2.isDirectory()) return { root: current, gitDir: dotGit };
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"));
      if (pointer?.[1]) return { root: current, gitDir: resolve(current, pointer[1].trim()) };
    } catch {
    }
    if (dirname(current) === current) return void 0;
  }
}
function checkPersistedCredentials(workingDirectory, runnerTemp) {
  const git = findGitDir(workingDirectory);
  if (!git) return;
  let config;
  try {
    config = readFileSync(join6(git.gitDir, "config"), "utf8");
  } catch {
    return;
  }
  const inline = /^\s*extraheader\s*=.*authorization/im.test(config) || /https?:\/\/[^\s/@:]+:[^\s/@]+@/i.test(config);
  const included = [...config.matchAll(/^\s*path\s*=\s*(.+)$/gim)].map((m) => m[1].trim().replace(/^"|"$/g, ""));
  const fromTemp = included.some((path) => /credentials/i.test(path) || runnerTemp !== void 0 && isInside(path, runnerTemp));
  if (!inline && !fromTemp) return;
  const where = inline ? `${join6(git.gitDir, "config")} holds credentials that the agents could read` : `${join6(git.gitDir, "config")} includes credentials from RUNNER_TEMP, which the agents cannot read, so git would fail for them`;
  throw new Error(
    `${where}. Check out with \`persist-credentials: false\` (actions/checkout); AI Orchestra posts with its own github-token and does not need them.`
  );
}

// src/isolation/prepare.ts
function accessModeFor(pipeline) {
  return pipeline === "relay-pipeline" ? "write" : "read-only";
}
async function prepareIsolation(opts) {
  mkdirSync(opts.logDir, { recursive: true });
  const { log } = opts;
  if (opts.agentUser === void 0) {
    log.info(
      `Agents run as ${userInfo2().username}, the user running this action, so they can read its environment (github-token included) from /proc/<ppid>/environ. Set agent-user to run them as an unprivileged user.`
    );
    if (opts.dropSudo) {
      log.warning("drop-sudo without agent-user keeps agents away from root, but not from this action's environment.");
      const privilege2 = await detectPrivilege(opts.logDir);
      await dropSudo({ privilege: privilege2, sys: privilege2 && systemCommands(privilege2, opts.logDir), agentUser: void 0, logDir: opts.logDir, log });
    }
    return void 0;
  }
  if (process.platform !== "linux") throw new Error(`agent-user is supported on Linux runners only (this one is ${process.platform}).`);
  const privilege = await detectPrivilege(opts.logDir);
  if (privilege === void 0) {
    throw new Error(
      `agent-user needs root or passwordless sudo to set up ${opts.agentUser} and run agents as it, and ${userInfo2().username} has neither (sudo -n true failed). Use a GitHub-hosted Linux runner or a container running as root, or leave agent-user empty.`
    );
  }
  checkPersistedCredentials(opts.workingDirectory, opts.runnerTemp);
  const sys = systemCommands(privilege, opts.logDir);
  const account = await ensureAgentAccount(opts.agentUser, sys, log.info);
  await prepareHome(account, sys);
  const runAs = privilege === "root" ? { via: "uid", uid: account.uid, gid: account.gid } : { via: "sudo", user: account.name };
  await grantAccess(planAccess(opts.workingDirectory, opts.access, opts.runnerTemp, log), account, runAs, sys, log);
  if (opts.dropSudo) await dropSudo({ privilege, sys, agentUser: account.name, logDir: opts.logDir, log });
  const gitRoot = findGitDir(opts.workingDirectory)?.root ?? opts.workingDirectory;
  return { user: account.name, runAs, env: identityEnv(account, gitRoot) };
}

// src/matrix/jobs.ts
import { mkdirSync as mkdirSync2, readFileSync as readFileSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join7, resolve as resolve2 } from "node:path";

// src/matrix/status.ts
var ROWS_LINE = /<!-- ai-orchestra:rows=([A-Za-z0-9_-]+) -->/;
function renderSharedStatus(view) {
  const stored = { pipeline: view.pipeline, startedAt: view.startedAt.toISOString(), runUrl: view.runUrl, entries: view.entries };
  return `${renderStatusComment(view)}
<!-- ai-orchestra:rows=${Buffer.from(JSON.stringify(stored)).toString("base64url")} -->`;
}
function parseSharedStatus(body) {
  const m = body ? ROWS_LINE.exec(body) : null;
  if (!m) return void 0;
  try {
    const stored = JSON.parse(Buffer.from(m[1] ?? "", "base64url").toString("utf8"));
    if (!Array.isArray(stored.entries) || typeof stored.pipeline !== "string") return void 0;
    return { pipeline: stored.pipeline, startedAt: new Date(stored.startedAt), runUrl: stored.runUrl, entries: stored.entries, overall: "running" };
  } catch {
    return void 0;
  }
}
function sameEntry(a, b) {
  return a.agent === b.agent && a.role === b.role;
}
function withEntry(body, entry) {
  const view = parseSharedStatus(body);
  if (!view || !view.entries.some((e) => sameEntry(e, entry))) return void 0;
  return renderSharedStatus({ ...view, entries: view.entries.map((e) => sameEntry(e, entry) ? { ...entry } : e) });
}
function showsEntry(body, entry) {
  const found = parseSharedStatus(body)?.entries.find((e) => sameEntry(e, entry));
  return found !== void 0 && JSON.stringify(found) === JSON.stringify({ ...entry });
}

// src/pipelines/shared-status.ts
async function updateSharedStatus(entry, deps, attempts = 5) {
  const read = deps.reporter.readComment?.bind(deps.reporter);
  if (!read) return false;
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const body = withEntry(await read("status"), entry);
      if (body === void 0) return false;
      await deps.reporter.upsertComment("status", body);
      await deps.sleep(250 + Math.floor(deps.random() * 750 * attempt));
      if (showsEntry(await read("status"), entry)) return true;
    }
    deps.warn(`The status comment's row for ${entry.agent} (${entry.role}) was overwritten by other units ${attempts} times; finalize will set it.`);
    return false;
  } catch (error) {
    deps.warn(`Could not update the status comment: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

// src/pipelines/matrix-unit.ts
function rowWriter(deps) {
  const shared = deps;
  let last = Promise.resolve();
  return {
    write: (entry) => {
      last = last.then(() => updateSharedStatus(entry, shared));
    },
    done: () => last.then(() => void 0)
  };
}
async function runReviewUnit(input, deps) {
  const rows = rowWriter(deps);
  const run2 = await deps.runner.run({
    agent: input.agent,
    prompt: buildAnswerPrompt(input.issue),
    mode: "read-only",
    role: "answer",
    onStart: () => rows.write({ agent: input.agent, role: "answer", state: "running", note: "running" })
  });
  const outcome = { run: run2 };
  if (input.commentMode !== "combined" && run2.status !== "cancelled") {
    const index = input.agents.indexOf(input.agent) + 1;
    try {
      outcome.commentUrl = (await deps.reporter.upsertComment(`agent:${run2.agent}`, renderAgentComment(run2, { index, total: input.agents.length, runUrl: input.runUrl }))).url;
    } catch (error) {
      outcome.postError = `comment agent:${run2.agent}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  rows.write({ agent: input.agent, role: "answer", state: run2.status, durationMs: run2.durationMs, note: statusNote(run2, "answer"), commentUrl: outcome.commentUrl });
  await rows.done();
  return outcome;
}
async function runPersonaUnit(input, deps) {
  const { persona } = input;
  const rows = rowWriter(deps);
  const run2 = await answerAsPersona(persona, neutralTaskPrompt(input.issue), deps.runner, () => rows.write({ agent: persona.agent, role: persona.name, state: "running", note: "answering" }));
  rows.write({ agent: persona.agent, role: persona.name, state: run2.status, durationMs: run2.durationMs, note: runNote(run2) });
  await rows.done();
  return { run: run2 };
}

// src/matrix/units.ts
function planUnits(config, pipeline) {
  if (pipeline === "ai-review") return { kind: "matrix", pipeline, units: [...config.pipelines["ai-review"].agents] };
  if (pipeline === "persona-data") return { kind: "matrix", pipeline, units: config.pipelines["persona-data"].personas.map((p) => p.name) };
  return {
    kind: "none",
    reason: `${pipeline} runs its stages one after another, each on the previous stage's work, so it has no matrix form: run it with mode: run (the default), in a workflow of its own`
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
  if (typeof name !== "string" || !name.trim()) throw new Error(`The input unit must name one unit, e.g. ${plan.units[0] ?? "claude"}; got ${text.slice(0, 80)} (${valid}).`);
  const unit = name.trim();
  if (!plan.units.includes(unit)) throw new Error(`Unknown unit "${unit.slice(0, 80)}": it is not in the config's ${plan.pipeline} pipeline (${valid}).`);
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
  if (!run2 || typeof run2.agent !== "string" || typeof run2.status !== "string" || typeof run2.answer !== "string") throw new Error("it holds no agent run");
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

// src/matrix/jobs.ts
async function runMatrixJob(job) {
  const { route, ctx } = job;
  const plan = planUnits(job.config, route.pipeline);
  if (plan.kind === "none") {
    job.setOutputs(route.pipeline, "failure");
    return setFailed(`${plan.reason}.`);
  }
  const reporter = new GitHubReporter(job.octokit, { owner: ctx.owner, repo: ctx.repo, number: route.issue.number }, { runId: ctx.runId, pipeline: route.pipeline }, job.redactor, {
    firstListing: job.firstListing,
    urgent: { octokit: createOctokit(job.inputs.githubToken, { requestTimeoutMs: 3e3, maxRateLimitRetries: 0, unthrottled: true }), after: job.signal }
  });
  const dir = runDirectory(join7(ctx.runnerTemp, "ai-orchestra"), ctx, route.issue.number);
  const planned = { ...job, pipeline: plan.pipeline, units: plan.units, reporter, dir };
  if (job.inputs.mode === "plan") return planJob(planned);
  if (job.inputs.mode === "unit") return unitJob(planned, parseUnitInput(job.inputs.unit, plan));
  return finalizeJob(planned);
}
async function planJob(job) {
  const { ctx, route, reporter } = job;
  const now = /* @__PURE__ */ new Date();
  const claim = await reporter.claim({ staleAfterMs: job.staleAfterMs, now, runUrl: ctx.runUrl });
  if (!claim.claimed) {
    warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
    return job.setOutputs(route.pipeline, "skipped");
  }
  const entries = job.pipeline === "ai-review" ? reviewStatusEntries(job.config.pipelines["ai-review"]) : personaStatusEntries(job.config.pipelines["persona-data"]);
  await Promise.all([reporter.upsertComment("status", renderSharedStatus({ pipeline: route.pipeline, entries, overall: "running", startedAt: now, runUrl: ctx.runUrl })), reporter.acknowledge()]);
  info(`Planned ${route.pipeline} on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) as ${job.units.length} units: ${job.units.join(", ")}.`);
  setOutput("matrix", matrixOutput(job.units));
  job.setOutputs(route.pipeline, "success");
}
async function prepareAgents(job, agents) {
  const workingDirectory = resolve2(job.ctx.workspace, job.inputs.workingDirectory ?? ".");
  const identity = await prepareIsolation({
    agentUser: job.inputs.agentUser,
    dropSudo: job.inputs.dropSudo,
    workingDirectory,
    access: accessModeFor(job.route.pipeline),
    runnerTemp: job.ctx.runnerTemp,
    logDir: join7(job.dir, "logs", "isolation"),
    log: { info, warning }
  });
  const installs = await prepareAgentClis({
    agents,
    install: job.inputs.install,
    env: process.env,
    logDir: join7(job.dir, "logs", "install"),
    signal: job.signal,
    info,
    warn: warning
  });
  return { identity, installs, workingDirectory };
}
async function unitJob(job, unit) {
  const { config, route, redactor } = job;
  const persona = job.pipeline === "persona-data" ? config.pipelines["persona-data"].personas.find((p) => p.name === unit) : void 0;
  const agent = persona?.agent ?? unit;
  info(`Running ${route.pipeline} unit ${unit}${persona ? ` (agent ${agent})` : ""} on ${route.issue.repository}#${route.issue.number}.`);
  const prepared = await prepareAgents(job, withFallbacks(config, [agent]).map((name2) => config.agents[name2]));
  const runner = agentRunnerFor({ ...job, ...prepared, env: process.env });
  const deps = { runner, reporter: job.reporter, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random, warn: warning };
  const outcome = persona ? await runPersonaUnit({ issue: route.issue, persona }, deps) : await runReviewUnit({ issue: route.issue, agents: config.pipelines["ai-review"].agents, agent, runUrl: job.ctx.runUrl, commentMode: config.settings.commentMode }, deps);
  const result = redactor.redactDeep({ version: 1, pipeline: job.pipeline, issue: route.issue.number, unit, agent, run: outcome.run, ...outcome.commentUrl ? { commentUrl: outcome.commentUrl } : {} });
  const folder = join7(job.dir, "unit");
  mkdirSync2(folder, { recursive: true });
  const file = join7(folder, "unit.json");
  writeFileSync2(file, `${JSON.stringify(result, null, 2)}
`);
  const name = unitArtifactName(job.pipeline, route.issue.number, unit, job.ctx.runAttempt);
  const upload = await uploadWorkflowArtifact({ name, files: [file], rootDirectory: folder, env: process.env, runUrl: job.ctx.runUrl, log: info });
  const { run: run2 } = outcome;
  await summary.addRaw(redactor.redact(renderSummary({ pipeline: `${route.pipeline} (unit ${unit})`, target: `${route.issue.repository}#${route.issue.number}`, status: run2.status, error: run2.error, runs: [run2], comments: /* @__PURE__ */ new Map() }))).write();
  const failed = upload.status !== "uploaded" || outcome.postError !== void 0;
  job.setOutputs(route.pipeline, run2.status === "success" && !failed ? "success" : "failure", file);
  if (upload.status !== "uploaded") {
    setFailed(`The result of unit ${unit} was not uploaded (${upload.status === "failed" ? upload.error : upload.reason}); finalize will report the unit as missing.`);
  } else if (outcome.postError) {
    setFailed(redactor.redact(`Unit ${unit}: ${outcome.postError}`));
  }
}
async function collectResults(job) {
  const found = /* @__PURE__ */ new Map();
  const problems = /* @__PURE__ */ new Map();
  const number = job.route.issue.number;
  let listed;
  try {
    listed = await listWorkflowArtifacts(process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    warning(`Could not list the run's artifacts: ${message}`);
    for (const unit of job.units) problems.set(unit, "no result: the artifacts could not be listed");
    return { found, problems };
  }
  const picked = pickUnitArtifacts(listed, job.pipeline, number, job.units);
  await Promise.all(
    [...picked].map(async ([unit, artifact]) => {
      const path = join7(job.dir, "units", unit);
      try {
        await downloadWorkflowArtifact(artifact, path);
        found.set(unit, parseUnitResult(readFileSync2(join7(path, "unit.json"), "utf8"), { pipeline: job.pipeline, issue: number, unit }));
      } catch (error) {
        warning(`The artifact ${artifact.name} of unit ${unit} could not be used: ${error instanceof Error ? error.message : String(error)}`);
        problems.set(unit, "no result: its artifact could not be read");
      }
    })
  );
  for (const unit of job.units.filter((u) => !found.has(u) && !problems.has(u))) {
    warning(`Unit ${unit} left no result (no artifact ${unitArtifactName(job.pipeline, number, unit, job.ctx.runAttempt)}): its job failed, was cancelled or never ran.`);
  }
  return { found, problems };
}
async function finalizeJob(job) {
  const { config, route, ctx } = job;
  const status = await job.reporter.readComment("status").catch(() => void 0);
  const runStartedAt = status ? parseStatusState(status)?.startedAt : void 0;
  const { found, problems } = await collectResults(job);
  const personas = config.pipelines["persona-data"];
  const review = config.pipelines["ai-review"];
  const units = job.pipeline === "persona-data" ? personas.personas.map((p) => ({ unit: p.name, agent: p.agent, role: `persona-${p.name}` })) : review.agents.map((agent) => ({ unit: agent, agent, role: "answer" }));
  const merged = mergeUnitResults(units, found, problems, /* @__PURE__ */ new Date());
  const notes = merged.missing;
  const judges = job.pipeline === "ai-review" ? reviewJudges(review) : personas.formats.includes("dpo") ? [personas.reviewer] : [];
  info(`Finalizing ${route.pipeline} on ${route.issue.repository}#${route.issue.number}: ${found.size} of ${job.units.length} units left a result${merged.missing.size > 0 ? ` (missing: ${[...merged.missing.keys()].join(", ")})` : ""}.`);
  const prepared = await prepareAgents(job, withFallbacks(config, judges).map((name) => config.agents[name]));
  const common = {
    ctx,
    config,
    issue: route.issue,
    reporter: job.reporter,
    redactor: job.redactor,
    dir: job.dir,
    env: process.env,
    signal: job.signal,
    warn: warning,
    ...prepared,
    collected: { runs: merged.runs, notes },
    runStartedAt
  };
  if (job.pipeline === "persona-data") {
    const execution = await executePersonas({
      ...common,
      workspace: ctx.workspace,
      upload: (name, files, rootDirectory) => uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: info })
    });
    setOutput("dataset-dir", execution.datasetDir);
    setOutput("dataset-file", execution.datasetFile ?? "");
    return report(job, execution);
  }
  const pacing = pacingFor(Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS || DEFAULT_WRITE_INTERVAL_MS));
  return report(job, await executeReview({ ...common, pacing }));
}
async function report(job, execution) {
  const { outcome } = execution;
  job.setOutputs(job.route.pipeline, outcome.status === "success" ? "success" : "failure", execution.resultFile);
  await summary.addRaw(execution.summary).write();
  if (outcome.status !== "success") setFailed(job.redactor.redact(outcome.error ?? `${job.route.pipeline} ended with status ${outcome.status}`));
}

// src/records/github-store.ts
var DEFAULT_RECORDS_BRANCH = "ai-orchestra-data";
var RECORDS_DIR = "records";
var DATASETS_DIR = "datasets";
var MAX_APPEND_ATTEMPTS = 6;
var README = `# AI Orchestra data

This branch is written by the AI Orchestra action: one JSON line per run in \`${RECORDS_DIR}/<yyyy-mm>.jsonl\`,
persona-data rows in \`${DATASETS_DIR}/<yyyy-mm>.jsonl\`. The dashboard and \`ai-orchestra-action dataset collect\` read it.
It shares no history with the code branches.
`;
function monthFile(dir, isoTime) {
  return `${dir}/${isoTime.slice(0, 7)}.jsonl`;
}
async function readFile3(octokit, at, path) {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner: at.owner, repo: at.repo, path, ref: at.branch });
    if (Array.isArray(data) || data.type !== "file") throw new Error(`${path} on ${at.branch} is not a file`);
    if (data.encoding === "base64" && data.content) return { sha: data.sha, text: Buffer.from(data.content, "base64").toString("utf8") };
    return { sha: data.sha, text: await readBlob(octokit, at, data.sha) };
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
async function readBlob(octokit, at, sha) {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { owner: at.owner, repo: at.repo, file_sha: sha });
  return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
}
async function branchExists(octokit, at) {
  try {
    await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner: at.owner, repo: at.repo, ref: `heads/${at.branch}` });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}
async function createDataBranch(octokit, at) {
  const repo = { owner: at.owner, repo: at.repo };
  const tree = await octokit.request("POST /repos/{owner}/{repo}/git/trees", { ...repo, tree: [{ path: "README.md", mode: "100644", type: "blob", content: README }] });
  const commit = await octokit.request("POST /repos/{owner}/{repo}/git/commits", { ...repo, message: "Start the AI Orchestra data branch", tree: tree.data.sha, parents: [] });
  try {
    await octokit.request("POST /repos/{owner}/{repo}/git/refs", { ...repo, ref: `refs/heads/${at.branch}`, sha: commit.data.sha });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
  }
}
async function appendLines(octokit, at, path, lines, message) {
  if (lines.length === 0) return;
  if (!await branchExists(octokit, at)) await createDataBranch(octokit, at);
  const added = lines.map((l) => `${l}
`).join("");
  for (let attempt = 1; ; attempt++) {
    const current = await readFile3(octokit, at, path);
    const text = current ? `${current.text}${current.text === "" || current.text.endsWith("\n") ? "" : "\n"}${added}` : added;
    try {
      await octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
        owner: at.owner,
        repo: at.repo,
        path,
        branch: at.branch,
        message,
        content: Buffer.from(text, "utf8").toString("base64"),
        ...current ? { sha: current.sha } : {}
      });
      return;
    } catch (error) {
      const status = statusOf(error);
      if (status !== 409 && status !== 422 || attempt >= MAX_APPEND_ATTEMPTS) throw error;
    }
  }
}
async function readFolder(octokit, at, dir) {
  let entries;
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner: at.owner, repo: at.repo, path: dir, ref: at.branch });
    entries = Array.isArray(data) ? data : [];
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
  const files = entries.filter((e) => e.type === "file" && e.path.endsWith(".jsonl")).sort((a, b) => a.path.localeCompare(b.path));
  const out = [];
  for (const f of files) out.push({ path: f.path, text: await readBlob(octokit, at, f.sha) });
  return out;
}

// src/dashboard/action-job.ts
var MAX_PULL_PAGES = 30;
async function mergedRelayPulls(octokit, at, records) {
  const wanted = new Set(records.map((r) => r.relay?.prUrl).filter((u) => Boolean(u)));
  const merged = /* @__PURE__ */ new Set();
  if (wanted.size === 0) return merged;
  let pages = 0;
  await octokit.paginate("GET /repos/{owner}/{repo}/pulls", { owner: at.owner, repo: at.repo, state: "all", per_page: 100 }, (response, done) => {
    for (const p of response.data) if (p.merged_at && wanted.has(p.html_url)) merged.add(p.html_url);
    if (++pages >= MAX_PULL_PAGES) done();
    return [];
  });
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
  const file = writeDashboard(args.outDir, { records, merged, title: `${args.at.owner}/${args.at.repo}`, now: args.now });
  return { file, records: records.length, skipped };
}

// src/records/keep.ts
import { readFileSync as readFileSync3 } from "node:fs";
function jsonLines(text) {
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}
function datasetRowsOf(result, id) {
  const rows = [];
  for (const d of result.datasets?.datasets ?? []) {
    if (!d.file) continue;
    const data = jsonLines(readFileSync3(d.file, "utf8"));
    const meta = d.metaFile ? jsonLines(readFileSync3(d.metaFile, "utf8")) : [];
    data.forEach((row, i) => rows.push({ store: 1, run: id, format: d.format, at: result.finishedAt, meta: meta[i] ?? {}, row }));
  }
  return rows;
}
async function keepRunRecord(args) {
  const result = JSON.parse(readFileSync3(args.resultFile, "utf8"));
  const stored = toStoredRecord(result, args.id, args.redactor);
  const message = `Record ${stored.pipeline} on #${stored.issue.number} (${stored.status})`;
  const path = monthFile(RECORDS_DIR, stored.startedAt);
  await appendLines(args.octokit, args.at, path, [JSON.stringify(stored)], message);
  const rows = datasetRowsOf(result, args.id).map((r) => JSON.stringify(args.redactor.redactDeep(r)));
  await appendLines(args.octokit, args.at, monthFile(DATASETS_DIR, stored.startedAt), rows, `Dataset rows of #${stored.issue.number}`);
  return { path, datasetRows: rows.length };
}
async function keepRecordIfConfigured(args) {
  if (!args.branch) return;
  try {
    const kept = await keepRunRecord({ ...args, at: { owner: args.owner, repo: args.repo, branch: args.branch } });
    args.info(`Kept the run's record in ${kept.path} on ${args.branch}${kept.datasetRows ? ` (and ${kept.datasetRows} dataset rows)` : ""}.`);
  } catch (error) {
    const status = statusOf(error);
    const hint = status === 403 || status === 404 ? " The job needs `permissions: contents: write` to keep records." : "";
    args.warn(`Could not keep the run's record on the branch ${args.branch}: ${error instanceof Error ? error.message : String(error)}.${hint}`);
  }
}

// src/records/leaderboard-choice.ts
async function reviewAgentsByLeaderboard(review, args) {
  if (!review.top || !review.pool) return review;
  let rankings = [];
  try {
    const files = await readFolder(args.octokit, args.at, RECORDS_DIR);
    rankings = files.flatMap((f) => f.text.split("\n").map((l) => l.trim() ? parseStoredRecord(l)?.review : void 0));
  } catch (error) {
    args.warn(`Could not read the run records on ${args.at.branch} for the leaderboard (${error instanceof Error ? error.message : String(error)}); every agent counts as unrated.`);
  }
  const { ratings } = rateAgents(rankings.filter((r) => r !== void 0));
  const chosen = chooseAgents({ pool: review.pool, ratings, top: review.top, runId: args.runId });
  return { ...review, agents: chosen.map((c) => c.agent), chosen };
}

// src/main.ts
var writtenResultFile = "";
function setOutputs(pipeline, status, resultFile = "") {
  writtenResultFile = resultFile;
  setOutput("pipeline", pipeline);
  setOutput("status", status);
  setOutput("result-file", resultFile);
}
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
async function writeJobSummary(markdown, redactor) {
  await summary.addRaw(sanitizeOutput(markdown, redactor)).write();
}
async function reportRelay(execution, redactor) {
  const redact = (text) => redactor.redact(text);
  const { outcome } = execution;
  setOutputs("relay-pipeline", outcome.status === "success" ? "success" : "failure", execution.resultFile);
  setOutput("pr-url", execution.prUrl);
  setOutput("branch", execution.branch);
  await writeJobSummary(execution.summary, redactor);
  if (outcome.status !== "success") setFailed(redact(outcome.error ?? `relay-pipeline ended with status ${outcome.status}`));
}
async function reportPersonas(execution, redactor) {
  const redact = (text) => redactor.redact(text);
  const { outcome } = execution;
  setOutputs("persona-data", outcome.status === "success" ? "success" : "failure", execution.resultFile);
  setOutput("dataset-dir", execution.datasetDir);
  setOutput("dataset-file", execution.datasetFile ?? "");
  await writeJobSummary(execution.summary, redactor);
  if (outcome.status !== "success") setFailed(redact(outcome.error ?? `persona-data ended with status ${outcome.status}`));
}
async function run() {
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  let keepRecord;
  try {
    const inputs = readInputs();
    const ctx = loadRunContext(process.env);
    if (inputs.mode === "dashboard") {
      const octokit2 = createOctokit(inputs.githubToken, { requestTimeoutMs: 3e4, maxRateLimitRetries: 3 });
      const at = { owner: ctx.owner, repo: ctx.repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      const built = await buildDashboardFromBranch({ octokit: octokit2, at, outDir: resolve3(ctx.workspace, inputs.dashboardDir), now: /* @__PURE__ */ new Date() });
      info(`Dashboard: ${built.records} records from ${at.branch} \u2192 ${built.file}${built.skipped ? ` (${built.skipped} unreadable lines skipped)` : ""}.`);
      return setOutput("dashboard-file", built.file);
    }
    const config = loadConfig(resolve3(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const route = await routeEvent(
      ctx,
      config,
      (number) => fetchIssue(createOctokit(inputs.githubToken, { requestTimeoutMs: 3e4, maxRateLimitRetries: 3 }), { owner: ctx.owner, repo: ctx.repo }, number)
    );
    if (inputs.mode === "plan") setOutput("matrix", "[]");
    if (route.kind === "skip") {
      info(`Nothing to do: ${route.reason}.`);
      return setOutputs("none", "skipped");
    }
    const redactor = redactorFor(inputs.githubToken, process.env, secretsGivenToAgents(Object.values(config.agents), process.env));
    for (const value of redactor.knownValues) setSecret(value);
    const octokit = inputs.githubToken ? createOctokit(inputs.githubToken, {
      requestTimeoutMs: process.env.AI_ORCHESTRA_REQUEST_TIMEOUT_MS ? Number(process.env.AI_ORCHESTRA_REQUEST_TIMEOUT_MS) : 3e4,
      maxRateLimitRetries: 3,
      minWriteIntervalMs: process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS ? Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS) : void 0,
      secondaryRateLimitWaitSec: process.env.AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S ? Number(process.env.AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S) : void 0
    }) : void 0;
    const repo = { owner: ctx.owner, repo: ctx.repo };
    if (octokit && !inputs.dryRun && (inputs.mode === "run" || inputs.mode === "finalize")) {
      keepRecord = () => keepRecordIfConfigured({ octokit, ...repo, branch: inputs.recordsBranch, resultFile: writtenResultFile, id: recordId(route.issue.repository, ctx.runId, ctx.runAttempt, route.issue.number), redactor, info, warn: warning });
    }
    const firstListing = octokit && !inputs.dryRun ? listIssueComments(octokit, { ...repo, number: route.issue.number }) : void 0;
    firstListing?.catch(() => void 0);
    if (octokit) {
      const verdict = await checkTriggerPermission(octokit, repo, route.sender, inputs.allowedBots);
      if (!verdict.allowed) {
        warning(`Not running ${route.pipeline} on #${route.issue.number}: ${verdict.reason}.`);
        return setOutputs(route.pipeline, "skipped");
      }
      info(`Permission: ${verdict.reason}.`);
    }
    if (inputs.mode !== "run") {
      if (!octokit) throw new Error(`mode ${inputs.mode} needs the github-token input.`);
      return await runMatrixJob({ inputs, ctx, config, route, redactor, octokit, firstListing, signal: controller.signal, setOutputs, staleAfterMs: staleAfterMs(config, route.pipeline) });
    }
    if (route.pipeline === "ai-review" && config.pipelines["ai-review"].top && octokit) {
      const at = { ...repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      config.pipelines["ai-review"] = await reviewAgentsByLeaderboard(config.pipelines["ai-review"], { octokit, at, runId: ctx.runId, warn: warning });
    }
    const agentSpecs = pipelineAgentNames(config, route.pipeline).map((name) => config.agents[name]);
    const dir = runDirectory(join8(ctx.runnerTemp, "ai-orchestra"), ctx, route.issue.number);
    const workingDirectory = resolve3(ctx.workspace, inputs.workingDirectory ?? ".");
    const checkout = route.pipeline === "relay-pipeline" ? await openRelayCheckout({ workingDirectory, dir, env: process.env, signal: controller.signal, config, configFile: resolve3(ctx.workspace, inputs.configPath) }).catch((error) => error instanceof Error ? error : new Error(String(error))) : void 0;
    const identity = await prepareIsolation({
      agentUser: inputs.agentUser,
      dropSudo: inputs.dropSudo,
      workingDirectory: checkout && !(checkout instanceof Error) ? checkout.agentDirectory : workingDirectory,
      access: accessModeFor(route.pipeline),
      runnerTemp: ctx.runnerTemp,
      logDir: join8(dir, "logs", "isolation"),
      log: { info, warning }
    });
    const runMarker = { runId: ctx.runId, pipeline: route.pipeline };
    const reporter = inputs.dryRun || !octokit ? new LocalReporter(join8(dir, "comments"), runMarker, redactor, (text) => logUntrusted(info, text)) : new GitHubReporter(octokit, { ...repo, number: route.issue.number }, runMarker, redactor, {
      firstListing,
      urgent: { octokit: createOctokit(inputs.githubToken, { requestTimeoutMs: 3e3, maxRateLimitRetries: 0, unthrottled: true }), after: controller.signal }
    });
    if (reporter instanceof GitHubReporter) {
      const claim = await reporter.claim({ staleAfterMs: staleAfterMs(config, route.pipeline), now: /* @__PURE__ */ new Date(), runUrl: ctx.runUrl });
      if (!claim.claimed) {
        if (checkout && !(checkout instanceof Error)) await checkout.close();
        warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
        return setOutputs(route.pipeline, "skipped");
      }
    }
    const installs = await prepareAgentClis({
      agents: agentSpecs,
      install: inputs.install,
      env: process.env,
      logDir: join8(dir, "logs", "install"),
      signal: controller.signal,
      info,
      warn: warning
    });
    if (route.pipeline === "relay-pipeline") {
      const stages = config.pipelines["relay-pipeline"].stages.map((s) => `${s.name} (${s.agent}${s.write ? ", may edit" : ""})`);
      info(`Running relay-pipeline on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}): ${stages.join(" \u2192 ")}.`);
      const execution = await executeRelay({
        ctx,
        config,
        issue: route.issue,
        reporter,
        redactor,
        workingDirectory,
        dir,
        env: process.env,
        signal: controller.signal,
        warn: warning,
        github: octokit && !inputs.dryRun ? { octokit, token: inputs.githubToken } : void 0,
        runnerOptions: { identity, installs },
        commandIdentity: identity ? { runAs: identity.runAs, env: identity.env } : void 0,
        checkout
      });
      return await reportRelay(execution, redactor);
    }
    if (route.pipeline === "persona-data") {
      const personas = config.pipelines["persona-data"].personas.map((p) => `${p.name} (${p.agent})`);
      info(`Running persona-data on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) with ${personas.join(", ")}.`);
      const execution = await executePersonas({
        ctx,
        config,
        issue: route.issue,
        reporter,
        redactor,
        workingDirectory,
        dir,
        env: process.env,
        signal: controller.signal,
        warn: warning,
        identity,
        installs,
        workspace: ctx.workspace,
        upload: (name, files, rootDirectory) => uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: info })
      });
      return await reportPersonas(execution, redactor);
    }
    const review = config.pipelines["ai-review"];
    info(`Running ai-review on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) with ${review.agents.join(", ")}; reviewer ${review.reviewer}.`);
    const { outcome, resultFile, summary: summary2 } = await executeReview({
      ctx,
      config,
      issue: route.issue,
      reporter,
      redactor,
      workingDirectory,
      dir,
      env: process.env,
      signal: controller.signal,
      warn: warning,
      identity,
      installs,
      pacing: reporter instanceof GitHubReporter ? pacingFor(Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS || DEFAULT_WRITE_INTERVAL_MS)) : void 0
    });
    setOutputs(route.pipeline, outcome.status === "success" ? "success" : "failure", resultFile);
    await writeJobSummary(summary2, redactor);
    if (outcome.status !== "success") setFailed(redactor.redact(outcome.error ?? `ai-review ended with status ${outcome.status}`));
  } catch (error) {
    setOutput("status", "failure");
    setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    if (keepRecord && writtenResultFile) await keepRecord();
    stopListening();
    sweepAllLeftovers();
  }
}

// src/index.ts
await run();
