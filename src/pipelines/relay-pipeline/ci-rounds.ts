// How many CI fix rounds a pull request has had: counted from our own comments on it (our hidden marker written by the
// login we post as), so the count survives across workflow runs and no one else can raise or lower it.
import type { ThreadComment } from '../../kernel/definition.js';

/** The comment key of round n's report; of the stop message after round n (one per stop, so each stands in order). */
export const ciRoundKey = (round: number): string => `ci-fix:round-${round}`;
export const ciStoppedKey = (lastRound: number): string => `ci-fix:stopped-after-${lastRound}`;
const STOPPED_KEY = /^ci-fix:stopped-after-\d+$/;
const ROUND_KEY = /^ci-fix:round-(\d+)$/;
/** Who may ask the relay to go on after it stopped (with its command on the pull request). */
const MAINTAINERS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export interface CiRounds {
  /** Rounds started since the relay last stopped being asked for (the pull request's start, or a maintainer's command). */
  used: number;
  /** The next round's number (rounds are numbered across the pull request's life, so their comments stay apart). */
  next: number;
  /** Whether the stop message stands (posted after the last maintainer's command). */
  stopped: boolean;
  /** The commits (12-hex prefixes) a counted round was about, as its comment names them. */
  heads: string[];
}

/** How a round's comment names the commit CI failed on (renderRoundComment writes it). */
export const roundHeadLine = (branch: string, sha: string): string =>
  `CI failed on \`${branch}\` at \`${sha.slice(0, 12)}\``;
const ROUND_HEAD = /CI failed on `[^`\n]+` at `([0-9a-f]{12})`/;

/**
 * Counts our round markers after the last comment in which a maintainer (not us) gave the relay's command: a human
 * asking is what lets rounds start again after the stop. Comments are oldest first, as listComments gives them.
 */
export function countCiRounds(comments: readonly ThreadComment[], pipeline: string, command: string): CiRounds {
  let used = 0;
  let highest = 0;
  let stopped = false;
  let heads: string[] = [];
  for (const c of comments) {
    if (c.ours && c.marker?.pipeline === pipeline) {
      const round = ROUND_KEY.exec(c.marker.key);
      if (round) {
        used++;
        highest = Math.max(highest, Number(round[1]));
        const head = ROUND_HEAD.exec(c.body)?.[1];
        if (head) heads.push(head);
      } else if (STOPPED_KEY.test(c.marker.key)) {
        stopped = true;
      }
    } else if (!c.ours && MAINTAINERS.has(c.authorAssociation ?? '') && firstWord(c.body) === command) {
      used = 0;
      stopped = false;
      heads = [];
    }
  }
  return { used, next: highest + 1, stopped, heads };
}

function firstWord(body: string): string {
  return (
    body
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split(/\s+/, 1)[0] ?? ''
  );
}
