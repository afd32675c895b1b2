// Keeps an agent CLI's session files between runs, so a follow-up question can resume the session: collected from the
// agent's HOME after a run, checked and put back before the next. Where they are kept is a backend (a folder locally,
// the Actions cache on GitHub). What comes back from a backend is untrusted (see SECURITY.md, "Session store").
import { createHash } from 'node:crypto';
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
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { adapterFor } from '../agents/registry.js';
import type { AgentSpec, SessionSupport } from '../agents/types.js';
import { SESSION_ID } from '../agents/types.js';

/** Whose session: a store entry is only ever restored into a run for the same repository, issue and agent. */
export interface SessionScope {
  repository: string;
  issue: number;
  agent: string;
}

export type SessionResult = { ok: true; files: number } | { ok: false; reason: string };

/** What a pipeline gets as `deps.sessions`. */
export interface SessionStore {
  /** Where sessions are kept, for messages: "the Actions cache", "the folder /x/sessions". */
  readonly where: string;
  /** Puts the saved files of `sessionId` back where the agent's CLI looks for them; why not when it cannot. */
  restore(scope: SessionScope, sessionId: string): Promise<SessionResult>;
  /** Keeps the files of `sessionId` (as they are after this run) for a later follow-up. */
  save(scope: SessionScope, sessionId: string): Promise<SessionResult>;
}

/** Where entries are kept: one folder each, found by a key prefix (the newest entry under it wins). */
export interface SessionBackend {
  readonly where: string;
  /** Fills the empty folder `dir` with the newest entry whose key starts with `prefix`; false when there is none. */
  restore(prefix: string, dir: string): Promise<boolean>;
  /** Keeps `dir` under the key `prefix + unique` (keys may be immutable: a new one each run). */
  save(prefix: string, unique: string, dir: string): Promise<void>;
}

// Bounds for what a restore accepts: a session of a long thread is a few MB; anything far past it is not ours.
const MAX_FILES = 2_000;
const MAX_BYTES = 64 * 1024 ** 2;
const FORMAT = 1;

/** The key prefix of a session: a hash, so no repository, agent or id can reach into another's prefix. */
export function sessionKeyPrefix(scope: SessionScope, sessionId: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([FORMAT, scope.repository, scope.issue, scope.agent, sessionId]))
    .digest('hex');
  return `ai-orchestra-session-v${FORMAT}-${hash.slice(0, 40)}-`;
}

interface Found {
  path: string;
  size: number;
}

/** Regular files below `root` (symlinks and other kinds are skipped, or refused with `strict`), within the bounds. */
function listFiles(root: string, strict: boolean): Found[] | string {
  const out: Found[] = [];
  let bytes = 0;
  const walk = (dir: string): string | undefined => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) {
        const problem = walk(path);
        if (problem) return problem;
      } else if (stat.isFile() && (!strict || stat.nlink === 1)) {
        bytes += stat.size;
        out.push({ path, size: stat.size });
        if (out.length > MAX_FILES || bytes > MAX_BYTES)
          return `more than ${MAX_FILES} files or ${MAX_BYTES / 1024 ** 2} MiB`;
      } else if (strict) {
        return `${relative(root, path)} is not a plain file`;
      }
    }
    return undefined;
  };
  const problem = walk(root);
  return problem ?? out;
}

/** `relativePath` is one of the CLI's session folders and names the session. */
function belongs(relativePath: string, support: SessionSupport, sessionId: string): boolean {
  const parts = relativePath.split(sep);
  if (parts.some((part) => part === '..' || part === '' || part === '.')) return false;
  const inDir = support.homeDirs.some((dir) => relativePath.startsWith(`${dir}/`));
  return inDir && relativePath.includes(support.idInPath(sessionId));
}

