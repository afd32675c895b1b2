import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DEFAULT_WRITE_INTERVAL_MS,
  GitHubReporter,
  LocalReporter,
  adapterFor,
  buildAgentEnv,
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
  pacingFor,
  personaAgentNames,
  readInputs,
  redactorFor,
  routeEvent,
  runDirectory,
  runProcess,
  statusOf,
  sudoProgram
} from "./chunks/chunk-AII7FTWL.js";
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
import { join as join7, resolve as resolve2 } from "node:path";

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

// src/main.ts
function setOutputs(pipeline, status, resultFile = "") {
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
function staleAfterMs(config) {
  const relayStages = config.pipelines["relay-pipeline"].stages.map((s) => (config.agents[s.agent]?.timeoutSec ?? 0) + s.runTimeoutSec);
  const longest = Math.max(...Object.values(config.agents).map((a) => a.timeoutSec), ...relayStages);
  return (longest + config.settings.killGraceSec + 60) * 1e3;
}
async function reportRelay(execution, redact) {
  const { outcome } = execution;
  setOutputs("relay-pipeline", outcome.status === "success" ? "success" : "failure", execution.resultFile);
  setOutput("pr-url", execution.prUrl);
  setOutput("branch", execution.branch);
  await summary.addRaw(execution.summary).write();
  if (outcome.status !== "success") setFailed(redact(outcome.error ?? `relay-pipeline ended with status ${outcome.status}`));
}
async function reportPersonas(execution, redact) {
  const { outcome } = execution;
  setOutputs("persona-data", outcome.status === "success" ? "success" : "failure", execution.resultFile);
  setOutput("dataset-dir", execution.datasetDir);
  setOutput("dataset-file", execution.datasetFile ?? "");
  await summary.addRaw(execution.summary).write();
  if (outcome.status !== "success") setFailed(redact(outcome.error ?? `persona-data ended with status ${outcome.status}`));
}
async function run() {
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  try {
    const inputs = readInputs();
    const ctx = loadRunContext(process.env);
    const config = loadConfig(resolve2(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const route = await routeEvent(
      ctx,
      config,
      (number) => fetchIssue(createOctokit(inputs.githubToken, { requestTimeoutMs: 3e4, maxRateLimitRetries: 3 }), { owner: ctx.owner, repo: ctx.repo }, number)
    );
    if (route.kind === "skip") {
      info(`Nothing to do: ${route.reason}.`);
      return setOutputs("none", "skipped");
    }
    const redactor = redactorFor(inputs.githubToken, process.env, Object.values(config.agents));
    for (const value of redactor.knownValues) setSecret(value);
    const octokit = inputs.githubToken ? createOctokit(inputs.githubToken, {
      requestTimeoutMs: process.env.AI_ORCHESTRA_REQUEST_TIMEOUT_MS ? Number(process.env.AI_ORCHESTRA_REQUEST_TIMEOUT_MS) : 3e4,
      maxRateLimitRetries: 3,
      minWriteIntervalMs: process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS ? Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS) : void 0,
      secondaryRateLimitWaitSec: process.env.AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S ? Number(process.env.AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S) : void 0
    }) : void 0;
    const repo = { owner: ctx.owner, repo: ctx.repo };
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
    const review = config.pipelines["ai-review"];
    const agentNames = route.pipeline === "relay-pipeline" ? config.pipelines["relay-pipeline"].stages.map((s) => s.agent) : route.pipeline === "persona-data" ? personaAgentNames(config.pipelines["persona-data"]) : [...review.agents, review.reviewer];
    const agentSpecs = [...new Set(agentNames)].map((name) => config.agents[name]);
    const dir = runDirectory(join7(ctx.runnerTemp, "ai-orchestra"), ctx, route.issue.number);
    const workingDirectory = resolve2(ctx.workspace, inputs.workingDirectory ?? ".");
    const identity = await prepareIsolation({
      agentUser: inputs.agentUser,
      dropSudo: inputs.dropSudo,
      workingDirectory,
      access: accessModeFor(route.pipeline),
      runnerTemp: ctx.runnerTemp,
      logDir: join7(dir, "logs", "isolation"),
      log: { info, warning }
    });
    const runMarker = { runId: ctx.runId, pipeline: route.pipeline };
    const reporter = inputs.dryRun || !octokit ? new LocalReporter(join7(dir, "comments"), runMarker, redactor, (text) => logUntrusted(info, text)) : new GitHubReporter(octokit, { ...repo, number: route.issue.number }, runMarker, redactor, { firstListing });
    if (reporter instanceof GitHubReporter) {
      const claim = await reporter.claim({ staleAfterMs: staleAfterMs(config), now: /* @__PURE__ */ new Date(), runUrl: ctx.runUrl });
      if (!claim.claimed) {
        warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
        return setOutputs(route.pipeline, "skipped");
      }
    }
    const installs = await prepareAgentClis({
      agents: agentSpecs,
      install: inputs.install,
      env: process.env,
      logDir: join7(dir, "logs", "install"),
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
        commandIdentity: identity ? { runAs: identity.runAs, env: identity.env } : void 0
      });
      return await reportRelay(execution, redactor.redact.bind(redactor));
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
      return await reportPersonas(execution, redactor.redact.bind(redactor));
    }
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
    await summary.addRaw(summary2).write();
    if (outcome.status !== "success") setFailed(redactor.redact(outcome.error ?? `ai-review ended with status ${outcome.status}`));
  } catch (error) {
    setOutput("status", "failure");
    setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    stopListening();
  }
}

// src/index.ts
await run();
