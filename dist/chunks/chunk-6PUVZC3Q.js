import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/process/run-process.ts
import { spawn, spawnSync as spawnSync2 } from "node:child_process";
import { statSync as statSync2 } from "node:fs";
import { mkdir, stat as stat2 } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { finished as finished2 } from "node:stream/promises";

// src/process/capture.ts
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
var DEFAULT_MEMORY_LIMIT_BYTES = 4 * 1024 * 1024;
var INITIAL_CAPACITY = 64 * 1024;
var HeadBuffer = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  buf = Buffer.alloc(0);
  length = 0;
  /** Stores what fits and returns the rest of the chunk. */
  take(chunk) {
    const room = this.limit - this.length;
    if (room <= 0) return chunk;
    const part = chunk.subarray(0, room);
    this.reserve(this.length + part.length);
    part.copy(this.buf, this.length);
    this.length += part.length;
    return chunk.subarray(part.length);
  }
  bytes() {
    return this.buf.subarray(0, this.length);
  }
  reserve(needed) {
    if (needed <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(growTo(this.buf.length, needed, this.limit));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }
};
var TailRing = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  buf = Buffer.alloc(0);
  /** Next write position once the ring is full; bytes stored while still linear. */
  pos = 0;
  full = false;
  push(chunk) {
    if (this.limit === 0 || chunk.length === 0) return;
    if (!this.full) this.growFor(chunk.length);
    if (!this.full) {
      chunk.copy(this.buf, this.pos);
      this.pos += chunk.length;
      return;
    }
    this.pushWrapped(chunk.subarray(Math.max(0, chunk.length - this.limit)));
  }
  get length() {
    return this.full ? this.limit : this.pos;
  }
  bytes() {
    if (!this.full) return this.buf.subarray(0, this.pos);
    return Buffer.concat([this.buf.subarray(this.pos), this.buf.subarray(0, this.pos)]);
  }
  growFor(extra) {
    const needed = this.pos + extra;
    if (this.buf.length < Math.min(needed, this.limit)) {
      const grown = Buffer.allocUnsafe(growTo(this.buf.length, needed, this.limit));
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
    }
    if (needed > this.limit) {
      this.full = true;
      this.pos = this.pos % this.limit;
    }
  }
  pushWrapped(chunk) {
    const first = Math.min(chunk.length, this.limit - this.pos);
    chunk.copy(this.buf, this.pos, 0, first);
    chunk.copy(this.buf, 0, first);
    this.pos = (this.pos + chunk.length) % this.limit;
  }
};
function growTo(current, needed, limit) {
  let size = Math.max(current, Math.min(INITIAL_CAPACITY, limit));
  while (size < needed && size < limit) size = Math.min(size * 2, limit);
  return size;
}
var BoundedCapture = class {
  file;
  out;
  head;
  tail;
  totalBytes = 0;
  fileError;
  /** Bytes the child has printed so far. */
  get bytesSeen() {
    return this.totalBytes;
  }
  closed = false;
  resumeSource;
  constructor(outputDir, label, stream, memoryLimitBytes) {
    const limit = Math.max(0, Math.floor(memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES));
    this.head = new HeadBuffer(Math.floor(limit / 2));
    this.tail = new TailRing(limit - Math.floor(limit / 2));
    this.file = `${outputDir}/${label}.${stream}.log`;
    this.out = createWriteStream(this.file);
    this.out.on("error", (err) => {
      this.fileError ??= err.message;
      this.releaseSource();
    });
  }
  /** Returns false when the file wants the producer to pause until `drain`. */
  write(chunk) {
    if (this.closed) return true;
    this.totalBytes += chunk.length;
    this.tail.push(this.head.take(chunk));
    if (this.fileError !== void 0) return true;
    return this.out.write(chunk);
  }
  /** Reads `source` into this capture, pausing it while the log file catches up. */
  attach(source) {
    source.on("data", (chunk) => {
      if (this.write(chunk) || this.fileError !== void 0) return;
      source.pause();
      this.resumeSource = () => source.resume();
      this.out.once("drain", () => this.releaseSource());
    });
  }
  async finish() {
    if (!this.closed) {
      this.closed = true;
      this.releaseSource();
      this.out.end();
      await finished(this.out).catch(() => void 0);
    }
    return {
      text: this.text(),
      truncated: this.truncated,
      totalBytes: this.totalBytes,
      file: this.file
    };
  }
  get truncated() {
    return this.totalBytes > this.head.length + this.tail.length;
  }
  releaseSource() {
    const resume = this.resumeSource;
    this.resumeSource = void 0;
    resume?.();
  }
  text() {
    const where = this.fileError === void 0 ? `full output in ${this.file}` : `log file failed: ${this.fileError}`;
    return capturedText(this.head.bytes(), this.tail.bytes(), this.totalBytes, where);
  }
};
function capturedText(head, tail, totalBytes, where) {
  if (totalBytes <= head.length + tail.length) return Buffer.concat([head, tail]).toString("utf8");
  const headText = new StringDecoder("utf8").write(head);
  const tailBytes = skipContinuationBytes(tail);
  const cut = totalBytes - Buffer.byteLength(headText) - tailBytes.length;
  return `${headText}
[\u2026 ${cut} bytes cut: ${where} \u2026]
${tailBytes.toString("utf8")}`;
}
function skipContinuationBytes(buf) {
  let start = 0;
  while (start < 3 && start < buf.length && ((buf[start] ?? 0) & 192) === 128) start++;
  return buf.subarray(start);
}

