import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  withoutUrlCredentials
} from "./chunk-R4TDBKOL.js";
import {
  BOT_AUTHOR
} from "./chunk-LR46CNHU.js";
import {
  FILE_TOKEN_SHAPES,
  encodedForms
} from "./chunk-BH4CIP2B.js";
import {
  describeCommit,
  isRelayCommit
} from "./chunk-VQW6KYSI.js";
import {
  buildAgentEnv,
  runProcess
} from "./chunk-6PUVZC3Q.js";
import {
  sanitizeOutput
} from "./chunk-KWI7WEHG.js";

// src/pipelines/relay-pipeline/workspace.ts
import { dirname as dirname4, join as join6 } from "node:path";

// src/git/repo.ts
import { existsSync, realpathSync } from "node:fs";
import { copyFile as copyFile2, mkdir as mkdir4, writeFile as writeFile4 } from "node:fs/promises";
import { dirname as dirname3, join as join5, relative as relative4, resolve as resolve3 } from "node:path";

// src/git/agent-config.ts
import { chmod, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
var AGENT_CONFIG_PATHS = [
  ".claude",
  ".mcp.json",
  ".gemini",
  ".qwen",
  ".codex",
  ".agents",
  ".opencode",
  "opencode.json",
  "opencode.jsonc",
  ".github/hooks",
  ".github/agents",
  ".env",
  ".env.local"
];
var MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024;
async function readTree(path, out, budget) {
  const stat = await lstat(path).catch(() => void 0);
  if (!stat) return;
  if (stat.isSymbolicLink()) {
    out.set(path, { kind: "symlink", target: await readlink(path) });
  } else if (stat.isDirectory()) {
    out.set(path, { kind: "dir", mode: stat.mode & 4095 });
    for (const name of (await readdir(path)).sort()) await readTree(join(path, name), out, budget);
  } else if (stat.isFile()) {
    budget.bytes -= stat.size;
    if (budget.bytes < 0)
      throw new Error(`the agent configuration under ${path} is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB`);
    out.set(path, { kind: "file", mode: stat.mode & 4095, data: await readFile(path) });
  }
}
function sameEntry(a, b) {
  if (!a || !b) return a === b;
  if (a.kind === "dir" && b.kind === "dir") return true;
  if (a.kind === "symlink" && b.kind === "symlink") return a.target === b.target;
  if (a.kind === "file" && b.kind === "file") return a.mode === b.mode && a.data.equals(b.data);
  return false;
}
function foldersDownTo(root, cwd) {
  const rel = relative(root, resolve(cwd));
  if (rel === "" || rel.startsWith("..") || rel.startsWith(sep)) return [root];
  const folders = [root];
  for (const part of rel.split(sep)) folders.push(join(folders[folders.length - 1], part));
  return folders;
}
async function assertNoSymlinkAbove(root, path) {
  for (let dir = dirname(path); dir.length > root.length && dir.startsWith(root); dir = dirname(dir)) {
    if ((await lstat(dir).catch(() => void 0))?.isSymbolicLink()) {
      throw new Error(
        `an agent replaced the folder ${relative(root, dir)} with a symbolic link; the relay stops rather than follow it`
      );
    }
  }
}
async function recreate(path, entry) {
  await mkdir(dirname(path), { recursive: true });
  if (entry.kind === "dir") {
    await mkdir(path, { recursive: true });
    await chmod(path, entry.mode);
  } else if (entry.kind === "symlink") {
    await symlink(entry.target, path);
  } else {
    await writeFile(path, entry.data, { mode: entry.mode, flag: "wx" });
    await chmod(path, entry.mode);
  }
}
var AgentConfigGuard = class _AgentConfigGuard {
  constructor(root, snapshot) {
    this.root = root;
    this.snapshot = snapshot;
  }
  root;
  snapshot;
  /** Records the protected paths as they are; call before any agent runs. */
  static async snapshot(root, cwd) {
    const budget = { bytes: MAX_SNAPSHOT_BYTES };
    const snapshot = /* @__PURE__ */ new Map();
    for (const folder of foldersDownTo(root, cwd)) {
      for (const name of AGENT_CONFIG_PATHS) {
        const path = join(folder, name);
        const tree = /* @__PURE__ */ new Map();
        await readTree(path, tree, budget);
        snapshot.set(path, tree);
      }
    }
    return new _AgentConfigGuard(root, snapshot);
  }
  /**
   * Puts every protected path back as it was in the snapshot (removing what did not exist then). Returns the
   * paths that differed (added, changed or removed), relative to the repository, sorted.
   */
  async restore() {
    const changed = /* @__PURE__ */ new Set();
    for (const [path, before] of this.snapshot) {
      const now = /* @__PURE__ */ new Map();
      await readTree(path, now, { bytes: Number.POSITIVE_INFINITY });
      const differing = [.../* @__PURE__ */ new Set([...before.keys(), ...now.keys()])].filter(
        (p) => !sameEntry(before.get(p), now.get(p))
      );
      if (differing.length === 0) continue;
      await assertNoSymlinkAbove(this.root, path);
      const isFile = (e) => e !== void 0 && e.kind !== "dir";
      const files = differing.filter((p) => isFile(before.get(p)) || isFile(now.get(p)));
      for (const p of files.length > 0 ? files : differing) changed.add(relative(this.root, p));
      await rm(path, { recursive: true, force: true });
      for (const [p, entry] of before) await recreate(p, entry);
    }
    return [...changed].sort();
  }
};

// src/security/write-policy.ts
var DEFAULT_PROTECTED_PATHS = [
  ".github/workflows/**",
  ".github/actions/**",
  ".github/ai-orchestra.yml",
  ".github/ai-orchestra.yaml",
  ...AGENT_CONFIG_PATHS.flatMap((p) => [p, `${p}/**`]),
  // Any file named .git* (.gitattributes, .gitmodules, .gitignore), at any depth, and anything inside a .git folder;
  // .github/ itself is not one (its workflows and actions are listed above).
  "**/.git*",
  "**/.git/**"
];
function globToRegex(glob) {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`, "i");
}
function writePolicy(options = {}) {
  const patterns = [...DEFAULT_PROTECTED_PATHS, ...options.configPath ? [options.configPath] : []].map((p) => ({
    pattern: p,
    regex: globToRegex(p)
  }));
  const allowed = (options.allow ?? []).map(globToRegex);
  return {
    protectedBy(path) {
      if (allowed.some((regex) => regex.test(path))) return void 0;
      return patterns.find(({ regex }) => regex.test(path))?.pattern;
    }
  };
}
function asText(data) {
  return data.toString("latin1");
}
function filesWithSecrets(files, knownValues) {
  const needles = knownValues.flatMap((value) => encodedForms(value)).map((form) => Buffer.from(form, "utf8"));
  return files.filter(({ data }) => {
    if (needles.some((needle) => data.includes(needle))) return true;
    const text = asText(data);
    return FILE_TOKEN_SHAPES.some((shape) => new RegExp(shape.source, shape.flags.replace("g", "")).test(text));
  }).map(({ path }) => path);
}

// src/git/metadata.ts
import { lstat as lstat2, mkdir as mkdir2, readdir as readdir2, readFile as readFile2, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import { dirname as dirname2, join as join2, relative as relative2 } from "node:path";
var METADATA_FILES = ["config", "commondir", "config.worktree", "info/attributes"];
async function readRegular(path) {
  const stat = await lstat2(path).catch(() => void 0);
  if (!stat?.isFile()) return void 0;
  return { data: await readFile2(path), mode: stat.mode & 511 };
}
async function hookNames(hooksDir) {
  const stat = await lstat2(hooksDir).catch(() => void 0);
  if (!stat?.isDirectory()) return [];
  return (await readdir2(hooksDir)).sort();
}
async function realFolder(dir) {
  const stat = await lstat2(dir).catch(() => void 0);
  if (stat?.isDirectory()) return;
  if (stat) await rm2(dir, { force: true });
  await mkdir2(dir, { recursive: true });
}
var RepoMetadata = class _RepoMetadata {
  constructor(commonDir, root, files) {
    this.commonDir = commonDir;
    this.root = root;
    this.files = files;
  }
  commonDir;
  root;
  files;
  static async snapshot(commonDir, root) {
    const files = /* @__PURE__ */ new Map();
    for (const name of METADATA_FILES) files.set(join2(commonDir, name), await readRegular(join2(commonDir, name)));
    for (const name of await hookNames(join2(commonDir, "hooks"))) {
      const path = join2(commonDir, "hooks", name);
      files.set(path, await readRegular(path));
    }
    return new _RepoMetadata(commonDir, root, files);
  }
  /**
   * Puts every snapshotted file back and removes hooks and redirections that were not there. Whatever stands in a
   * file's place (a symlink, a folder) is removed itself, never followed; files are then created afresh (O_EXCL),
   * so a symlink that appears meanwhile makes the write fail instead of landing outside. Returns the paths, relative to the repository.
   */
  async restore() {
    const changed = [];
    const hooksDir = join2(this.commonDir, "hooks");
    if ((await lstat2(hooksDir).catch(() => void 0))?.isSymbolicLink()) changed.push(relative2(this.root, hooksDir));
    await realFolder(hooksDir);
    const planted = (await hookNames(hooksDir)).map((name) => join2(hooksDir, name)).filter((path) => !this.files.has(path));
    for (const path of [...this.files.keys(), ...planted]) {
      const before = this.files.get(path);
      const now = await lstat2(path).catch(() => void 0);
      if (!before && !now) continue;
      if (before && now?.isFile() && (now.mode & 511) === before.mode && (await readFile2(path)).equals(before.data))
        continue;
      if (now) await rm2(path, { recursive: now.isDirectory(), force: true });
      if (before) {
        await realFolder(dirname2(path));
        await writeFile2(path, before.data, { mode: before.mode, flag: "wx" });
      }
      changed.push(relative2(this.root, path));
    }
    return changed;
  }
};

// src/git/object-store.ts
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, lstat as lstat3, mkdir as mkdir3, readdir as readdir3, writeFile as writeFile3 } from "node:fs/promises";
import { join as join3 } from "node:path";
import { deflateSync } from "node:zlib";
var ObjectStore = class {
  constructor(dir, algorithm) {
    this.dir = dir;
    this.algorithm = algorithm;
  }
  dir;
  algorithm;
  /** Lets git find the user's objects (the starting commit and its history) from our repository, read-only. */
  async linkAlternate(userObjectsDir) {
    await mkdir3(join3(this.dir, "info"), { recursive: true });
    await writeFile3(join3(this.dir, "info", "alternates"), `${userObjectsDir}
`);
  }
  /** Writes `data` as a loose blob object and returns its id: exactly these bytes, nothing converted. */
  async writeBlob(data) {
    const object = Buffer.concat([Buffer.from(`blob ${data.length}\0`, "utf8"), data]);
    const id = createHash(this.algorithm).update(object).digest("hex");
    const folder = join3(this.dir, id.slice(0, 2));
    await mkdir3(folder, { recursive: true });
    await writeFile3(join3(folder, id.slice(2)), deflateSync(object), { flag: "wx" }).catch(
      (error) => {
        if (error.code !== "EEXIST") throw error;
      }
    );
    return id;
  }
  /**
   * Copies our loose objects (the relay's blobs, trees and commit) into the user's object folder, so that a local
   * branch there stays whole after our folder is gone. Never through a symlink: a fan-out folder that is not a real
   * folder is refused, and files are created exclusively.
   */
  async copyInto(userObjectsDir) {
    for (const fan of await readdir3(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      const target = join3(userObjectsDir, fan);
      const stat = await lstat3(target).catch(() => void 0);
      if (stat && !stat.isDirectory())
        throw new Error(`${target} is not a folder; the relay does not write through it`);
      if (!stat) await mkdir3(target);
      for (const name of await readdir3(join3(this.dir, fan))) {
        await copyFile(join3(this.dir, fan, name), join3(target, name), constants.COPYFILE_EXCL).catch(
          (error) => {
            if (error.code !== "EEXIST") throw error;
          }
        );
      }
    }
  }
};

// src/git/push-auth.ts
var PUSH_DENIED = /\b40[34]\b|Permission to \S+ denied|denied to|Repository not found|could not read Username|Authentication failed|write access to repository not granted/i;
function isPushDenied(gitOutput) {
  return PUSH_DENIED.test(gitOutput);
}
function withoutCredentials(url) {
  return /^https?:\/\//i.test(url) ? withoutUrlCredentials(url) : url;
}
function authConfigEnv(serverUrl, token) {
  const key = `http.${serverUrl.replace(/\/+$/, "")}/.extraheader`;
  const basic = Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
  return {
    GIT_CONFIG_COUNT: "2",
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: "",
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}`
  };
}
function sameOrigin(a, b) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

