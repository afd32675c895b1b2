// The agent table of the live status comment (ai-review, persona-data), addressed by agent and role.
import { systemClock } from './clock.js';
import type { Clock, OverallState, StatusContext } from './definition.js';
import { LiveStatusComment } from './live-status.js';
import { agentRowKey, agentRowsLayout, type AgentRow } from './status-views.js';
import type { IssueReporter } from '../sinks/sink.js';
import type { StatusEntry } from '../report/status-comment.js';

const TABLE = agentRowsLayout<undefined>(() => []);

export class StatusBoard {
  private readonly live: LiveStatusComment<undefined, AgentRow>;

  constructor(
    reporter: IssueReporter,
    init: { pipeline: string; entries: StatusEntry[]; startedAt: Date; runUrl?: string; issueStamp?: string; note?: string; context?: StatusContext },
    onWriteError: (error: unknown) => void,
    /** Least time between the starts of two writes, except the last one. */
    minIntervalMs = 0,
    clock: Clock = systemClock,
  ) {
    const { context, ...rest } = init;
    this.live = new LiveStatusComment(
      reporter,
      TABLE,
      undefined,
      { ...rest, rows: init.entries, startedBy: context?.startedBy, notice: context?.notice },
      { clock, minIntervalMs, onWriteError, totals: context?.totals },
    );
  }

  update(agent: string, role: string, patch: Partial<StatusEntry>): void {
    this.live.update(agentRowKey(agent, role), patch);
  }

  /** Changes an entry without writing: the next write (at the latest `finish`) carries it. */
  set(agent: string, role: string, patch: Partial<StatusEntry>): void {
    this.live.set(agentRowKey(agent, role), patch);
  }

  /** Resolves when everything changed so far is on the issue. */
  flush(): Promise<void> {
    return this.live.flush();
  }

  /** The last write: entries still open are marked, the headline says how it ended. Safe to call twice. */
  finish(overall: Exclude<OverallState, 'running'>, finishedAt: Date, message?: string): Promise<void> {
    return this.live.finish(overall, message, finishedAt);
  }
}