// src/process/containment.ts
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  accessSync as accessSync2,
  constants as constants2,
  existsSync as existsSync2,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync
} from "node:fs";
import { join as join2 } from "node:path";

// src/process/run-as.ts
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join, resolve } from "node:path";
var PORTABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var STRIPPED_FOR_SETUID = /* @__PURE__ */ new Set(["TMPDIR", "TZDIR", "LOCPATH", "NLSPATH"]);
function sudoArgv(user, program, args, env) {
  const names = Object.keys(env).filter((name) => PORTABLE_NAME.test(name) && !STRIPPED_FOR_SETUID.has(name));
  const assignments = Object.keys(env).filter((name) => STRIPPED_FOR_SETUID.has(name)).map((name) => `${name}=${env[name]}`);
  return [
    "-n",
    "-u",
    user,
    ...names.length > 0 ? [`--preserve-env=${names.join(",")}`] : [],
    ...assignments,
    "--",
    program,
    ...args
  ];
}
async function isExecutableFile(path) {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
async function resolveProgram(program, path, cwd) {
  if (program.includes("/")) return isAbsolute(program) ? program : resolve(cwd, program);
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const candidate = resolve(cwd, join(dir, program));
    if (await isExecutableFile(candidate)) return candidate;
  }
  return void 0;
}
function sudoProgram(path = process.env.PATH ?? "") {
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, "sudo");
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
    }
  }
  return "sudo";
}
var AGENT_TASK_LIMIT = 2048;
var PRLIMIT = "/usr/bin/prlimit";
function withTaskLimit(program, args, prlimit = PRLIMIT) {
  if (!existsSync(prlimit)) return [program, args];
  return [prlimit, [`--nproc=${AGENT_TASK_LIMIT}:${AGENT_TASK_LIMIT}`, "--", program, ...args]];
}
async function launchFor(argv, runAs, env, cwd) {
  const [program, ...args] = argv;
  if (runAs === void 0) return { program, args };
  if (runAs.via === "uid") return { program, args, uid: runAs.uid, gid: runAs.gid };
  const absolute = await resolveProgram(program, env.PATH ?? "", cwd);
  if (absolute === void 0) return void 0;
  const [limited, limitedArgs] = withTaskLimit(absolute, args);
  return { program: sudoProgram(), args: sudoArgv(runAs.user, limited, limitedArgs, env) };
}

