// Keeps the status comment in step with the run: changes are coalesced so at most one write is in flight, and writes
// can be paced so that the status does not take the write slots (GitHub: 1 s apart) the answers need.
import type { IssueReporter } from '../report/reporter.js';
import { renderStatusComment, type OverallState, type StatusEntry, type StatusView } from '../report/status-comment.js';

export class StatusBoard {
  private readonly view: StatusView;
  private writing?: Promise<void>;
  private dirty = false;
  private closed = false;
  private lastWriteAt = -Infinity;
  /** Ends the wait between paced writes early (finish does, so the last write never waits). */
  private wake?: () => void;

  constructor(
    private readonly reporter: IssueReporter,
    init: { pipeline: string; entries: StatusEntry[]; startedAt: Date; runUrl?: string; issueStamp?: string },
    private readonly onWriteError: (error: unknown) => void,
    /** Least time between the starts of two writes, except the last one. */
    private readonly minIntervalMs = 0,
  ) {
    this.view = { ...init, entries: init.entries.map((e) => ({ ...e })), overall: 'running' };
  }

  update(agent: string, role: string, patch: Partial<StatusEntry>): void {
    const entry = this.view.entries.find((e) => e.agent === agent && e.role === role);
    if (!entry || this.closed) return;
    Object.assign(entry, patch);
    this.schedule();
  }

  /** Changes an entry without writing: the next write (at the latest `finish`) carries it. */
  set(agent: string, role: string, patch: Partial<StatusEntry>): void {
    const entry = this.view.entries.find((e) => e.agent === agent && e.role === role);
    if (entry && !this.closed) Object.assign(entry, patch);
  }

  /** Resolves when everything changed so far is on the issue. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** The last write: entries still open are marked, the headline says how it ended. Safe to call twice. */
  async finish(overall: OverallState, finishedAt: Date, message?: string): Promise<void> {
    if (this.closed) return this.flush();
    for (const e of this.view.entries) {
      if (e.state === 'pending' || e.state === 'running') {
        e.state = overall === 'cancelled' ? 'cancelled' : 'skipped';
        e.note ??= overall === 'cancelled' ? 'cancelled' : 'not run';
      }
    }
    Object.assign(this.view, { overall, finishedAt, message });
    const inFlight = this.writing !== undefined;
    this.schedule();
    this.closed = true;
    this.wake?.();
    if (overall === 'cancelled' && inFlight && this.reporter.overwriteCommentNow) {
      // A write still in flight may be held back by GitHub's spacing for seconds we do not have: write the final
      // state past it now. The ordinary write scheduled above rewrites it once the stale one lands, if we live.
      try {
        if (await this.reporter.overwriteCommentNow('status', renderStatusComment(this.view))) return;
      } catch (error) {
        this.onWriteError(error);
      }
    }
    await this.flush();
  }

  private schedule(): void {
    this.dirty = true;
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
      // A change made after drain's last check but before this callback found a write "in flight" and started none.
      if (this.dirty) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      await this.pace();
      this.dirty = false;
      this.lastWriteAt = Date.now();
      try {
        await this.reporter.upsertComment('status', renderStatusComment(this.view));
      } catch (error) {
        this.onWriteError(error);
      }
    }
  }

  private async pace(): Promise<void> {
    const wait = this.lastWriteAt + this.minIntervalMs - Date.now();
    if (wait <= 0 || this.closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}
