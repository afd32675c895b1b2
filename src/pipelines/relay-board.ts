// Keeps the relay's checklist comment in step with the stages: changes are coalesced so at most one write is in flight.
import type { IssueReporter } from '../report/reporter.js';
import { renderRelayStatus, type RelayStatusEntry, type RelayStatusView } from '../report/relay-status.js';
import type { OverallState } from '../report/status-comment.js';

export class RelayBoard {
  private readonly view: RelayStatusView;
  private writing?: Promise<void>;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly reporter: IssueReporter,
    init: { entries: RelayStatusEntry[]; startedAt: Date; maxRounds: number; runUrl?: string; issueStamp?: string },
    private readonly onWriteError: (error: unknown) => void,
  ) {
    this.view = { ...init, entries: init.entries.map((e) => ({ ...e })), overall: 'running' };
  }

  /** Changes the entry of `stage` in `round`. */
  update(stage: string, round: number, patch: Partial<RelayStatusEntry>): void {
    const entry = this.view.entries.find((e) => e.stage === stage && e.round === round);
    if (!entry || this.closed) return;
    Object.assign(entry, patch);
    this.schedule();
  }

  /** Adds pending entries, e.g. the stages of a new round. */
  append(entries: RelayStatusEntry[]): void {
    if (this.closed) return;
    this.view.entries.push(...entries.map((e) => ({ ...e })));
    this.schedule();
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
        e.note = overall === 'cancelled' ? 'cancelled' : 'not run';
      }
    }
    Object.assign(this.view, { overall, finishedAt, message });
    this.schedule();
    this.closed = true;
    await this.flush();
  }

  private schedule(): void {
    this.dirty = true;
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      try {
        await this.reporter.upsertComment('status', renderRelayStatus(this.view));
      } catch (error) {
        this.onWriteError(error);
      }
    }
  }
}
