import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  issueCutNotice,
  logUntrusted,
  observeRunner,
  renderTotals,
  sumRuns
} from "./chunk-I2RUHTMR.js";
import {
  withTrailer
} from "./chunk-KR657CVH.js";
import {
  withoutUrlCredentials
} from "./chunk-R4TDBKOL.js";
import {
  CommentStore,
  describe
} from "./chunk-5G2TKJCC.js";
import {
  SESSION_ID,
  createAgentRunner
} from "./chunk-XTWSEDL7.js";
import {
  adapterFor
} from "./chunk-OOQD5VNY.js";
import {
  buildAgentEnv,
  runProcess,
  sudoProgram
} from "./chunk-6PUVZC3Q.js";
import {
  composeComment,
  fitForSanitizing
} from "./chunk-PODBMNDR.js";
import {
  parseStatusState,
  renderStartingComment,
  starterToMention
} from "./chunk-ERVVLCZQ.js";
import {
  usageRecord
} from "./chunk-MIUJ3WOL.js";
import {
  workflowLog
} from "./chunk-N5OYCJPH.js";
import {
  endGroup,
  info,
  startGroup
} from "./chunk-GJWFR67G.js";
import {
  sanitizeOutput
} from "./chunk-KWI7WEHG.js";

// src/sessions/store.ts
import { createHash } from "node:crypto";
import {
  chownSync,
  closeSync,
  constants,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
  writeSync
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
var MAX_FILES = 2e3;
var MAX_BYTES = 64 * 1024 ** 2;
var FORMAT = 1;
function sessionKeyPrefix(scope, sessionId) {
  const hash = createHash("sha256").update(JSON.stringify([FORMAT, scope.repository, scope.issue, scope.agent, sessionId])).digest("hex");
  return `ai-orchestra-session-v${FORMAT}-${hash.slice(0, 40)}-`;
}
function listFiles(root, strict) {
  const out = [];
  let bytes = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat2 = lstatSync(path);
      if (stat2.isDirectory()) {
        const problem2 = walk(path);
        if (problem2) return problem2;
      } else if (stat2.isFile() && (!strict || stat2.nlink === 1)) {
        bytes += stat2.size;
        out.push({ path, size: stat2.size });
        if (out.length > MAX_FILES || bytes > MAX_BYTES)
          return `more than ${MAX_FILES} files or ${MAX_BYTES / 1024 ** 2} MiB`;
      } else if (strict) {
        return `${relative(root, path)} is not a plain file`;
      }
    }
    return void 0;
  };
  const problem = walk(root);
  return problem ?? out;
}
function belongs(relativePath, support, sessionId) {
  const parts = relativePath.split(sep);
  if (parts.some((part) => part === ".." || part === "" || part === ".")) return false;
  const inDir = support.homeDirs.some((dir) => relativePath.startsWith(`${dir}/`));
  return inDir && relativePath.includes(support.idInPath(sessionId));
}
function writeBelow(home, relativePath, content, owner) {
  let dir = home;
  for (const part of dirname(relativePath).split(sep)) {
    dir = join(dir, part);
    try {
      if (!lstatSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      mkdirSync(dir, { mode: 448 });
      if (owner) chownSync(dir, owner.uid, owner.gid);
    }
  }
  const fd = openSync(
    join(home, relativePath),
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    384
  );
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  if (owner) chownSync(join(home, relativePath), owner.uid, owner.gid);
}
function createSessionStore(options) {
  const { backend, home } = options;
  const supportOf = (agent) => {
    const spec = Object.hasOwn(options.agents, agent) ? options.agents[agent] : void 0;
    return spec ? adapterFor(spec).session : void 0;
  };
  const staging = () => mkdtempSync(join(options.scratch ?? tmpdir(), "ai-orchestra-session-"));
  const check = (scope, sessionId) => {
    const support = supportOf(scope.agent);
    if (!support) return { reason: `${scope.agent}'s CLI keeps no sessions we can resume` };
    if (support.homeDirs.length === 0)
      return { reason: `${scope.agent}'s CLI keeps its sessions together with every other one: they are not kept` };
    if (!SESSION_ID.test(sessionId)) return { reason: "not a session id" };
    return { support };
  };
  return {
    where: backend.where,
    async save(scope, sessionId) {
      const checked = check(scope, sessionId);
      if ("reason" in checked) return { ok: false, reason: checked.reason };
      const dir = staging();
      try {
        let count = 0;
        for (const top of checked.support.homeDirs) {
          const root = join(home, top);
          const found = lstatSync(root, { throwIfNoEntry: false })?.isDirectory() ? listFiles(root, false) : [];
          if (typeof found === "string") return { ok: false, reason: `${top}: ${found}` };
          for (const file of found) {
            const rel = relative(home, file.path);
            if (!belongs(rel, checked.support, sessionId)) continue;
            mkdirSync(dirname(join(dir, "home", rel)), { recursive: true });
            cpSync(file.path, join(dir, "home", rel));
            count++;
          }
        }
        if (count === 0)
          return {
            ok: false,
            reason: `no files of session ${sessionId} below ${checked.support.homeDirs.map((d) => `~/${d}`).join(", ")}`
          };
        writeFileSync(join(dir, "scope.json"), JSON.stringify({ format: FORMAT, ...scope, sessionId }));
        await backend.save(sessionKeyPrefix(scope, sessionId), `${Date.now()}-${process.pid}`, dir);
        return { ok: true, files: count };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async restore(scope, sessionId) {
      const checked = check(scope, sessionId);
      if ("reason" in checked) return { ok: false, reason: checked.reason };
      const dir = staging();
      try {
        if (!await backend.restore(sessionKeyPrefix(scope, sessionId), dir))
          return { ok: false, reason: `no saved session ${sessionId} in ${backend.where}` };
        const saved = JSON.parse(readFileSync(join(dir, "scope.json"), "utf8"));
        const expected = { format: FORMAT, ...scope, sessionId };
        if (JSON.stringify(saved) !== JSON.stringify(expected))
          return { ok: false, reason: "the saved entry is for another repository, issue, agent or session" };
        const root = join(dir, "home");
        const files = listFiles(root, true);
        if (typeof files === "string") return { ok: false, reason: `refused the saved entry: ${files}` };
        const foreign = files.map((f) => relative(root, f.path)).find((rel) => !belongs(rel, checked.support, sessionId));
        if (foreign !== void 0)
          return { ok: false, reason: `refused the saved entry: ${foreign} is not a file of this session` };
        const realHome = realpathSync(home);
        for (const file of files)
          writeBelow(realHome, relative(root, file.path), readFileSync(file.path), options.owner);
        return { ok: true, files: files.length };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  };
}
function folderSessionBackend(base) {
  return {
    where: `the folder ${base}`,
    async restore(prefix, dir) {
      const entry = join(base, prefix.replace(/-$/, ""));
      if (!lstatSync(entry, { throwIfNoEntry: false })?.isDirectory()) return false;
      cpSync(entry, dir, { recursive: true, verbatimSymlinks: true });
      return true;
    },
    async save(prefix, _unique, dir) {
      const entry = join(base, prefix.replace(/-$/, ""));
      rmSync(entry, { recursive: true, force: true });
      mkdirSync(base, { recursive: true });
      cpSync(dir, entry, { recursive: true });
    }
  };
}

// src/kernel/clock.ts
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (ms, signal) => new Promise((resolve3) => {
    if (signal?.aborted) return resolve3();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve3();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  })
};

// src/kernel/prepare.ts
import { join as join9, resolve as resolve2 } from "node:path";

// src/install/prepare.ts
import { tmpdir as tmpdir2 } from "node:os";
import { join as join5 } from "node:path";

// src/agents/preflight.ts
import { accessSync, constants as constants2 } from "node:fs";
import { delimiter, isAbsolute, join as join2 } from "node:path";
function locateProgram(program, pathVar) {
  const candidates = isAbsolute(program) || program.includes("/") ? [program] : pathVar.split(delimiter).filter(Boolean).map((d) => join2(d, program));
  return candidates.find((file) => {
    try {
      accessSync(file, constants2.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
function findMissingPrograms(agents, pathVar) {
  return agents.flatMap((agent) => {
    const adapter = adapterFor(agent);
    const program = agent.command?.[0] ?? adapter.binary;
    return locateProgram(program, pathVar) !== void 0 ? [] : [{ agent: agent.name, program, installHint: adapter.installHint }];
  });
}
function describeMissing(missing) {
  return missing.map((m) => `  - ${m.agent}: \`${m.program}\` is not on PATH. Install: ${m.installHint}`).join("\n");
}

// src/install/install.ts
import { existsSync } from "node:fs";
import { mkdir, readFile as readFile2, rm, writeFile } from "node:fs/promises";
import { join as join4 } from "node:path";
import { performance } from "node:perf_hooks";

// src/install/npm.ts
import { readFile } from "node:fs/promises";
import { join as join3 } from "node:path";
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
  if (typeof version !== "string" || version === "")
    throw new NpmError(`the registry has no dist-tag "${tag}" for ${name}`);
  return version;
}
async function npmInstall(name, version, dir, ctx) {
  await npm(
    ["install", "--prefix", dir, "--no-audit", "--no-fund", "--save-exact", `${name}@${version}`],
    dir,
    ctx,
    INSTALL_TIMEOUT_MS,
    `install-${name}`
  );
  try {
    const lock = JSON.parse(await readFile(join3(dir, "package-lock.json"), "utf8"));
    const resolved = lock.packages?.[`node_modules/${name}`]?.resolved;
    return typeof resolved === "string" ? { resolved: withoutUrlCredentials(resolved) } : {};
  } catch {
    return {};
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
  if (!deps.cache.available)
    deps.info("The Actions cache service is not available here, so installed CLIs are not cached between runs.");
  const results = await Promise.all(
    [...byPackage.values()].map(async ({ pkg, agents }) => ({
      agents,
      outcome: await installPackage(pkg, agents, deps)
    }))
  );
  return new Map(
    results.flatMap(({ agents, outcome }) => agents.map((agent) => [agent, outcome]))
  );
}
async function installPackage(pkg, agents, deps) {
  const started = performance.now();
  try {
    await mkdir(deps.toolRoot, { recursive: true });
    const version = EXACT_VERSION.test(pkg.version) ? pkg.version : await resolveDistTag(pkg.name, pkg.version, deps.toolRoot, deps.npm);
    const dir = join4(deps.toolRoot, pkg.name, version);
    const tagNote = version === pkg.version ? "" : ` (dist-tag ${pkg.version})`;
    const target = {
      ...pkg,
      version,
      dir,
      binDir: join4(dir, "node_modules", ".bin"),
      label: `${pkg.name}@${version}${tagNote} for ${agents.join(", ")}`,
      started
    };
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
  const complete = marker?.name === target.name && marker.version === target.version && existsSync(join4(target.binDir, target.binary));
  return complete ? marker : void 0;
}
async function reuseInstalled(target, deps) {
  const existing = await completeInstall(target);
  if (existing)
    return `Using ${target.label}, installed earlier in ${target.dir} (from ${existing.resolved ?? "npm"}).`;
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
  if (!existsSync(join4(target.binDir, target.binary))) {
    throw new NpmError(
      `${target.name}@${target.version} installed, but it provides no \`${target.binary}\` program in node_modules/.bin`
    );
  }
  const marker = {
    name: target.name,
    version: target.version,
    ...resolved ? { resolved } : {},
    installedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  await writeFile(join4(target.dir, MARKER), `${JSON.stringify(marker, null, 2)}
`);
  const installedIn = seconds(target.started);
  const cacheNote = deps.cache.available ? await saveToCache(target.dir, cacheKey(target.name, target.version), deps.cache) : "not cached";
  return `Installed ${target.label} from ${resolved ?? "npm"} in ${installedIn} into ${target.dir} (cache: ${cacheNote}).`;
}
async function restoreFromCache(dir, key, deps) {
  try {
    return await deps.cache.restore(dir, key);
  } catch (error) {
    deps.warn(
      `Could not restore ${key} from the Actions cache (installing instead): ${error instanceof Error ? error.message : String(error)}`
    );
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
    return JSON.parse(await readFile2(join4(dir, MARKER), "utf8"));
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
    if (path !== void 0)
      return { agent: agent.name, kind: "on-path", program, path, ...agent.version ? { pinned: agent.version } : {} };
    if (agent.command !== void 0) {
      return {
        agent: agent.name,
        kind: "not-installable",
        program,
        reason: "command agents are never installed; install the program in an earlier step"
      };
    }
    if (!adapter.npm)
      return {
        agent: agent.name,
        kind: "not-installable",
        program,
        reason: `the ${adapter.id} CLI has no npm package to install; ${adapter.installHint}`
      };
    const pkg = {
      name: adapter.npm.name,
      version: agent.version ?? adapter.npm.defaultVersion,
      binary: adapter.binary
    };
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
      const installable = missing.filter(
        (m) => adapterFor(opts.agents.find((a) => a.name === m.agent)).npm !== void 0
      );
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
  if (uninstallable.length > 0)
    opts.warn(
      `Some agent programs are missing and cannot be installed; those agents will fail: ${uninstallable.map((e) => e.agent).join(", ")}.`
    );
  if (!plan.some((entry) => entry.kind === "install")) return /* @__PURE__ */ new Map();
  const cache = opts.cache ?? (await import("./tool-cache-WMBLVJIX.js")).actionsToolCache();
  return installPlannedClis(plan, {
    toolRoot: join5(opts.env.RUNNER_TOOL_CACHE || opts.env.RUNNER_TEMP || tmpdir2(), "ai-orchestra"),
    npm: { parentEnv: opts.env, logDir: opts.logDir, signal: opts.signal },
    cache,
    info: opts.info,
    warn: opts.warn
  });
}

// src/isolation/prepare.ts
import { mkdirSync as mkdirSync2 } from "node:fs";
import { userInfo as userInfo2 } from "node:os";

// src/isolation/agent-user.ts
import { constants as constants3 } from "node:fs";
import { access, stat } from "node:fs/promises";
import { join as join6 } from "node:path";

// src/isolation/system.ts
function systemPath() {
  const path = process.env.PATH ?? "";
  const extra = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"].filter(
    (dir) => !path.split(":").includes(dir)
  );
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
  return {
    exitCode: result.exitCode,
    stdout: result.stdout.text,
    stderr: result.stderr.text,
    ...spawnError ? { spawnError } : {}
  };
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
var PRIVILEGED_GROUPS = [
  "root",
  "sudo",
  "admin",
  "wheel",
  "docker",
  "lxd",
  "libvirt",
  "disk",
  "shadow",
  "adm",
  "systemd-journal"
];
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
  if (!account)
    throw new Error(`Could not look up the agent user: ${describeFailure(["getent", "passwd", name], result)}`);
  return account;
}
async function noLoginShell() {
  for (const shell of ["/usr/sbin/nologin", "/sbin/nologin"]) {
    if (await access(shell, constants3.X_OK).then(
      () => true,
      () => false
    ))
      return shell;
  }
  return "/bin/false";
}
function useraddArgv(name, shell) {
  return [
    "useradd",
    "--system",
    "--create-home",
    "--home-dir",
    `/home/${name}`,
    "--shell",
    shell,
    "--user-group",
    "--comment",
    "AI Orchestra agents",
    name
  ];
}
async function checkUnprivileged(account, sys) {
  if (account.uid === 0)
    throw new Error(`agent-user ${account.name} has uid 0: agents must run as an unprivileged user.`);
  if (account.uid === process.getuid?.()) {
    throw new Error(
      `agent-user ${account.name} is the user this action runs as: its agents could read the action's environment, github-token included. Name another user.`
    );
  }
  const groups = await sys.asSelf(["id", "-Gn", account.name]);
  const privileged = groups.stdout.trim().split(/\s+/).filter((group) => PRIVILEGED_GROUPS.includes(group));
  if (privileged.length > 0) {
    throw new Error(
      `agent-user ${account.name} is in the group(s) ${privileged.join(", ")}, which give root-equivalent rights or read system logs. Use a user without them.`
    );
  }
  const rights = await sys.asRoot(["sudo", "-n", "-l", "-U", account.name]);
  if (rights.exitCode === 0 && !/not allowed to run sudo/i.test(rights.stdout)) {
    throw new Error(
      `agent-user ${account.name} may use sudo:
${rights.stdout.trim()}
Use a user without sudo rights.`
    );
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
      throw new Error(
        result.exitCode !== 0 ? `Could not create the agent user: ${describeFailure(argv, result)}` : `useradd created ${name}, but getent cannot find it.`
      );
    }
    info2(
      `Created the user ${name} (uid ${account.uid}) for the agents: a system user without password or login shell, home ${account.home}.`
    );
  } else {
    info2(`Agents run as the existing user ${name} (uid ${account.uid}, home ${account.home}).`);
  }
  await checkUnprivileged(account, sys);
  return account;
}
async function prepareHome(account, sys) {
  const missing = await stat(account.home).then(
    () => false,
    (err) => err.code === "ENOENT"
  );
  const dirs = [...missing ? [account.home] : [], join6(account.home, "tmp")];
  for (const dir of dirs) {
    const argv = ["install", "-d", "-o", String(account.uid), "-g", String(account.gid), "-m", "0700", dir];
    const result = await sys.asRoot(argv);
    if (result.exitCode !== 0)
      throw new Error(`Could not prepare the agent user's home: ${describeFailure(argv, result)}`);
  }
}
function identityEnv(account, gitRoot) {
  const home = account.home;
  return {
    HOME: home,
    USER: account.name,
    LOGNAME: account.name,
    TMPDIR: join6(home, "tmp"),
    XDG_CONFIG_HOME: join6(home, ".config"),
    XDG_CACHE_HOME: join6(home, ".cache"),
    XDG_DATA_HOME: join6(home, ".local", "share"),
    XDG_STATE_HOME: join6(home, ".local", "state"),
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "safe.directory",
    GIT_CONFIG_VALUE_0: gitRoot
  };
}

// src/isolation/drop-sudo.ts
import { writeFileSync as writeFileSync2 } from "node:fs";
import { userInfo } from "node:os";
import { join as join7 } from "node:path";
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
  if (privilege === "root")
    return log.warning("drop-sudo has no effect: this action runs as root, and so do the later steps of the job.");
  if (privilege === void 0 || sys === void 0)
    return log.info("drop-sudo: this user has no passwordless sudo; nothing to drop.");
  const self = userInfo().username;
  if (!SUDOERS_USER.test(self)) throw new Error(`drop-sudo: cannot edit sudoers safely for the user name "${self}".`);
  if (agentUser !== void 0) {
    const draft = join7(opts.logDir, "ai-orchestra-agent.sudoers");
    writeFileSync2(draft, agentSudoersRule(self, agentUser), { mode: 384 });
    await mustSucceed(sys, ["visudo", "-c", "-q", "-f", draft], "validate the agent rule");
    await mustSucceed(
      sys,
      ["install", "-m", "0440", "-o", "root", "-g", "root", draft, AGENT_SUDOERS_FILE],
      `write ${AGENT_SUDOERS_FILE}`
    );
  }
  const listed = await mustSucceed(
    sys,
    ["find", "/etc/sudoers.d", "-maxdepth", "1", "-type", "f"],
    "list /etc/sudoers.d"
  );
  const files = ["/etc/sudoers", ...listed.split("\n").map((f) => f.trim())].filter(
    (f) => f !== "" && f !== AGENT_SUDOERS_FILE
  );
  const pattern = userLinePattern(self);
  const matching = (await sys.asRoot(["grep", "-l", "-E", pattern, ...files])).stdout.split("\n").filter(Boolean);
  for (const file of matching) await mustSucceed(sys, ["sed", "-i", "-E", `/${pattern}/d`, file], `edit ${file}`);
  const still = await sys.asSelf(["sudo", "-n", "true"]);
  if (still.exitCode === 0) {
    throw new Error(
      `drop-sudo: ${self} still has sudo after removing its lines from ${matching.join(", ") || "no file"}; a group rule (e.g. %sudo NOPASSWD) may grant it. Remove it in an earlier step.`
    );
  }
  if (agentUser !== void 0 && (await sys.asSelf(["sudo", "-n", "-u", agentUser, "true"])).exitCode !== 0) {
    throw new Error(
      `drop-sudo: ${self} can no longer start agents as ${agentUser}; ${AGENT_SUDOERS_FILE} did not take effect.`
    );
  }
  const kept = agentUser !== void 0 ? `; it may only run commands as ${agentUser} (${AGENT_SUDOERS_FILE})` : "";
  log.info(
    `drop-sudo: removed ${self}'s sudo rights (${matching.join(", ") || "no lines of its own"})${kept}. The later steps of this job have no sudo either.`
  );
}

// src/isolation/workspace-access.ts
import { existsSync as existsSync2, readFileSync as readFileSync2, statSync } from "node:fs";
import { dirname as dirname2, isAbsolute as isAbsolute2, join as join8, relative as relative2, resolve } from "node:path";
function isInside(child, parent) {
  const rel = relative2(parent, child);
  return rel === "" || !rel.startsWith("..") && !isAbsolute2(rel);
}
function ancestors(dir) {
  const result = [];
  for (let current = dirname2(resolve(dir)); ; current = dirname2(current)) {
    result.unshift(current);
    if (dirname2(current) === current) return result;
  }
}
function planAccess(workingDirectory, mode, runnerTemp, log) {
  const traverse = ancestors(workingDirectory).filter((dir) => (statSync(dir).mode & 1) === 0);
  const deny = [];
  if (runnerTemp && existsSync2(runnerTemp)) {
    if (isInside(workingDirectory, runnerTemp)) {
      log.warning(
        `The working directory ${workingDirectory} is inside RUNNER_TEMP, so the agent user can reach the workflow's file commands there.`
      );
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
    if (result.exitCode !== 0)
      throw new Error(
        `Could not give the agent user access to the working directory: ${describeFailure(argv, result)}`
      );
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
    throw new Error(
      `${name} still cannot ${plan.mode === "write" ? "read and write" : "read"} ${plan.workingDirectory} (${describeFailure(argv, result)}).`
    );
  }
  for (const dir of plan.deny) {
    if ((await sys.asUser(runAs, ["test", "-x", dir])).exitCode === 0) log.warning(`${name} can still enter ${dir}.`);
  }
}
function findGitDir(dir) {
  for (let current = resolve(dir); ; current = dirname2(current)) {
    const dotGit = join8(current, ".git");
    try {
      const info2 = statSync(dotGit);
      if (info2.isDirectory()) return { root: current, gitDir: dotGit };
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync2(dotGit, "utf8"));
      if (pointer?.[1]) return { root: current, gitDir: resolve(current, pointer[1].trim()) };
    } catch {
    }
    if (dirname2(current) === current) return void 0;
  }
}
function checkPersistedCredentials(workingDirectory, runnerTemp) {
  const git = findGitDir(workingDirectory);
  if (!git) return;
  let config;
  try {
    config = readFileSync2(join8(git.gitDir, "config"), "utf8");
  } catch {
    return;
  }
  const inline = /^\s*extraheader\s*=.*authorization/im.test(config) || /https?:\/\/[^\s/@:]+:[^\s/@]+@/i.test(config);
  const included = [...config.matchAll(/^\s*path\s*=\s*(.+)$/gim)].map((m) => m[1].trim().replace(/^"|"$/g, ""));
  const fromTemp = included.some(
    (path) => /credentials/i.test(path) || runnerTemp !== void 0 && isInside(path, runnerTemp)
  );
  if (!inline && !fromTemp) return;
  const where = inline ? `${join8(git.gitDir, "config")} holds credentials that the agents could read` : `${join8(git.gitDir, "config")} includes credentials from RUNNER_TEMP, which the agents cannot read, so git would fail for them`;
  throw new Error(
    `${where}. Check out with \`persist-credentials: false\` (actions/checkout); AI Orchestra posts with its own github-token and does not need them.`
  );
}

// src/isolation/prepare.ts
async function prepareIsolation(opts) {
  mkdirSync2(opts.logDir, { recursive: true });
  const { log } = opts;
  if (opts.agentUser === void 0) {
    log.info(
      `Agents run as ${userInfo2().username}, the user running this action, so they can read its environment (github-token included) from /proc/<ppid>/environ. Set agent-user to run them as an unprivileged user.`
    );
    if (opts.dropSudo) {
      log.warning("drop-sudo without agent-user keeps agents away from root, but not from this action's environment.");
      const privilege2 = await detectPrivilege(opts.logDir);
      await dropSudo({
        privilege: privilege2,
        sys: privilege2 && systemCommands(privilege2, opts.logDir),
        agentUser: void 0,
        logDir: opts.logDir,
        log
      });
    }
    return void 0;
  }
  if (process.platform !== "linux")
    throw new Error(`agent-user is supported on Linux runners only (this one is ${process.platform}).`);
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

// src/sinks/github.ts
var GitHubReporter = class {
  constructor(octokit, issue, run, redactor, options = {}) {
    this.octokit = octokit;
    this.issue = issue;
    this.run = run;
    this.redactor = redactor;
    const urgent = options.urgent;
    const client = urgent ? () => urgent.after.aborted ? urgent.octokit : octokit : octokit;
    this.log = options.log ?? workflowLog;
    this.store = new CommentStore(client, issue, run, options.retryDelayMs, options.firstListing, this.log);
  }
  octokit;
  issue;
  run;
  redactor;
  store;
  log;
  /**
   * Makes this run the only one working on the issue for its pipeline. Another run's status comment that
   * says running, and was updated within `staleAfterMs`, means the issue is taken. Two runs that start at
   * once both post their status comment and then compare: the older comment wins, the other run deletes
   * its comment and stands down, so exactly one does the work.
   */
  async claim(options) {
    const free = await this.claimable(options);
    return free.claimed ? this.stake(options) : free;
  }
  /** The claim's first half, posting nothing: whether another run is already working on the issue. */
  async claimable(options) {
    const before = this.busy(await this.store.listMarked(), options).find((c) => c.runId !== this.run.runId);
    return before ? this.taken(before) : { claimed: true };
  }
  /** The claim's second half, after claimable: posts our status comment, then the older of two that raced wins. */
  async stake(options) {
    const mine = await this.store.upsert(
      "status",
      composeComment(
        { ...this.run, key: "status" },
        renderStartingComment(this.run.pipeline, options.now, options.runUrl)
      ).body
    );
    const first = this.busy(await this.store.listMarked(), options).find(
      (c) => c.runId !== this.run.runId && c.id < mine.id
    );
    if (!first) {
      void this.acknowledge();
      return { claimed: true };
    }
    await this.store.remove("status");
    return this.taken(first);
  }
  busy(all, options) {
    return all.filter((c) => {
      if (c.key !== "status" || c.pipeline !== this.run.pipeline) return false;
      const state = parseStatusState(c.body);
      const touched = Date.parse(c.updatedAt ?? "") || state?.startedAt.getTime() || 0;
      return state?.state === "running" && options.now.getTime() - touched < options.staleAfterMs;
    });
  }
  taken(other) {
    return {
      claimed: false,
      reason: `workflow run ${other.runId} is already running ${this.run.pipeline} on this issue (${other.url}); this run stands down`,
      busy: true
    };
  }
  reaction;
  /** Reacts 👀 to the issue, once per run however often it is called. */
  acknowledge() {
    this.reaction ??= this.octokit.rest.reactions.createForIssue({
      owner: this.issue.owner,
      repo: this.issue.repo,
      issue_number: this.issue.number,
      content: "eyes"
    }).then(
      () => void 0,
      (error) => this.log.warning(`Could not react \u{1F440} to issue #${this.issue.number}: ${describe(error)}`)
    );
    return this.reaction;
  }
  async upsertComment(key, body, own) {
    const composed = composeComment(
      { ...this.run, key, ...own?.session ? { session: own.session } : {} },
      withTrailer(sanitizeOutput(fitForSanitizing(body), this.redactor), own),
      body.length
    );
    if (composed.cut)
      this.log.warning(`Comment ${key} was over GitHub's size limit and was cut; the full text is in the job summary.`);
    try {
      const stored = await this.store.upsert(key, composed.body);
      return { id: stored.id, url: stored.url };
    } catch (error) {
      if (key !== "status") {
        startGroup(`Comment ${key} could not be posted (${describe(error)}); its text:`);
        logUntrusted(info, sanitizeOutput(body, this.redactor));
        endGroup();
      }
      throw error;
    }
  }
  async overwriteCommentNow(key, body, own) {
    const sanitized = withTrailer(sanitizeOutput(fitForSanitizing(body), this.redactor), own);
    return this.store.overwriteNow(key, composeComment({ ...this.run, key }, sanitized, body.length).body);
  }
  writtenAt(key) {
    return this.store.writtenAt(key);
  }
  async readComment(key) {
    return this.store.read(key);
  }
  async addLabel(name) {
    try {
      await this.octokit.rest.issues.addLabels({
        owner: this.issue.owner,
        repo: this.issue.repo,
        issue_number: this.issue.number,
        labels: [name]
      });
    } catch (error) {
      this.log.warning(
        `Could not add the label "${name}" to issue #${this.issue.number}: ${describe(error)}. Does the token have issues: write?`
      );
    }
  }
};

// src/kernel/prepare.ts
function accessOf(definition, config) {
  return typeof definition.access === "function" ? definition.access(config.pipelines[definition.name]) : definition.access;
}
function agentsOf(definition, config) {
  return withFallbacks(config, definition.agents(config.pipelines[definition.name])).map(
    (name) => config.agents[name]
  );
}
function staleAfterMsOf(definition, config) {
  const timeoutOf = (agent) => config.agents[agent]?.timeoutSec ?? 0;
  const part = config.pipelines[definition.name];
  const longest = definition.longestStepSec ? definition.longestStepSec(part, timeoutOf) : Math.max(...definition.agents(part).map(timeoutOf));
  return (longest + config.settings.killGraceSec + 60) * 1e3;
}
async function isolateAgents(definition, args) {
  const workingDirectory = resolve2(args.ctx.workspace, args.setup.workingDirectory ?? ".");
  const identity = await prepareIsolation({
    agentUser: args.setup.agentUser,
    dropSudo: args.setup.dropSudo,
    workingDirectory: args.agentDirectory ?? workingDirectory,
    access: accessOf(definition, args.config),
    runnerTemp: args.ctx.runnerTemp,
    logDir: join9(args.dir, "logs", "isolation"),
    log: { info: args.log.info, warning: args.log.warning }
  });
  return { identity, workingDirectory };
}
async function prepareWorkspaceOf(definition, args) {
  if (!definition.prepareWorkspace) return void 0;
  return definition.prepareWorkspace({
    config: args.config.pipelines[definition.name],
    workingDirectory: args.workingDirectory,
    runDir: args.dir,
    env: args.env ?? process.env,
    signal: args.signal,
    killGraceMs: args.config.settings.killGraceSec * 1e3,
    configFile: args.configFile
  }).catch((error) => error instanceof Error ? error : new Error(String(error)));
}
function installClis(agents, args) {
  return prepareAgentClis({
    agents,
    install: args.setup.install,
    env: args.env,
    logDir: join9(args.dir, "logs", "install"),
    signal: args.signal,
    info: args.log.info,
    warn: args.log.warning
  });
}
function gitHubSink(clients, args) {
  const { ctx } = args;
  return new GitHubReporter(
    clients.octokit,
    { owner: ctx.owner, repo: ctx.repo, number: args.number },
    { runId: ctx.runId, pipeline: args.pipeline },
    args.redactor,
    {
      firstListing: args.firstListing,
      urgent: { octokit: clients.urgent, after: args.signal }
    }
  );
}

// src/config/pipeline-agents.ts
function withFallbacks(config, names) {
  return [...new Set(names.flatMap((name) => [name, ...config.agents[name]?.fallback ?? []]))];
}

// src/kernel/execute.ts
import { mkdirSync as mkdirSync3, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join10 } from "node:path";

// src/kernel/live-status.ts
var LiveStatusComment = class {
  constructor(sink, layout, config, init, options) {
    this.sink = sink;
    this.layout = layout;
    this.config = config;
    this.options = options;
    const rows = init.rows ?? layout.rows(config);
    this.snapshot = {
      pipeline: init.pipeline,
      startedAt: init.startedAt,
      runUrl: init.runUrl,
      ...init.issueStamp !== void 0 ? { issueStamp: init.issueStamp } : {},
      ...init.note !== void 0 ? { note: init.note } : {},
      ...init.startedBy !== void 0 ? { startedBy: init.startedBy } : {},
      ...init.notice !== void 0 ? { notice: init.notice } : {},
      rows: rows.map((r) => ({ ...r })),
      overall: "running"
    };
    this.key = options.key ?? "status";
    const refreshMs = options.refreshMs ?? 6e4;
    if (refreshMs > 0) {
      this.refresh = setInterval(() => {
        if (!this.writing && !this.closed) this.schedule();
      }, refreshMs);
      this.refresh.unref();
    }
  }
  sink;
  layout;
  config;
  options;
  snapshot;
  key;
  writing;
  dirty = false;
  closed = false;
  lastWriteAt = -Infinity;
  /** Ends the wait between paced writes early (finish does, so the last write never waits). */
  wake;
  refresh;
  /** The body as it would be written now. */
  render() {
    return this.layout.render(this.snapshot, this.config);
  }
  own() {
    const trailer = this.layout.trailer?.(this.snapshot);
    return trailer ? { trailer } : void 0;
  }
  rows() {
    return this.snapshot.rows.map((r) => ({ ...r }));
  }
  update(key, patch) {
    if (this.patch(key, patch)) this.schedule();
  }
  set(key, patch) {
    this.patch(key, patch);
  }
  append(rows) {
    if (this.closed) return;
    this.snapshot.rows.push(...rows.map((r) => ({ ...r })));
    this.schedule();
  }
  async flush() {
    while (this.writing) await this.writing;
  }
  async finish(overall, message, finishedAt = this.options.clock.now(), totals) {
    clearInterval(this.refresh);
    if (this.closed) return this.flush();
    this.snapshot.rows = this.snapshot.rows.map((r) => this.layout.close(r, overall));
    const total = totals ?? this.options.totals?.();
    Object.assign(this.snapshot, { overall, finishedAt, message, ...total !== void 0 ? { totals: total } : {} });
    const inFlight = this.writing !== void 0;
    this.schedule();
    this.closed = true;
    this.wake?.abort();
    if (overall === "cancelled" && inFlight && this.sink.overwriteCommentNow) {
      try {
        if (await this.sink.overwriteCommentNow(this.key, this.render(), this.own())) return;
      } catch (error) {
        this.options.onWriteError(error);
      }
    }
    await this.flush();
  }
  patch(key, patch) {
    const row = this.snapshot.rows.find((r) => this.layout.key(r) === key);
    if (!row || this.closed) return false;
    Object.assign(row, patch);
    return true;
  }
  schedule() {
    this.dirty = true;
    this.writing ??= this.drain().finally(() => {
      this.writing = void 0;
      if (this.dirty) this.schedule();
    });
  }
  async drain() {
    if (this.sink.ready) await this.sink.ready();
    while (this.dirty) {
      await this.pace();
      this.dirty = false;
      this.lastWriteAt = this.options.clock.now().getTime();
      this.snapshot.now = this.options.clock.now();
      try {
        await this.sink.upsertComment(this.key, this.render(), this.own());
      } catch (error) {
        this.options.onWriteError(error);
      }
    }
  }
  async pace() {
    const last = this.lastWriteAt > -Infinity ? this.lastWriteAt : this.sink.writtenAt?.(this.key) ?? -Infinity;
    const wait = last + (this.options.minIntervalMs ?? 0) - this.options.clock.now().getTime();
    if (wait <= 0 || this.closed) return;
    this.wake = new AbortController();
    await this.options.clock.sleep(wait, this.wake.signal);
    this.wake = void 0;
  }
};

// src/kernel/execute.ts
function agentDirectoryOf(prepared) {
  return prepared && !(prepared instanceof Error) ? prepared.agentDirectory : void 0;
}
function runDirectory(base, ctx, issueNumber) {
  const dir = join10(base, `${ctx.runId}-${ctx.runAttempt}-issue-${issueNumber}`);
  mkdirSync3(join10(dir, "logs"), { recursive: true });
  return dir;
}
function agentRunnerFor(env) {
  const { config, redactor } = env;
  return createAgentRunner({
    agents: config.agents,
    workingDirectory: env.workingDirectory,
    logDir: join10(env.dir, "logs"),
    maxParallel: config.settings.maxParallel,
    killGraceMs: config.settings.killGraceSec * 1e3,
    maxOutputBytes: Math.round(config.settings.maxOutputMiB * 1024 ** 2),
    parentEnv: env.env,
    signal: env.signal,
    identity: env.identity,
    installs: env.installs,
    redact: (text) => redactor.redact(text),
    budget: config.settings.budget
  });
}
function requestFor(definition, env, route, startedAt, collected) {
  const { ctx, config } = env;
  return {
    pipeline: definition.name,
    config: config.pipelines[definition.name],
    settings: config.settings,
    agents: config.agents,
    target: route.issue,
    sender: route.sender,
    trigger: route.triggerInfo,
    detail: route.detail,
    run: {
      id: ctx.runId,
      attempt: ctx.runAttempt,
      url: ctx.runUrl,
      repoUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
      defaultBranch: ctx.defaultBranch,
      commitSha: ctx.commitSha
    },
    startedAt,
    collected
  };
}
function liveStatusFor(definition, request, env, context) {
  const layout = definition.status;
  return new LiveStatusComment(
    env.sink,
    layout,
    request.config,
    {
      pipeline: definition.name,
      startedAt: request.startedAt,
      runUrl: request.run.url,
      startedBy: context?.startedBy,
      notice: context?.notice,
      ...layout.annotate?.(request.config, request.target)
    },
    {
      clock: env.clock,
      totals: context?.totals,
      minIntervalMs: layout.paced === false ? void 0 : env.pacing?.statusIntervalMs,
      onWriteError: (error) => env.log.warning(
        `Could not update the status comment: ${error instanceof Error ? error.message : String(error)}`
      )
    }
  );
}
function sessionStoreFor(env) {
  const runAs = env.identity?.runAs;
  const home = env.identity?.env.HOME ?? env.env.HOME;
  if (!env.sessionBackend || !home || runAs?.via === "sudo") return void 0;
  const owner = runAs?.via === "uid" ? { uid: runAs.uid, gid: runAs.gid } : void 0;
  return createSessionStore({ backend: env.sessionBackend, agents: env.config.agents, home, owner, scratch: env.dir });
}
function depsFor(definition, env, request) {
  let status;
  const ran = [...request.collected?.runs ?? []];
  const statusContext = {
    startedBy: env.mentionStarter === false ? void 0 : starterToMention(request.sender),
    notice: issueCutNotice(request.target),
    totals: () => ran.length > 0 ? renderTotals(sumRuns(ran, env.clock.now().getTime() - request.startedAt.getTime())) : void 0
  };
  const makeStatus = () => status ??= liveStatusFor(definition, request, env, statusContext);
  const deps = {
    // Every agent's start and end reach the logger's hooks (the terminal's progress lines, the Actions log's groups).
    runner: observeRunner(agentRunnerFor(env), {
      started: (r) => env.log.agentStarted({ agent: r.agent, role: r.role, pipeline: definition.name }),
      finished: (run) => {
        ran.push(run);
        env.log.agentFinished({ agent: run.agent, role: run.role, pipeline: definition.name, run });
      }
    }),
    sink: env.sink,
    statusContext,
    get status() {
      return makeStatus();
    },
    clock: env.clock,
    random: env.random ?? Math.random,
    log: env.log,
    signal: env.signal,
    redactor: env.redactor,
    workspace: {
      root: env.root,
      workingDirectory: env.workingDirectory,
      runDir: env.dir,
      prepared: env.prepared,
      configFile: env.configFile,
      env: env.env,
      killGraceMs: env.config.settings.killGraceSec * 1e3,
      agentIdentity: env.identity ? { runAs: env.identity.runAs, env: env.identity.env } : void 0
    },
    artifacts: env.artifacts,
    github: env.github,
    githubReads: env.githubReads ?? env.github,
    pacing: env.pacing,
    sessions: sessionStoreFor(env)
  };
  return { deps, status: () => status };
}
async function execute(definition, env, route, options = {}) {
  const startedAt = options.startedAt ?? env.clock.now();
  const request = requestFor(definition, env, route, startedAt, options.collected);
  const prepared = env.prepared ?? await prepareWorkspaceOf(definition, env);
  if (prepared && !(prepared instanceof Error)) await prepared.ready?.();
  const { deps, status } = depsFor(
    definition,
    { ...env, prepared, workingDirectory: agentDirectoryOf(prepared) ?? env.workingDirectory },
    request
  );
  let outcome;
  try {
    outcome = await definition.run(request, deps);
  } catch (error) {
    await status()?.finish(
      env.signal.aborted ? "cancelled" : "failure",
      `**${error instanceof Error ? error.message : String(error)}**`
    );
    throw error;
  } finally {
    if (prepared && !(prepared instanceof Error)) {
      await prepared.close().catch(
        (error) => env.log.warning(
          `Could not remove the prepared workspace: ${error instanceof Error ? error.message : String(error)}`
        )
      );
    }
  }
  const { target } = request;
  const record = env.redactor.redactDeep({
    version: 1,
    pipeline: definition.name,
    status: outcome.status,
    repository: target.repository,
    issue: { number: target.number, url: target.url, title: target.title },
    runUrl: env.ctx.runUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: env.clock.now().toISOString(),
    error: outcome.error,
    runs: outcome.runs,
    usage: usageRecord(outcome.runs),
    comments: Object.fromEntries(outcome.comments),
    ...definition.record?.(outcome)
  });
  const resultFile = join10(env.dir, "result.json");
  writeFileSync3(resultFile, `${JSON.stringify(record, null, 2)}
`);
  const summary = env.redactor.redact(await definition.summary(outcome, `${target.repository}#${target.number}`));
  return {
    outcome,
    resultFile,
    summary,
    outputs: definition.outputs?.(outcome) ?? {},
    localReport: definition.localReport?.(outcome) ?? []
  };
}

export {
  folderSessionBackend,
  systemClock,
  withFallbacks,
  findMissingPrograms,
  describeMissing,
  GitHubReporter,
  accessOf,
  agentsOf,
  staleAfterMsOf,
  isolateAgents,
  prepareWorkspaceOf,
  installClis,
  gitHubSink,
  runDirectory,
  agentRunnerFor,
  requestFor,
  execute
};