// src/git/stage-tree.ts
import { execFile } from "node:child_process";
import { constants as constants2 } from "node:fs";
import { lstat as lstat4, mkdtemp, open, readdir as readdir4, readFile as readFile3, readlink as readlink2, realpath, rm as rm3 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join as join4, normalize, relative as relative3, resolve as resolve2, sep as sep2 } from "node:path";
import { promisify } from "node:util";
var execFileAsync = promisify(execFile);
var MAX_FILE_BYTES = 50 * 1024 * 1024;
function kindOf(stat) {
  if (stat.isSymbolicLink()) return "symlink";
  if (stat.isDirectory()) return "dir";
  if (stat.isFile()) return "file";
  return void 0;
}
function toPosix(path) {
  return sep2 === "/" ? path : path.split(sep2).join("/");
}
function symlinkStaysInside(linkPath, target) {
  if (target === "" || isAbsolute(target)) return false;
  const resolved = normalize(join4(linkPath, "..", target));
  return resolved !== ".." && !resolved.startsWith(`..${sep2}`) && !isAbsolute(resolved);
}
async function walk(dir, visit) {
  for (const name of (await readdir4(dir)).sort()) {
    const abs = join4(dir, name);
    const stat = await lstat4(abs).catch(() => void 0);
    if (!stat) continue;
    await visit(abs, stat);
    if (stat.isDirectory()) await walk(abs, visit);
  }
}
async function record(root) {
  const start = /* @__PURE__ */ new Map();
  await walk(root, async (abs, stat) => {
    start.set(toPosix(relative3(root, abs)), {
      kind: kindOf(stat),
      ino: stat.ino,
      size: stat.size,
      ctimeMs: stat.ctimeMs,
      mode: stat.mode
    });
  });
  return start;
}
var StageTree = class _StageTree {
  constructor(originalRoot, root, start, realRoot) {
    this.originalRoot = originalRoot;
    this.root = root;
    this.start = start;
    this.realRoot = realRoot;
  }
  originalRoot;
  root;
  start;
  realRoot;
  /**
   * Copies `originalRoot` (tracked, untracked and ignored files alike; not its `.git`, not `exclude`) into a new
   * folder under the system's temporary folder with `cp -R -P -p` (symlinks copied as links, modes and times kept;
   * native copying is several times faster than copying file by file from here), and records what each copied
   * path was.
   */
  static async create(originalRoot, exclude = []) {
    const root = await mkdtemp(join4(tmpdir(), "ai-orchestra-stage-"));
    const skip = /* @__PURE__ */ new Set([join4(originalRoot, ".git"), ...exclude.map((p) => resolve2(p))]);
    const entries = (await readdir4(originalRoot)).map((name) => join4(originalRoot, name)).filter((path) => !skip.has(path));
    if (entries.length > 0)
      await execFileAsync("cp", ["-R", "-P", "-p", "--", ...entries, root], { maxBuffer: 1024 * 1024 });
    for (const path of skip) {
      const rel = relative3(originalRoot, path);
      if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) && rel.includes(sep2))
        await rm3(join4(root, rel), { recursive: true, force: true });
    }
    return new _StageTree(originalRoot, root, await record(root), await realpath(root));
  }
  /**
   * Takes what the copy holds now as the start. Called once access was granted to the agent user: setfacl changes
   * every file's ctime, and a start taken before it would make every file look touched (and read) later.
   */
  async markStart() {
    this.start = await record(this.root);
  }
  /** Removes the copy (fs.rm removes symlinks, never what they point to). */
  async remove() {
    await rm3(this.root, { recursive: true, force: true });
  }
  /**
   * The agents' change: every path of the copy that differs from what the run started with, read by us with lstat.
   * Regular files and symlinks that stay inside the tree are taken, with only the executable bit of their mode;
   * anything else that changed is refused with a reason. Paths untouched since the start never appear.
   */
  async changes() {
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const foldersNow = /* @__PURE__ */ new Set();
    await walk(this.root, async (abs, stat) => {
      const rel = toPosix(relative3(this.root, abs));
      seen.add(rel);
      const kind = kindOf(stat);
      if (kind === "dir") {
        foldersNow.add(rel);
        return;
      }
      const before = this.start.get(rel);
      if (before && before.kind === kind && before.ino === stat.ino && before.size === stat.size && before.ctimeMs === stat.ctimeMs && before.mode === stat.mode)
        return;
      const change = await this.read(rel, abs, stat, kind);
      if (change && !await this.sameAsOriginal(rel, change)) out.push(change);
    });
    for (const [rel, entry] of this.start) {
      if (entry.kind !== "dir" && (!seen.has(rel) || foldersNow.has(rel))) out.push({ path: rel, kind: "delete" });
    }
    return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  }
  async read(rel, abs, stat, kind) {
    if (kind === "symlink") {
      const target = await readlink2(abs);
      if (!symlinkStaysInside(rel, target))
        return { path: rel, kind: "refused", reason: "a symbolic link that points outside the repository" };
      return { path: rel, kind: "write", mode: "120000", data: Buffer.from(target, "utf8") };
    }
    if (kind === "file") {
      if (stat.size > MAX_FILE_BYTES)
        return { path: rel, kind: "refused", reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
      const data = await this.readInside(abs);
      if (!data)
        return {
          path: rel,
          kind: "refused",
          reason: "it could not be read as a regular file inside the copy (swapped or unreadable)"
        };
      return { path: rel, kind: "write", mode: stat.mode & 73 ? "100755" : "100644", data };
    }
    return this.start.has(rel) ? { path: rel, kind: "refused", reason: "replaced by something that is neither a file nor a symbolic link" } : void 0;
  }
  /**
   * A regular file's bytes, read only if it is still one inside the copy when opened: no symlink as its last part
   * (O_NOFOLLOW), no FIFO to block on (O_NONBLOCK), and on Linux the opened file's real path checked, so that a
   * folder swapped for a symlink between our lstat and our read (a process the agent left behind) cannot make us
   * read a file of ours, such as /proc/<our pid>/environ. Undefined when it is not.
   */
  async readInside(abs) {
    const handle = await open(abs, constants2.O_RDONLY | constants2.O_NOFOLLOW | constants2.O_NONBLOCK).catch(
      () => void 0
    );
    if (!handle) return void 0;
    try {
      if (!(await handle.stat()).isFile()) return void 0;
      if (process.platform === "linux" && !(await readlink2(`/proc/self/fd/${handle.fd}`)).startsWith(`${this.realRoot}${sep2}`))
        return void 0;
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }
  /** A file rewritten with the same bytes (or touched) is no change. */
  async sameAsOriginal(rel, change) {
    if (change.kind !== "write" || !this.start.has(rel)) return false;
    const abs = join4(this.originalRoot, rel);
    const stat = await lstat4(abs).catch(() => void 0);
    if (!stat) return false;
    if (change.mode === "120000")
      return stat.isSymbolicLink() && await readlink2(abs) === change.data.toString("utf8");
    if (!stat.isFile() || stat.size !== change.data.length || (stat.mode & 73 ? "100755" : "100644") !== change.mode)
      return false;
    return (await readFile3(abs)).equals(change.data);
  }
};

// src/git/repo.ts
var DEFAULT_TIMEOUT_MS = 12e4;
var PUSH_TIMEOUT_MS = 3e5;
var CAPTURE_BYTES = 2 * 1024 * 1024;
function safetyFlags(root) {
  return [
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.attributesFile=/dev/null",
    "-c",
    "core.excludesFile=/dev/null",
    "-c",
    "protocol.ext.allow=never",
    "-c",
    `safe.directory=${root}`,
    "-c",
    "safe.directory=*"
  ];
}
function findRoot(cwd) {
  for (let dir = resolve3(cwd); ; dir = dirname3(dir)) {
    if (existsSync(join5(dir, ".git"))) return realpathSync(dir);
    if (dirname3(dir) === dir)
      throw new Error(
        `${cwd} is not inside a git repository: the relay needs a checkout (actions/checkout) to work in.`
      );
  }
}
function shortError(result) {
  if (result.spawnError)
    return result.spawnError.code === "ENOENT" ? "git was not found on PATH" : result.spawnError.message;
  if (result.timedOut) return "timed out";
  if (result.aborted) return "cancelled";
  const text = result.stderr.text.trim() || result.stdout.text.trim();
  return `${text.split("\n").slice(-6).join("\n")} (exit code ${result.exitCode ?? result.signal})`;
}
function boundDiff(diff, maxChars) {
  if (diff.length <= maxChars) return { diff, cut: false };
  const end = diff.lastIndexOf("\n", maxChars);
  return { diff: diff.slice(0, end > 0 ? end : maxChars), cut: true };
}
var DEFAULT_POLICY = writePolicy();
var ZERO_ID = (length) => "0".repeat(length);
var GitRepo = class _GitRepo {
  constructor(options, root, gitDir, baseSha, branch, originUrl, userObjectsDir, ownGitDir, objects, stage, metadata, agentConfig) {
    this.options = options;
    this.root = root;
    this.gitDir = gitDir;
    this.baseSha = baseSha;
    this.branch = branch;
    this.originUrl = originUrl;
    this.userObjectsDir = userObjectsDir;
    this.ownGitDir = ownGitDir;
    this.objects = objects;
    this.stage = stage;
    this.metadata = metadata;
    this.agentConfig = agentConfig;
  }
  options;
  root;
  gitDir;
  baseSha;
  branch;
  originUrl;
  userObjectsDir;
  ownGitDir;
  objects;
  stage;
  metadata;
  agentConfig;
  sequence = 0;
  /** The files of each commit we built, by commit id: what the secret scan reads before a push. */
  committed = /* @__PURE__ */ new Map();
  get policy() {
    return this.options.policy ?? DEFAULT_POLICY;
  }
  /** Where the agents run: the working directory's place inside the stage copy. */
  get agentDirectory() {
    return join5(this.stage.root, relative4(this.root, realpathSync(this.options.cwd)));
  }
  /**
   * Records what the relay starts from (commit, branch, origin, metadata), copies the working tree for the agents
   * and sets up our own bare repository. Call before any agent runs.
   */
  static async open(options) {
    const root = findRoot(options.cwd);
    await mkdir4(join5(options.scratchDir, "logs"), { recursive: true });
    const probe = new _GitRepo(
      options,
      root,
      "",
      "",
      void 0,
      void 0,
      "",
      "",
      void 0,
      void 0,
      void 0,
      void 0
    );
    const gitDir = (await probe.mustRun(["rev-parse", "--absolute-git-dir"], "git-dir")).trim();
    const commonDir = resolve3(root, (await probe.mustRun(["rev-parse", "--git-common-dir"], "common-dir")).trim());
    const head = await probe.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], "head");
    if (head.exitCode !== 0)
      throw new Error(`The repository at ${root} has no commit checked out: the relay needs one to start from.`);
    const baseSha = head.stdout.text.trim();
    const branch = await probe.run(["symbolic-ref", "--quiet", "--short", "HEAD"], "branch");
    const origin = await probe.run(["remote", "get-url", "origin"], "origin");
    const userObjectsDir = resolve3(
      root,
      (await probe.mustRun(["rev-parse", "--git-path", "objects"], "objects")).trim()
    );
    const format = baseSha.length === 64 ? "sha256" : "sha1";
    const ownGitDir = join5(options.scratchDir, "relay.git");
    await probe.mustRun(["init", "--quiet", "--bare", `--object-format=${format}`, ownGitDir], "own-init", {
      gitDir: null
    });
    const objects = new ObjectStore(join5(ownGitDir, "objects"), format);
    await objects.linkAlternate(userObjectsDir);
    const shallow = resolve3(root, (await probe.mustRun(["rev-parse", "--git-path", "shallow"], "shallow")).trim());
    if (existsSync(shallow)) await copyFile2(shallow, join5(ownGitDir, "shallow"));
    const stage = await StageTree.create(root, options.exclude ?? []);
    return new _GitRepo(
      options,
      root,
      gitDir,
      baseSha,
      branch.exitCode === 0 ? branch.stdout.text.trim() || void 0 : void 0,
      origin.exitCode === 0 ? origin.stdout.text.trim() || void 0 : void 0,
      userObjectsDir,
      ownGitDir,
      objects,
      stage,
      await RepoMetadata.snapshot(commonDir, root),
      await AgentConfigGuard.snapshot(stage.root, join5(stage.root, relative4(root, realpathSync(options.cwd))))
    );
  }
  /** Removes the stage copy; the commit, our repository and the patch stay in the scratch folder. */
  async close() {
    await this.stage.remove();
  }
  /**
   * Puts agent-CLI configuration (hooks, MCP servers, plugins, .env: see AGENT_CONFIG_PATHS) in the stage copy back
   * as it was before the agents, so that no later stage's CLI and no `run` command sees one a stage planted.
   * Returns the paths that differed, relative to the repository.
   */
  async restoreAgentConfig() {
    return this.agentConfig.restore();
  }
  /**
   * Puts the user's repository's config, hooks and redirections back as they were before the agents. With
   * agent-user the agents cannot reach that repository at all; without it they run as we do and could.
   */
  async restoreMetadata() {
    return this.metadata.restore();
  }
  /**
   * The agents' change (stage copy against the start) as a tree on top of the starting commit, built in our own
   * repository; refused paths (policy, symlinks leading out, oversized files) are left out and listed.
   */
  async buildTree() {
    const refused = [];
    const accepted = [];
    const protectedFiles = new Set(
      (this.options.protectFiles ?? []).map((file) => existsSync(file) ? realpathSync(file) : resolve3(file))
    );
    const all = await this.stage.changes();
    const ignored = await this.ignoredPaths(all.map((c) => c.path));
    for (const change of all.filter((c) => !ignored.has(c.path))) {
      const rule = this.policy.protectedBy(change.path) ?? (protectedFiles.has(join5(this.root, change.path)) ? "the config file" : void 0);
      if (change.kind === "refused") refused.push({ path: change.path, reason: change.reason });
      else if (rule)
        refused.push({
          path: change.path,
          reason: `a protected path (${rule}); a maintainer can allow it with allow-protected-paths`
        });
      else accepted.push(change);
    }
    const zero = ZERO_ID(this.baseSha.length);
    const lines = [];
    const files = [];
    for (const change of accepted) if (change.kind === "delete") lines.push(`0 ${zero}	${change.path}\0`);
    for (const change of accepted) {
      if (change.kind !== "write") continue;
      lines.push(`${change.mode} ${await this.objects.writeBlob(change.data)}	${change.path}\0`);
      files.push({ path: change.path, data: change.data });
    }
    const env = { GIT_INDEX_FILE: join5(this.options.scratchDir, "relay.index") };
    await this.mustRun(["read-tree", this.baseSha], "read-tree", { env });
    if (lines.length > 0)
      await this.mustRun(["update-index", "-z", "--index-info"], "update-index", { env, stdin: lines.join("") });
    const tree = (await this.mustRun(["write-tree"], "write-tree", { env })).trim();
    return { tree, refused, files, paths: accepted.map((c) => c.path) };
  }
  /**
   * The paths git would not commit: untracked in the starting commit and ignored by the rules as they were when
   * the run started (the user's tree's .gitignore files; not the copy's, not the user's global excludes).
   */
  async ignoredPaths(paths) {
    if (paths.length === 0) return /* @__PURE__ */ new Set();
    const env = { GIT_INDEX_FILE: join5(this.options.scratchDir, "ignore.index") };
    await this.mustRun(["read-tree", this.baseSha], "ignore-index", { env });
    const result = await this.run(["--work-tree", this.root, "check-ignore", "-z", "--stdin"], "check-ignore", {
      env,
      stdin: paths.map((p) => `${p}\0`).join("")
    });
    if (result.exitCode !== 0 && result.exitCode !== 1)
      throw new Error(`git check-ignore failed: ${shortError(result)}`);
    return new Set(result.stdout.text.split("\0").filter(Boolean));
  }
  /** git diff in our repository, where no attribute (`-diff`, a textconv) can hide or rewrite a file. */
  diff(args, label) {
    return this.run(["diff", "--no-ext-diff", "--no-textconv", "--no-color", "--no-renames", ...args], label);
  }
  /** The agents' change against the starting commit; the diff is cut at maxChars. */
  async changes(maxChars) {
    const { tree, refused } = await this.buildTree();
    const base = await this.treeOf(this.baseSha);
    if (tree === base) return { empty: true, stat: "", summary: "", diff: "", cut: false, totalChars: 0, refused };
    const range = [this.baseSha, tree];
    const [stat, summary, diff] = await Promise.all([
      this.diff(["--stat=120", ...range], "diff-stat"),
      this.diff(["--shortstat", ...range], "diff-shortstat"),
      this.diff(range, "diff")
    ]);
    for (const result of [stat, summary, diff])
      if (result.exitCode !== 0) throw new Error(`git diff failed: ${shortError(result)}`);
    const full = diff.stdout.text;
    const bounded = boundDiff(full, maxChars);
    const totalChars = diff.stdout.truncated ? diff.stdout.totalBytes : full.length;
    return {
      empty: false,
      stat: stat.stdout.text.trimEnd(),
      summary: summary.stdout.text.trim(),
      diff: bounded.diff,
      cut: bounded.cut || diff.stdout.truncated,
      totalChars,
      refused
    };
  }
  /**
   * Commits the agents' change on top of the starting commit as `branch`, in our repository; writes it as a patch
   * to `patchFile` and, when asked, as a local branch of the user's repository (its working tree and HEAD stay as
   * they are). Undefined when nothing changed. The message goes on stdin, never in argv.
   */
  async commit(branch, message, author = BOT_AUTHOR) {
    const { tree, refused, files, paths } = await this.buildTree();
    if (tree === await this.treeOf(this.baseSha)) return void 0;
    const identity = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email
    };
    const sha = (await this.mustRun(["commit-tree", tree, "-p", this.baseSha, "-F", "-"], "commit", {
      stdin: message,
      env: identity
    })).trim();
    await this.mustRun(["update-ref", `refs/heads/${branch}`, sha], "branch");
    this.committed.set(sha, files);
    const range = [this.baseSha, sha];
    const [stat, summary, patch] = await Promise.all([
      this.diff(["--stat=120", ...range], "commit-stat"),
      this.diff(["--shortstat", ...range], "commit-shortstat"),
      this.diff(["--binary", ...range], "patch")
    ]);
    if (this.options.patchFile && patch.exitCode === 0)
      await writeFile4(this.options.patchFile, patch.stdout.truncated ? "" : patch.stdout.text);
    if (this.options.localBranch !== false) await this.publishLocalBranch(branch, sha);
    return {
      sha,
      branch,
      parent: this.baseSha,
      paths,
      stat: stat.stdout.text.trimEnd(),
      summary: summary.stdout.text.trim(),
      refused
    };
  }
  /**
   * Puts the commit on a local branch of the user's repository: our objects are copied into its object folder and
   * the one git command run there after the agents started is update-ref, with hooks and global config off.
   */
  async publishLocalBranch(branch, sha) {
    await this.restoreMetadata();
    await this.objects.copyInto(this.userObjectsDir);
    await this.mustRun(["update-ref", `refs/heads/${branch}`, sha], "local-branch", { gitDir: this.gitDir });
  }
  /** The files a commit of ours adds or changes, with their bytes: what leaves the runner if it is pushed. */
  committedFiles(sha) {
    return this.committed.get(sha) ?? [];
  }
  /**
   * Origin's URL as it was before any agent ran, and the environment that authenticates to it: the token travels
   * as an HTTP header for `serverUrl` only, and only when origin is on that server.
   */
  remote(auth) {
    if (!this.originUrl) return void 0;
    const url = withoutCredentials(this.originUrl);
    const env = auth.token && /^https?:\/\//i.test(url) && sameOrigin(url, auth.serverUrl) ? authConfigEnv(auth.serverUrl, auth.token) : {};
    return { url, env: { ...env, GIT_TERMINAL_PROMPT: "0" } };
  }
  /** The commit `branch` points to on origin (git ls-remote). */
  async remoteHead(branch, auth) {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: "the repository has no `origin` remote to push to" };
    const result = await this.run(["ls-remote", "--refs", remote.url, `refs/heads/${branch}`], "ls-remote", {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS
    });
    if (result.exitCode !== 0) {
      const error = shortError(result);
      return { ok: false, denied: isPushDenied(error), error };
    }
    const line = result.stdout.text.split("\n").find((l) => l.endsWith(`	refs/heads/${branch}`));
    return { ok: true, sha: line?.split("	")[0] };
  }
  /**
   * The raw commit object (headers, then the message) of origin's `branch`, which must point to `sha`. It is
   * fetched alone (depth 1, no trees where the server allows) into a scratch repository: the checkout is not touched.
   */
  async remoteCommit(branch, sha, auth) {
    const remote = this.remote(auth);
    if (!remote) throw new Error("the repository has no `origin` remote");
    const probe = join5(this.options.scratchDir, "remote-probe.git");
    if (!existsSync(probe)) await this.mustRun(["init", "--quiet", "--bare", probe], "probe-init", { gitDir: null });
    const fetched = await this.run(
      [
        "fetch",
        "--quiet",
        "--depth=1",
        "--filter=tree:0",
        "--no-tags",
        remote.url,
        `+refs/heads/${branch}:refs/probe/head`
      ],
      "probe-fetch",
      {
        env: remote.env,
        timeoutMs: PUSH_TIMEOUT_MS,
        gitDir: probe
      }
    );
    if (fetched.exitCode !== 0) throw new Error(`git fetch failed: ${shortError(fetched)}`);
    return this.mustRun(["cat-file", "commit", sha], "probe-commit", { gitDir: probe });
  }
  /**
   * Pushes `sha` as `branch` to origin from our own repository, only over the commit the branch had when we looked
   * (`expected`; undefined: the branch must not exist), so a commit someone pushed meanwhile is never overwritten.
   */
  async push(branch, sha, auth, expected) {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: "the repository has no `origin` remote to push to" };
    const lease = `--force-with-lease=refs/heads/${branch}:${expected ?? ""}`;
    const result = await this.run(["push", lease, "--no-verify", remote.url, `${sha}:refs/heads/${branch}`], "push", {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS
    });
    if (result.exitCode === 0) return { ok: true, url: remote.url, ...expected ? { replaced: expected } : {} };
    const error = shortError(result);
    return { ok: false, denied: isPushDenied(error), error };
  }
  /**
   * Pushes `sha` onto origin's `branch` as a fast-forward only: no force and no lease, so git (and the server) refuse
   * anything that would drop a commit the branch holds.
   */
  async pushFastForward(branch, sha, auth) {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, denied: false, error: "the repository has no `origin` remote to push to" };
    const result = await this.run(["push", "--no-verify", remote.url, `${sha}:refs/heads/${branch}`], "push-ff", {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS
    });
    if (result.exitCode === 0) return { ok: true, url: remote.url };
    const error = shortError(result);
    return { ok: false, denied: isPushDenied(error), error };
  }
  /** Deletes `branch` on origin, only while it still points to `sha` (our commit). */
  async deleteRemoteBranch(branch, sha, auth) {
    const remote = this.remote(auth);
    if (!remote) return { ok: false, error: "the repository has no `origin` remote" };
    const lease = `--force-with-lease=refs/heads/${branch}:${sha}`;
    const result = await this.run(["push", lease, "--no-verify", remote.url, `:refs/heads/${branch}`], "push-delete", {
      env: remote.env,
      timeoutMs: PUSH_TIMEOUT_MS
    });
    return result.exitCode === 0 ? { ok: true } : { ok: false, error: shortError(result) };
  }
  async treeOf(commit) {
    return (await this.mustRun(["rev-parse", `${commit}^{tree}`], "tree")).trim();
  }
  async mustRun(args, label, extra = {}) {
    const result = await this.run(args, label, extra);
    if (result.exitCode !== 0) throw new Error(`git ${args[0]} failed: ${shortError(result)}`);
    return result.stdout.text;
  }
  run(args, label, extra = {}) {
    const { options } = this;
    const gitDir = extra.gitDir !== void 0 ? extra.gitDir : this.ownGitDir || void 0;
    const location = gitDir === void 0 ? [] : gitDir ? [`--git-dir=${gitDir}`] : [];
    const env = buildAgentEnv({
      parentEnv: options.parentEnv,
      prefixes: [],
      passEnv: [],
      adapterEnv: {
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_TERMINAL_PROMPT: "0",
        GIT_ATTR_NOSYSTEM: "1",
        LC_ALL: "C",
        ...extra.env
      },
      configEnv: {}
    });
    return runProcess({
      argv: ["git", ...safetyFlags(this.root), ...location, ...args],
      env,
      cwd: gitDir || (this.ownGitDir ? options.scratchDir : this.root),
      stdin: extra.stdin ?? "",
      timeoutMs: extra.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      killGraceMs: options.killGraceMs ?? 2e3,
      outputDir: join5(options.scratchDir, "logs"),
      label: `git-${String(++this.sequence).padStart(3, "0")}-${label}`,
      memoryLimitBytes: CAPTURE_BYTES,
      signal: options.signal
    });
  }
};