// src/process/containment.ts
var RUN_MARKER_NAME = "AI_ORCHESTRA_RUN_MARKER";
var RUN_MARKER = `${process.pid}-${randomBytes(8).toString("hex")}`;
var SUDO_TIMEOUT_MS = 3e3;
function readOr(file, fallback = "") {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}
function writable(dir) {
  try {
    accessSync2(dir, constants2.W_OK);
    return true;
  } catch {
    return false;
  }
}
function ownCgroups() {
  const mounts = readOr("/proc/self/mountinfo").split("\n").map((line) => line.split(" "));
  const mountOf = (match) => mounts.find(match)?.[4];
  const v2Mount = mountOf((f) => f[f.indexOf("-") + 1] === "cgroup2");
  const pidsMount = mountOf((f) => f[f.indexOf("-") + 1] === "cgroup" && (f.at(-1) ?? "").split(",").includes("pids"));
  const own = new Map(
    readOr("/proc/self/cgroup").split("\n").map((line) => [line.split(":")[1] ?? "", line.split(":").slice(2).join(":")])
  );
  const under = (mount, path) => {
    if (!mount || path === void 0) return void 0;
    const dir = join2(mount, path);
    return existsSync2(join2(dir, "cgroup.procs")) && writable(dir) ? dir : void 0;
  };
  return { v2: under(v2Mount, own.get("")), pids: under(pidsMount, own.get("pids")) };
}
var cgroupParents;
var CAGE_NAME = /^ai-orchestra-(\d+)-\d+$/;
function removeStaleCages(parents) {
  for (const parent of [parents.v2, parents.pids]) {
    if (!parent) continue;
    let names = [];
    try {
      names = readdirSync(parent);
    } catch {
      continue;
    }
    for (const name of names) {
      const owner = Number(CAGE_NAME.exec(name)?.[1] ?? Number.NaN);
      if (!Number.isInteger(owner) || owner === process.pid || existsSync2(`/proc/${owner}`)) continue;
      try {
        rmdirSync(join2(parent, name));
      } catch {
      }
    }
  }
}
var sequence = 0;
var childrenListed;
function forkedBefore(pid) {
  childrenListed ??= existsSync2(`/proc/${process.pid}/task/${process.pid}/children`);
  if (!childrenListed) return processes((p) => p.pgrp === pid && p.pid !== pid).map((p) => p.pid);
  const found = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== void 0 && found.length < AGENT_TASK_LIMIT; next = queue.shift()) {
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${next}/task`);
    } catch {
    }
    for (const task of tasks) {
      for (const child of readOr(`/proc/${next}/task/${task}/children`).split(" ").filter(Boolean).map(Number)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}
function adopt(dir, pid) {
  for (const member of [pid, ...forkedBefore(pid)]) {
    try {
      writeFileSync(join2(dir, "cgroup.procs"), String(member));
    } catch {
    }
  }
}
var AgentCage = class _AgentCage {
  constructor(dirs) {
    this.dirs = dirs;
  }
  dirs;
  /** A cage for the process `pid` just spawned; undefined when this machine gives us no cgroup to make. */
  static around(pid) {
    if (!cgroupParents) {
      cgroupParents = ownCgroups();
      removeStaleCages(cgroupParents);
    }
    const name = `ai-orchestra-${process.pid}-${++sequence}`;
    const dirs = [];
    for (const parent of [cgroupParents.v2, cgroupParents.pids]) {
      if (!parent) continue;
      const dir = join2(parent, name);
      try {
        mkdirSync(dir);
        if (existsSync2(join2(dir, "pids.max"))) writeFileSync(join2(dir, "pids.max"), String(AGENT_TASK_LIMIT));
        adopt(dir, pid);
        dirs.push(dir);
      } catch {
      }
    }
    return dirs.length > 0 ? new _AgentCage(dirs) : void 0;
  }
  get limited() {
    return this.dirs.some((dir) => existsSync2(join2(dir, "pids.max")));
  }
  /** SIGKILL to everything inside, `cgroup.kill` where the kernel has it; then the cgroups are removed. */
  async killAll() {
    for (let attempt = 0; attempt < 50; attempt++) {
      const left = this.dirs.flatMap(
        (dir) => readOr(join2(dir, "cgroup.procs")).split("\n").filter(Boolean).map(Number)
      );
      if (left.length === 0) break;
      for (const dir of this.dirs) {
        if (existsSync2(join2(dir, "cgroup.kill"))) writeQuietly(join2(dir, "cgroup.kill"), "1");
      }
      for (const pid of left) killQuietly(pid);
      await new Promise((resolve2) => setTimeout(resolve2, 20));
    }
    for (const dir of this.dirs) {
      try {
        rmdirSync(dir);
      } catch {
      }
    }
  }
};
function writeQuietly(file, text) {
  try {
    writeFileSync(file, text);
  } catch {
  }
}
function killQuietly(pid) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
  }
}
function processes(filter) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const stat3 = readOr(`/proc/${entry}/stat`);
    const fields = stat3.slice(stat3.lastIndexOf(")") + 2).split(" ");
    if (fields.length < 3 || fields[0] === "Z") continue;
    const info = {
      pid: Number(entry),
      pgrp: Number(fields[2]),
      get uid() {
        return Number(/^Uid:\s+(\d+)/m.exec(readOr(`/proc/${entry}/status`))?.[1] ?? -1);
      },
      environ: () => readOr(`/proc/${entry}/environ`)
    };
    if (filter(info)) out.push(info);
  }
  return out;
}
function sweepLeftovers(runAs) {
  const marker = `${RUN_MARKER_NAME}=${RUN_MARKER}`;
  const ownUid = process.getuid?.();
  for (const p of processes((p2) => p2.uid === ownUid || runAs?.via === "uid" && p2.uid === runAs.uid)) {
    if (runAs?.via === "uid" && p.uid === runAs.uid || p.environ().split("\0").includes(marker)) killQuietly(p.pid);
  }
  if (runAs?.via === "sudo") {
    spawnSync(sudoProgram(), ["-n", "-u", runAs.user, "--", "kill", "-s", "KILL", "--", "-1"], {
      stdio: "ignore",
      timeout: SUDO_TIMEOUT_MS,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }
    });
  }
}

// src/process/file-capture.ts
import { closeSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
var FileCapture = class _FileCapture {
  constructor(file, fd, limit) {
    this.file = file;
    this.limit = limit;
    this.fd = fd;
  }
  file;
  limit;
  fd;
  /** Opens (truncates) `<outputDir>/<label>.<stream>.log`; undefined when it cannot, and the caller reads a pipe instead. */
  static open(outputDir, label, stream, memoryLimitBytes) {
    const file = `${outputDir}/${label}.${stream}.log`;
    try {
      return new _FileCapture(
        file,
        openSync(file, "w"),
        Math.max(0, Math.floor(memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES))
      );
    } catch {
      return void 0;
    }
  }
  /** The descriptor to give the child as this stream. */
  get descriptor() {
    if (this.fd === void 0) throw new Error(`${this.file} is already closed`);
    return this.fd;
  }
  /** Once the child has it (or could not be started), our copy of the descriptor is closed. */
  release() {
    if (this.fd !== void 0) closeSync(this.fd);
    this.fd = void 0;
  }
  /** The same result as reading the stream live: everything when it fits `limit`, else its head and tail. */
  async finish() {
    this.release();
    const headLimit = Math.floor(this.limit / 2);
    const tailLimit = this.limit - headLimit;
    const handle = await open(this.file, "r").catch(() => void 0);
    if (!handle) return { text: "", truncated: false, totalBytes: 0, file: this.file };
    try {
      const { size } = await handle.stat();
      const read = async (position, length) => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      };
      const truncated = size > this.limit;
      const head = await read(0, truncated ? headLimit : size);
      const tail = truncated ? await read(size - tailLimit, tailLimit) : Buffer.alloc(0);
      return {
        text: capturedText(head, tail, size, `full output in ${this.file}`),
        truncated,
        totalBytes: size,
        file: this.file
      };
    } finally {
      await handle.close();
    }
  }
};

// src/process/run-process.ts
var SETTLE_MS = 200;
var GIVE_UP_AFTER_KILL_MS = 2e3;
var MAX_TIMER_MS = 2 ** 31 - 1;
var ABORT_GRACE_MS = 1e3;
var KILL_AS_USER_TIMEOUT_MS = 3e3;
var runningGroups = /* @__PURE__ */ new Map();
var identitiesUsed = /* @__PURE__ */ new Map();
function killAllRunning(signal = "SIGKILL") {
  for (const [pgid, runAs] of runningGroups) killGroup(pgid, signal, runAs);
  if (signal === "SIGKILL") sweepAllLeftovers();
}
function sweepAllLeftovers() {
  if (runningGroups.size > 0) return;
  for (const runAs of identitiesUsed.values()) sweepLeftovers(runAs);
}
var DEFAULT_MAX_OUTPUT_BYTES = 1024 ** 3;
var DEFAULT_OUTPUT_CHECK_MS = 250;
function outputsFor(spec) {
  const files = [
    FileCapture.open(spec.outputDir, spec.label, "stdout", spec.memoryLimitBytes),
    FileCapture.open(spec.outputDir, spec.label, "stderr", spec.memoryLimitBytes)
  ];
  const [out, err] = files;
  if (out && err) return [fromFile(out), fromFile(err)];
  files.forEach((f) => f?.release());
  return [
    fromPipe(new BoundedCapture(spec.outputDir, spec.label, "stdout", spec.memoryLimitBytes)),
    fromPipe(new BoundedCapture(spec.outputDir, spec.label, "stderr", spec.memoryLimitBytes))
  ];
}
function fromFile(capture) {
  const size = () => {
    try {
      return statSync2(capture.file).size;
    } catch {
      return 0;
    }
  };
  return {
    stdio: capture.descriptor,
    attach: () => void 0,
    release: () => capture.release(),
    finish: () => capture.finish(),
    size
  };
}
function fromPipe(capture) {
  return {
    stdio: "pipe",
    attach: (source) => capture.attach(source),
    release: () => void 0,
    finish: () => capture.finish(),
    size: () => capture.bytesSeen
  };
}
async function runProcess(spec) {
  const started = performance.now();
  await mkdir(spec.outputDir, { recursive: true }).catch(() => void 0);
  const [stdout, stderr] = outputsFor(spec);
  const outcome = await execute(spec, stdout, stderr).catch(
    (err2) => ({ ...emptyOutcome(), spawnError: describeError(err2, "EUNKNOWN") })
  );
  const [out, err] = await Promise.all([stdout.finish(), stderr.finish()]);
  return { ...outcome, stdout: out, stderr: err, durationMs: performance.now() - started };
}
async function execute(spec, stdout, stderr) {
  const outcome = emptyOutcome();
  if (spec.signal?.aborted) return { ...outcome, aborted: true };
  const [program, ...args] = spec.argv;
  if (program === void 0 || program === "") {
    return { ...outcome, spawnError: { code: "EINVAL", message: "empty argv: no program to run" } };
  }
  const env = { ...spec.env, [RUN_MARKER_NAME]: RUN_MARKER };
  identitiesUsed.set(JSON.stringify(spec.runAs ?? null), spec.runAs);
  const launch = await launchFor([program, ...args], spec.runAs, env, spec.cwd);
  if (launch === void 0) {
    return { ...outcome, spawnError: { code: "ENOENT", message: `${program} was not found on the agent's PATH` } };
  }
  let child;
  try {
    child = spawn(launch.program, launch.args, {
      shell: false,
      detached: true,
      stdio: ["pipe", stdout.stdio, stderr.stdio],
      env,
      cwd: spec.cwd,
      ...launch.uid === void 0 ? {} : { uid: launch.uid, gid: launch.gid }
    });
  } catch (err) {
    return { ...outcome, spawnError: describeError(err, "EINVAL") };
  } finally {
    stdout.release();
    stderr.release();
  }
  return new Supervisor(child, spec, outcome).run(stdout, stderr);
}
var Supervisor = class {
  constructor(child, spec, outcome) {
    this.child = child;
    this.spec = spec;
    this.outcome = outcome;
  }
  child;
  spec;
  outcome;
  timers = [];
  intervals = [];
  terminating = false;
  done = false;
  resolve = () => void 0;
  streamsEnded = Promise.resolve();
  cage;
  run(stdout, stderr) {
    return new Promise((resolve2) => {
      this.resolve = resolve2;
      this.child.on("error", (err) => void this.onError(err));
      this.child.once("exit", (code, signal) => void this.onExit(code, signal));
      if (this.child.pid === void 0) return;
      runningGroups.set(this.child.pid, this.spec.runAs);
      this.cage = AgentCage.around(this.child.pid);
      const piped = [this.child.stdout, this.child.stderr].filter((s) => s !== null);
      this.streamsEnded = Promise.all(piped.map((s) => finished2(s).catch(() => void 0)));
      if (this.child.stdout) stdout.attach(this.child.stdout);
      if (this.child.stderr) stderr.attach(this.child.stderr);
      this.writeStdin();
      this.later(this.spec.timeoutMs, () => this.terminate("timedOut"));
      this.watchOutputSize(stdout, stderr);
      this.watchBudget();
      this.spec.signal?.addEventListener("abort", this.onAbort, { once: true });
      if (this.spec.signal?.aborted) this.terminate("aborted");
    });
  }
  onAbort = () => this.terminate("aborted");
  watchOutputSize(stdout, stderr) {
    const max = this.spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const check = setInterval(() => {
      if (this.done) return clearInterval(check);
      if (stdout.size() + stderr.size() > max) {
        clearInterval(check);
        this.terminate("outputTooLarge");
      }
    }, this.spec.outputCheckMs ?? DEFAULT_OUTPUT_CHECK_MS);
    check.unref();
    this.intervals.push(check);
  }
  watchBudget() {
    const budget = this.spec.budget;
    if (!budget) return;
    const check = setInterval(() => {
      if (this.done) return clearInterval(check);
      if (budget.exceeded()) {
        clearInterval(check);
        this.terminate("overBudget");
      }
    }, budget.everyMs);
    check.unref();
    this.intervals.push(check);
  }
  writeStdin() {
    const stdin = this.child.stdin;
    stdin.on("error", (err) => {
      this.outcome.stdinError ??= `${errorCode(err) ?? "ERROR"}: ${err.message}`;
    });
    stdin.end(this.spec.stdin, "utf8");
  }
  async onError(err) {
    if (this.child.pid !== void 0 || this.done) return;
    const spawnError = describeError(err, "ESPAWN");
    if (spawnError.code === "ENOENT" && !await isDirectory(this.spec.cwd)) {
      spawnError.message = `working directory does not exist: ${this.spec.cwd}`;
    }
    if (spawnError.code === "EACCES" && this.spec.runAs?.via === "uid") {
      spawnError.message += ` (the agent user needs search access to ${this.spec.cwd} and every folder above it, and to the program)`;
    }
    this.outcome.spawnError = spawnError;
    this.finish();
  }
  async onExit(code, signal) {
    if (this.done) return;
    this.outcome.exitCode = code;
    this.outcome.signal = signal;
    await waitAtMost(this.streamsEnded, SETTLE_MS);
    this.killGroup("SIGKILL");
    await this.cage?.killAll();
    await waitAtMost(this.streamsEnded, SETTLE_MS);
    this.finish();
  }
  terminate(reason) {
    if (this.terminating || this.done) return;
    this.terminating = true;
    this.outcome[reason] = true;
    this.killGroup("SIGTERM");
    const grace = reason === "aborted" ? Math.min(this.spec.killGraceMs, ABORT_GRACE_MS) : this.spec.killGraceMs;
    this.later(grace, () => {
      this.killGroup("SIGKILL");
      void this.cage?.killAll();
      this.later(GIVE_UP_AFTER_KILL_MS, () => this.finish());
    });
  }
  finish() {
    if (this.done) return;
    this.done = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.intervals.forEach((interval) => clearInterval(interval));
    this.spec.signal?.removeEventListener("abort", this.onAbort);
    if (this.child.pid !== void 0) runningGroups.delete(this.child.pid);
    sweepAllLeftovers();
    this.child.stdin.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.resolve(this.outcome);
  }
  killGroup(signal) {
    if (this.child.pid !== void 0) killGroup(this.child.pid, signal, this.spec.runAs);
  }
  later(ms, action) {
    if (!Number.isFinite(ms)) return;
    this.timers.push(setTimeout(action, Math.min(Math.max(ms, 0), MAX_TIMER_MS)));
  }
};
function killGroup(pgid, signal, runAs) {
  try {
    process.kill(-pgid, signal);
  } catch {
  }
  if (runAs?.via === "sudo") {
    spawnSync2(
      sudoProgram(),
      ["-n", "-u", runAs.user, "--", "kill", "-s", signal.replace(/^SIG/, ""), "--", `-${pgid}`],
      {
        stdio: "ignore",
        timeout: KILL_AS_USER_TIMEOUT_MS,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }
      }
    );
  }
}
function emptyOutcome() {
  return { exitCode: null, signal: null, timedOut: false, aborted: false };
}
function waitAtMost(promise, ms) {
  return new Promise((resolve2) => {
    const timer = setTimeout(resolve2, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve2();
    });
  });
}
function errorCode(err) {
  const code = err?.code;
  return typeof code === "string" ? code : void 0;
}
function describeError(err, fallbackCode) {
  return { code: errorCode(err) ?? fallbackCode, message: err instanceof Error ? err.message : String(err) };
}
async function isDirectory(path) {
  return stat2(path).then(
    (info) => info.isDirectory(),
    () => false
  );
}

