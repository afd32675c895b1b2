// The relay's checklist view of the live status comment, addressed by stage and round.
import { systemClock } from '../../kernel/clock.js';
import type { Clock, OverallState, StatusContext, StatusLayout } from '../../kernel/definition.js';
import { LiveStatusComment } from '../../kernel/live-status.js';
import type { IssueReporter } from '../../sinks/sink.js';
import { renderMention } from '../../report/status-comment.js';
import { renderRelayStatus, type RelayStatusEntry } from './status.js';

const relayRowKey = (stage: string, round: number): string => `${stage}/${round}`;

/** The checklist: one line per stage run; rows of a new round are appended as the work is sent back. */
export const RELAY_CHECKLIST: StatusLayout<{ maxRounds: number }, RelayStatusEntry> = {
  rows: () => [],
  key: (row) => relayRowKey(row.stage, row.round),
  render: (snapshot, config) => renderRelayStatus({ ...snapshot, entries: snapshot.rows, maxRounds: config.maxRounds }),
  trailer: (snapshot) => renderMention(snapshot),
  close: (row, overall) =>
    row.state === 'pending' || row.state === 'running'
      ? { ...row, state: overall === 'cancelled' ? 'cancelled' : 'skipped', note: overall === 'cancelled' ? 'cancelled' : 'not run' }
      : row,
};

export class RelayBoard {
  private readonly live: LiveStatusComment<{ maxRounds: number }, RelayStatusEntry>;

  constructor(
    reporter: IssueReporter,
    init: { entries: RelayStatusEntry[]; startedAt: Date; maxRounds: number; runUrl?: string; issueStamp?: string; context?: StatusContext },
    onWriteError: (error: unknown) => void,
    clock: Clock = systemClock,
  ) {
    this.live = new LiveStatusComment(
      reporter,
      RELAY_CHECKLIST,
      { maxRounds: init.maxRounds },
      { pipeline: 'relay-pipeline', startedAt: init.startedAt, runUrl: init.runUrl, issueStamp: init.issueStamp, rows: init.entries, startedBy: init.context?.startedBy, notice: init.context?.notice },
      { clock, onWriteError, totals: init.context?.totals },
    );
  }

  /** Changes the entry of `stage` in `round`. */
  update(stage: string, round: number, patch: Partial<RelayStatusEntry>): void {
    this.live.update(relayRowKey(stage, round), patch);
  }

  /** Adds pending entries, e.g. the stages of a new round. */
  append(entries: RelayStatusEntry[]): void {
    this.live.append(entries);
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