// src/process/command.ts
var TAIL_LINES = 40;
var TAIL_CHARS = 4e3;
function outputTail(result) {
  const text = [result.stdout.text.trimEnd(), result.stderr.text.trimEnd()].filter(Boolean).join("\n");
  const lines = text.split("\n").slice(-TAIL_LINES).join("\n");
  return lines.length > TAIL_CHARS ? `\u2026${lines.slice(-TAIL_CHARS)}` : lines;
}
function failure(result, request) {
  const program = request.argv[0] ?? "";
  if (result.aborted) return "cancelled with the workflow";
  if (result.spawnError?.code === "ENOENT")
    return `\`${program}\` was not found on PATH (or the working directory is missing): ${result.spawnError.message}`;
  if (result.spawnError) return `could not start \`${program}\`: ${result.spawnError.message}`;
  if (result.timedOut)
    return `timed out after ${Math.round(request.timeoutMs / 1e3)} s; the whole process group was killed`;
  if (result.exitCode === null) return `killed by ${result.signal ?? "a signal"}`;
  return void 0;
}
async function runCommand(request) {
  const env = buildAgentEnv({
    parentEnv: request.parentEnv,
    prefixes: [],
    passEnv: [],
    adapterEnv: request.identityEnv ?? {},
    configEnv: {}
  });
  const result = await runProcess({
    argv: request.argv,
    env,
    cwd: request.cwd,
    stdin: "",
    timeoutMs: request.timeoutMs,
    killGraceMs: request.killGraceMs,
    outputDir: request.outputDir,
    label: request.label,
    signal: request.signal,
    ...request.runAs ? { runAs: request.runAs } : {}
  });
  const error = failure(result, request);
  return {
    argv: request.argv,
    exitCode: result.exitCode,
    ok: error === void 0 && result.exitCode === 0,
    durationMs: Math.round(result.durationMs),
    ...error ? { error } : {},
    outputTail: outputTail(result)
  };
}