/** Makes the folders of `path` below `home` (never through a symlink) and writes the file there, not following links. */
function writeBelow(home: string, relativePath: string, content: Buffer, owner?: { uid: number; gid: number }): void {
  let dir = home;
  for (const part of dirname(relativePath).split(sep)) {
    dir = join(dir, part);
    try {
      if (!lstatSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dir, { mode: 0o700 });
      if (owner) chownSync(dir, owner.uid, owner.gid);
    }
  }
  const fd = openSync(
    join(home, relativePath),
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  if (owner) chownSync(join(home, relativePath), owner.uid, owner.gid);
}

export interface SessionStoreOptions {
  backend: SessionBackend;
  agents: Readonly<Record<string, AgentSpec>>;
  /** The HOME the agents run with (agent-user's own, or ours). */
  home: string;
  /** agent-user: restored files are given to it. */
  owner?: { uid: number; gid: number };
  /** Staging folders (default the system's temporary folder). */
  scratch?: string;
}

/** The session store over a backend, for the agents of `agents` that run with HOME `home`. */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const { backend, home } = options;
  const supportOf = (agent: string): SessionSupport | undefined => {
    const spec = Object.hasOwn(options.agents, agent) ? options.agents[agent] : undefined;
    return spec ? adapterFor(spec).session : undefined;
  };
  const staging = (): string => mkdtempSync(join(options.scratch ?? tmpdir(), 'ai-orchestra-session-'));
  const check = (scope: SessionScope, sessionId: string): { support: SessionSupport } | { reason: string } => {
    const support = supportOf(scope.agent);
    if (!support) return { reason: `${scope.agent}'s CLI keeps no sessions we can resume` };
    if (support.homeDirs.length === 0)
      return { reason: `${scope.agent}'s CLI keeps its sessions together with every other one: they are not kept` };
    if (!SESSION_ID.test(sessionId)) return { reason: 'not a session id' };
    return { support };
  };
  return {
    where: backend.where,
    async save(scope, sessionId) {
      const checked = check(scope, sessionId);
      if ('reason' in checked) return { ok: false, reason: checked.reason };
      const dir = staging();
      try {
        let count = 0;
        for (const top of checked.support.homeDirs) {
          const root = join(home, top);
          const found = lstatSync(root, { throwIfNoEntry: false })?.isDirectory() ? listFiles(root, false) : [];
          if (typeof found === 'string') return { ok: false, reason: `${top}: ${found}` };
          for (const file of found) {
            const rel = relative(home, file.path);
            if (!belongs(rel, checked.support, sessionId)) continue;
            mkdirSync(dirname(join(dir, 'home', rel)), { recursive: true });
            cpSync(file.path, join(dir, 'home', rel));
            count++;
          }
        }
        if (count === 0)
          return {
            ok: false,
            reason: `no files of session ${sessionId} below ${checked.support.homeDirs.map((d) => `~/${d}`).join(', ')}`,
          };
        writeFileSync(join(dir, 'scope.json'), JSON.stringify({ format: FORMAT, ...scope, sessionId }));
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
      if ('reason' in checked) return { ok: false, reason: checked.reason };
      const dir = staging();
      try {
        if (!(await backend.restore(sessionKeyPrefix(scope, sessionId), dir)))
          return { ok: false, reason: `no saved session ${sessionId} in ${backend.where}` };
        // Untrusted from here: the entry must be for this very scope and hold only plain files of this session.
        const saved = JSON.parse(readFileSync(join(dir, 'scope.json'), 'utf8')) as Record<string, unknown>;
        const expected = { format: FORMAT, ...scope, sessionId };
        if (JSON.stringify(saved) !== JSON.stringify(expected))
          return { ok: false, reason: 'the saved entry is for another repository, issue, agent or session' };
        const root = join(dir, 'home');
        const files = listFiles(root, true);
        if (typeof files === 'string') return { ok: false, reason: `refused the saved entry: ${files}` };
        const foreign = files
          .map((f) => relative(root, f.path))
          .find((rel) => !belongs(rel, checked.support, sessionId));
        if (foreign !== undefined)
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
    },
  };
}

/** Entries as folders below `base` (local runs, and runs without a cache service): the newest per prefix is kept. */
export function folderSessionBackend(base: string): SessionBackend {
  return {
    where: `the folder ${base}`,
    async restore(prefix, dir) {
      const entry = join(base, prefix.replace(/-$/, ''));
      if (!lstatSync(entry, { throwIfNoEntry: false })?.isDirectory()) return false;
      cpSync(entry, dir, { recursive: true, verbatimSymlinks: true });
      return true;
    },
    async save(prefix, _unique, dir) {
      const entry = join(base, prefix.replace(/-$/, ''));
      rmSync(entry, { recursive: true, force: true });
      mkdirSync(base, { recursive: true });
      cpSync(dir, entry, { recursive: true });
    },
  };
}