// src/process/env.ts
var BASE_VARIABLES = [
  "PATH",
  "HOME",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TMPDIR",
  "TZ",
  "TERM",
  "USER",
  "LOGNAME",
  "SHELL",
  "CI",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "XDG_CONFIG_HOME",
  "XDG_CACHE_HOME",
  "XDG_DATA_HOME"
];
var RUNNER_TRACKING_ID = "RUNNER_TRACKING_ID";
var FORBIDDEN_NAMES = /* @__PURE__ */ new Set(["GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN"]);
var FORBIDDEN_PREFIXES = ["INPUT_", "ACTIONS_", "GITHUB_", "RUNNER_"];
function isForbiddenAgentVariable(name) {
  const upper = name.toUpperCase();
  return FORBIDDEN_NAMES.has(upper) || FORBIDDEN_PREFIXES.some((prefix) => upper.startsWith(prefix));
}
function inheritedVariableNames(parentEnv, prefixes, passEnv) {
  const nonEmpty = prefixes.filter((prefix) => prefix.length > 0);
  const byPrefix = Object.keys(parentEnv).filter((name) => nonEmpty.some((prefix) => name.startsWith(prefix)));
  return [...byPrefix, ...passEnv.filter((name) => parentEnv[name] !== void 0)].filter(
    (name) => !isForbiddenAgentVariable(name)
  );
}
function buildAgentEnv(opts) {
  const env = /* @__PURE__ */ Object.create(null);
  const copy = (name) => {
    const value = opts.parentEnv[name];
    if (value !== void 0) env[name] = value;
  };
  BASE_VARIABLES.forEach(copy);
  if (opts.parentEnv[RUNNER_TRACKING_ID] !== void 0) env[RUNNER_TRACKING_ID] = opts.parentEnv[RUNNER_TRACKING_ID];
  inheritedVariableNames(opts.parentEnv, opts.prefixes, opts.passEnv).forEach(copy);
  const layers = [opts.identityEnv ?? {}, opts.adapterEnv, opts.configEnv];
  for (const [name, value] of layers.flatMap((layer) => Object.entries(layer))) {
    env[name] = value;
  }
  for (const name of Object.keys(env)) {
    if (isForbiddenAgentVariable(name) && name !== RUNNER_TRACKING_ID) delete env[name];
  }
  return env;
}

export {
  inheritedVariableNames,
  buildAgentEnv,
  sudoProgram,
  killAllRunning,
  sweepAllLeftovers,
  runProcess
};
