// The agent-CLI configuration a write stage could plant for a later stage's CLI to execute (hooks, MCP servers,
// plugins, environment files): snapshotted before the relay and put back after every stage, like .git metadata.
import { chmod, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Looked for in the repository's top folder and in every folder down to the agents' working directory, because the
 * CLIs search upwards from where they start. Each one loads, from the project, something that runs commands:
 * - `.claude/` (claude: settings.json / settings.local.json hooks, statusLine, apiKeyHelper, env,
 *   enableAllProjectMcpServers; agents/ with hooks and MCP servers; skills/ with scripts)
 * - `.mcp.json` (claude, qwen, copilot: project MCP servers, i.e. commands started with the CLI)
 * - `.gemini/` (gemini: settings.json mcpServers, hooks, tools.discoveryCommand; .env; extensions/, commands/;
 *   trusted because our adapter sets GEMINI_CLI_TRUST_WORKSPACE=true)
 * - `.qwen/` (qwen, a gemini fork: settings.json mcpServers and hooks, statusline-command.sh, agents/, .env)
 * - `.codex/` and `.agents/` (codex: project config.toml mcp_servers, hooks, notify; hooks.json; skills and plugins)
 * - `.opencode/`, `opencode.json`, `opencode.jsonc` (opencode: plugins and custom tools run in-process, mcp)
 * - `.github/hooks/`, `.github/agents/` (copilot: repository hooks; custom agents that declare MCP servers)
 * - `.env`, `.env.local` (gemini and qwen load `.env` into their environment, as bun-built opencode does:
 *   a variable can redirect the API endpoint or inject NODE_OPTIONS into every tool the CLI starts)
 * Instruction files (AGENTS.md, CLAUDE.md, GEMINI.md, .github/copilot-instructions.md) are not here: they run
 * nothing, a fix may legitimately edit them, and every later stage sees their change in the diff as data.
 */
export const AGENT_CONFIG_PATHS: readonly string[] = [
  '.claude',
  '.mcp.json',
  '.gemini',
  '.qwen',
  '.codex',
  '.agents',
  '.opencode',
  'opencode.json',
  'opencode.jsonc',
  '.github/hooks',
  '.github/agents',
  '.env',
  '.env.local',
];

/** A snapshot larger than this is refused: these are small config files, and the copy is kept in memory. */
const MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024;

type Entry =
  | { kind: 'dir'; mode: number }
  | { kind: 'file'; mode: number; data: Buffer }
  | { kind: 'symlink'; target: string };

/** Every entry under `path` (itself included), by absolute path; symlinks are recorded, never followed. */
async function readTree(path: string, out: Map<string, Entry>, budget: { bytes: number }): Promise<void> {
  const stat = await lstat(path).catch(() => undefined);
  if (!stat) return;
  if (stat.isSymbolicLink()) {
    out.set(path, { kind: 'symlink', target: await readlink(path) });
  } else if (stat.isDirectory()) {
    out.set(path, { kind: 'dir', mode: stat.mode & 0o7777 });
    for (const name of (await readdir(path)).sort()) await readTree(join(path, name), out, budget);
  } else if (stat.isFile()) {
    budget.bytes -= stat.size;
    if (budget.bytes < 0)
      throw new Error(`the agent configuration under ${path} is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB`);
    out.set(path, { kind: 'file', mode: stat.mode & 0o7777, data: await readFile(path) });
  }
  // Sockets, FIFOs and devices are not configuration; they are left alone.
}

function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'dir' && b.kind === 'dir') return true;
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target;
  if (a.kind === 'file' && b.kind === 'file') return a.mode === b.mode && a.data.equals(b.data);
  return false;
}

/** The folders from the repository's top folder down to `cwd` (both included; `cwd` outside `root` gives root only). */
function foldersDownTo(root: string, cwd: string): string[] {
  const rel = relative(root, resolve(cwd));
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return [root];
  const folders = [root];
  for (const part of rel.split(sep)) folders.push(join(folders[folders.length - 1]!, part));
  return folders;
}

/** A folder above `path` swapped for a symlink would make us remove and write files elsewhere: refuse. */
async function assertNoSymlinkAbove(root: string, path: string): Promise<void> {
  for (let dir = dirname(path); dir.length > root.length && dir.startsWith(root); dir = dirname(dir)) {
    if ((await lstat(dir).catch(() => undefined))?.isSymbolicLink()) {
      throw new Error(
        `an agent replaced the folder ${relative(root, dir)} with a symbolic link; the relay stops rather than follow it`,
      );
    }
  }
}

async function recreate(path: string, entry: Entry): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (entry.kind === 'dir') {
    await mkdir(path, { recursive: true });
    await chmod(path, entry.mode);
  } else if (entry.kind === 'symlink') {
    await symlink(entry.target, path);
  } else {
    // O_EXCL: a symlink that took the path's place meanwhile makes this fail instead of writing where it points.
    await writeFile(path, entry.data, { mode: entry.mode, flag: 'wx' });
    await chmod(path, entry.mode);
  }
}

export class AgentConfigGuard {
  private constructor(
    private readonly root: string,
    /** Each protected path (absolute), with what was under it before the agents; an empty map: it did not exist. */
    private readonly snapshot: Map<string, Map<string, Entry>>,
  ) {}

  /** Records the protected paths as they are; call before any agent runs. */
  static async snapshot(root: string, cwd: string): Promise<AgentConfigGuard> {
    const budget = { bytes: MAX_SNAPSHOT_BYTES };
    const snapshot = new Map<string, Map<string, Entry>>();
    for (const folder of foldersDownTo(root, cwd)) {
      for (const name of AGENT_CONFIG_PATHS) {
        const path = join(folder, name);
        const tree = new Map<string, Entry>();
        await readTree(path, tree, budget);
        snapshot.set(path, tree);
      }
    }
    return new AgentConfigGuard(root, snapshot);
  }

  /**
   * Puts every protected path back as it was in the snapshot (removing what did not exist then). Returns the
   * paths that differed (added, changed or removed), relative to the repository, sorted.
   */
  async restore(): Promise<string[]> {
    const changed = new Set<string>();
    for (const [path, before] of this.snapshot) {
      const now = new Map<string, Entry>();
      // No budget here: what is there now is only compared, and removed when it differs.
      await readTree(path, now, { bytes: Number.POSITIVE_INFINITY });
      const differing = [...new Set([...before.keys(), ...now.keys()])].filter(
        (p) => !sameEntry(before.get(p), now.get(p)),
      );
      if (differing.length === 0) continue;
      await assertNoSymlinkAbove(this.root, path);
      // Files name the change best; a folder is named only when nothing in it differs (an empty one was added).
      const isFile = (e: Entry | undefined): boolean => e !== undefined && e.kind !== 'dir';
      const files = differing.filter((p) => isFile(before.get(p)) || isFile(now.get(p)));
      for (const p of files.length > 0 ? files : differing) changed.add(relative(this.root, p));
      await rm(path, { recursive: true, force: true });
      for (const [p, entry] of before) await recreate(p, entry);
    }
    return [...changed].sort();
  }
}