// src/pipelines/relay-pipeline/workspace.ts
async function openRelayCheckout(args) {
  const repo = await GitRepo.open({
    cwd: args.workingDirectory,
    scratchDir: join6(args.runDir, "git"),
    parentEnv: args.env,
    signal: args.signal,
    killGraceMs: args.killGraceMs,
    policy: writePolicy({ allow: args.config.allowProtectedPaths }),
    protectFiles: args.configFile ? [args.configFile] : [],
    // The local run's --out folder (the run folder's parent) may be inside the working tree: it is no part of the change.
    exclude: [dirname4(args.runDir)],
    patchFile: join6(args.runDir, "changes.patch")
  });
  return {
    repo,
    agentDirectory: repo.agentDirectory,
    // The start is what the copy holds once prepared for the agents (agent-user ACLs included), before any agent ran.
    ready: () => repo.stage.markStart(),
    close: () => repo.close()
  };
}
function gitWorkspace(deps) {
  const place = deps.workspace;
  const { killGraceMs } = place;
  const checkout = place.prepared;
  const opened = () => {
    if (checkout === void 0) throw new Error("the relay workspace was not prepared");
    if (checkout instanceof Error) throw checkout;
    return checkout.repo;
  };
  const workspace = {
    async prepare() {
      return { branch: opened().branch, commit: opened().baseSha };
    },
    afterStage: async () => ({
      gitMetadata: await opened().restoreMetadata(),
      agentConfig: await opened().restoreAgentConfig()
    }),
    changes: (maxChars) => opened().changes(maxChars),
    // The commit message is published with the branch: it goes through the redactor like every comment.
    commit: (branch, message) => opened().commit(branch, deps.redactor.redact(message)),
    // `run` commands execute code the agents wrote: they run as the agents run when those are isolated.
    runCommand: ({ stage, round, argv, timeoutSec }) => runCommand({
      argv,
      cwd: opened().agentDirectory,
      timeoutMs: timeoutSec * 1e3,
      killGraceMs,
      parentEnv: place.env,
      outputDir: join6(place.runDir, "logs"),
      label: `run-${stage}-r${round}`,
      signal: deps.signal,
      ...place.agentIdentity?.runAs ? { runAs: place.agentIdentity.runAs, identityEnv: place.agentIdentity.env } : {}
    })
  };
  return { workspace, repo: opened };
}
function publisherFor(request, deps, repo) {
  const { github, redactor } = deps;
  const issue = request.target;
  if (!github) return void 0;
  const auth = github.gitAuth;
  return {
    async push(commit) {
      const leak = secretScan(repo(), commit, redactor);
      if (leak) return leak;
      const head = await repo().remoteHead(commit.branch, auth);
      if (!head.ok) return head;
      if (head.sha) {
        const raw = await repo().remoteCommit(commit.branch, head.sha, auth).catch((error) => error);
        if (raw instanceof Error)
          return {
            ok: false,
            denied: false,
            error: `could not read the commit origin's branch points to: ${raw.message}`
          };
        if (!isRelayCommit(raw, issue.number, BOT_AUTHOR.email)) {
          return {
            ok: false,
            denied: false,
            kept: true,
            error: `origin's \`${commit.branch}\` ends in a commit that is not the relay's (${describeCommit(head.sha, raw)})`
          };
        }
      }
      return repo().push(commit.branch, commit.sha, auth, head.sha);
    },
    removeBranch: (commit) => repo().deleteRemoteBranch(commit.branch, commit.sha, auth),
    openPullRequest: (pull) => github.openPullRequest({
      ...pull,
      title: sanitizeOutput(pull.title, redactor),
      body: sanitizeOutput(pull.body, redactor)
    })
  };
}
function secretScan(repo, commit, redactor) {
  const leaking = filesWithSecrets(repo.committedFiles(commit.sha), redactor.knownValues);
  if (leaking.length === 0) return void 0;
  return {
    ok: false,
    denied: false,
    error: `the changes contain a known secret value (literal or encoded) or text shaped like a token in ${leaking.map((p) => `\`${p}\``).join(", ")}, so nothing was pushed`
  };
}
function followUpPublisherFor(pullNumber, deps, repo) {
  const { github, redactor } = deps;
  if (!github) return void 0;
  return {
    push: async (commit) => secretScan(repo(), commit, redactor) ?? repo().pushFastForward(commit.branch, commit.sha, github.gitAuth),
    async updateBody(body) {
      if (!github.updatePullRequest) throw new Error("this GitHub access cannot update a pull request");
      await github.updatePullRequest(pullNumber, { body });
    },
    reply(commentId, body) {
      if (!github.replyToReviewComment) throw new Error("this GitHub access cannot reply to review comments");
      return github.replyToReviewComment(pullNumber, commentId, body);
    }
  };
}

export {
  openRelayCheckout,
  gitWorkspace,
  publisherFor,
  followUpPublisherFor
};
