// What a run says while it runs: a line per agent start and end, a heartbeat on a terminal, a closing table.
import type { AgentRun, AgentRunner, AgentRunRequest } from '../agents/types.js';
import { formatCost, formatDuration, formatTokens } from '../report/markdown.js';
import { renderTotals, sumRuns } from '../report/totals.js';

export interface AgentProgress {
  started(request: Pick<AgentRunRequest, 'agent' | 'role'>): void;
  finished(run: AgentRun): void;
}

/** The same runner, telling `progress` when each agent starts (after its max-parallel slot) and ends. */
export function observeRunner(runner: AgentRunner, progress: AgentProgress | undefined): AgentRunner {
  if (!progress) return runner;
  return {
    // The budget's pre-run plan and a judge's vendor come from the runner underneath.
    ...(runner.spec ? { spec: (agent: string) => runner.spec!(agent) } : {}),
    ...(runner.plan
      ? { plan: (request: Parameters<NonNullable<AgentRunner['plan']>>[0]) => runner.plan!(request) }
      : {}),
    async run(request) {
      const run = await runner.run({
        ...request,
        onStart: () => {
          progress.started(request);
          request.onStart?.();
        },
      });
      progress.finished(run);
      return run;
    },
  };
}

const ICON: Record<AgentRun['status'], string> = {
  success: '✔',
  failure: '✖',
  timeout: '⏱',
  cancelled: '⊘',
  budget: '$',
};

function who(agent: string, role: string): string {
  return `${agent} (${role})`;
}

/** "✔ claude (answer) success in 2.1 s · 12 in / 30 out tokens · $0.0012". */
export function describeFinish(run: AgentRun): string {
  const facts = [
    `${run.status} in ${formatDuration(run.durationMs)}`,
    formatTokens(run.usage),
    formatCost(run.usage),
  ].filter(Boolean);
  const error = run.status === 'success' || !run.error ? '' : `: ${run.error.split('\n')[0]!.slice(0, 160)}`;
  return `${ICON[run.status]} ${who(run.agent, run.role)} ${facts.join(' · ')}${error}`;
}

export interface Clock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** Progress for a person at a terminal: plain lines on stderr-like `write`, and on a TTY a heartbeat every 10 s. */
export class TerminalProgress implements AgentProgress {
  private readonly running = new Map<string, number>();
  private readonly runs: AgentRun[] = [];
  private readonly startedAt: number;
  private stopHeartbeat?: () => void;

  constructor(
    private readonly write: (line: string) => void,
    private readonly options: { tty: boolean; clock?: Clock; heartbeatMs?: number } = { tty: false },
  ) {
    this.startedAt = this.clock.now();
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  private stamp(): string {
    return `[${formatElapsed(this.clock.now() - this.startedAt)}]`;
  }

  started(request: Pick<AgentRunRequest, 'agent' | 'role'>): void {
    this.running.set(`${request.agent}\0${request.role}`, this.clock.now());
    this.write(`${this.stamp()} ▶ ${who(request.agent, request.role)} started`);
    if (this.options.tty && !this.stopHeartbeat)
      this.stopHeartbeat = this.clock.every(this.options.heartbeatMs ?? 10_000, () => this.heartbeat());
  }

  finished(run: AgentRun): void {
    this.running.delete(`${run.agent}\0${run.role}`);
    this.runs.push(run);
    this.write(`${this.stamp()} ${describeFinish(run)}`);
  }

  /** "… still running: claude (answer) 1m 20s, gemini (answer) 1m 20s". */
  heartbeat(): void {
    if (this.running.size === 0) return;
    const now = this.clock.now();
    const list = [...this.running].map(([key, since]) => `${key.replace('\0', ' (')}) ${formatElapsed(now - since)}`);
    this.write(`${this.stamp()} … still running: ${list.join(', ')}`);
  }

  /** The closing table: one row per agent run and the totals. */
  close(): string {
    this.stopHeartbeat?.();
    this.stopHeartbeat = undefined;
    return renderRunTable(this.runs, this.clock.now() - this.startedAt);
  }
}

/** "1m 05s", "42s": short enough for a prefix on every line. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1_000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function renderRunTable(runs: readonly AgentRun[], durationMs: number): string {
  const rows = runs.map((r) => [
    who(r.agent, r.role),
    r.status,
    formatDuration(r.durationMs),
    formatTokens(r.usage) ?? '-',
    formatCost(r.usage) ?? '-',
  ]);
  const header = ['agent', 'status', 'time', 'tokens', 'cost'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `Total: ${renderTotals(sumRuns(runs, durationMs))}`,
  ].join('\n');
}

export interface ActionsLog {
  info(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}

/** Progress in the Actions log: start and end lines, each agent's output tail folded in a group, one summary line. */
export class ActionsProgress implements AgentProgress {
  private readonly runs: AgentRun[] = [];
  private readonly startedAt = Date.now();

  constructor(
    private readonly log: ActionsLog,
    private readonly logUntrusted: (write: (line: string) => void, text: string) => void,
  ) {}

  started(request: Pick<AgentRunRequest, 'agent' | 'role'>): void {
    this.log.info(`▶ ${who(request.agent, request.role)} started`);
  }

  finished(run: AgentRun): void {
    this.runs.push(run);
    // The agent's words are untrusted: they go in a group, with workflow commands stopped.
    this.log.startGroup(describeFinish(run));
    const tail = (run.status === 'success' ? run.answer : run.outputTail || run.answer).slice(-4_000) || '(no output)';
    // Indented as well: no line of it starts like a workflow command, even where stop-commands is not honoured.
    this.logUntrusted(this.log.info, tail.replace(/^/gm, '  '));
    this.log.endGroup();
  }

  summaryLine(pipeline: string, status: string): string {
    return `${pipeline} ${status}: ${renderTotals(sumRuns(this.runs, Date.now() - this.startedAt))}`;
  }
}
