// The relay's checklist view of the live status comment, addressed by stage and round.
import type { LiveStatus, StatusLayout } from '../../kernel/definition.js';
import { renderMention } from '../../report/status-comment.js';
import { type RelayStatusEntry, renderRelayStatus } from './status.js';

const relayRowKey = (stage: string, round: number): string => `${stage}/${round}`;

/** The checklist: one line per stage run; rows of a new round are appended as the work is sent back. */
export const RELAY_CHECKLIST: StatusLayout<{ maxRounds: number }, RelayStatusEntry> = {
  rows: () => [],
  key: (row) => relayRowKey(row.stage, row.round),
  render: (snapshot, config) => renderRelayStatus({ ...snapshot, entries: snapshot.rows, maxRounds: config.maxRounds }),
  trailer: (snapshot) => renderMention(snapshot),
  close: (row, overall) =>
    row.state === 'pending' || row.state === 'running'
      ? {
          ...row,
          state: overall === 'cancelled' ? 'cancelled' : 'skipped',
          note: overall === 'cancelled' ? 'cancelled' : 'not run',
        }
      : row,
};

/** The checklist addressed by stage and round: a view of the kernel's status handle (it owns the one writer). */
export interface RelayBoard {
  /** Changes the entry of `stage` in `round`. */
  update(stage: string, round: number, patch: Partial<RelayStatusEntry>): void;
  /** Adds pending entries, e.g. the stages of a new round. */
  append(entries: RelayStatusEntry[]): void;
  /** The last write: entries still open are marked, the headline says how it ended. Safe to call twice. */
  finish: LiveStatus<RelayStatusEntry>['finish'];
}

export function relayBoard(status: LiveStatus<RelayStatusEntry>): RelayBoard {
  return {
    update: (stage, round, patch) => status.update(relayRowKey(stage, round), patch),
    append: (entries) => status.append(entries),
    finish: (overall, message) => status.finish(overall, message),
  };
}
