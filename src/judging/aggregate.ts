// Combines several rankings of the same answers (two orders per judge, several judges) into one by Borda count;
// pairs the rankings disagree on become ties with low confidence.

/** One judge's ranking in one presentation order. */
export interface Ranking {
  judge: string;
  /** The letters it was shown, in the order shown. */
  shown: string[];
  /** Best first; letters it left out count as tied below the ones it ranked. */
  ranked: string[];
}

export type Confidence = 'high' | 'low';

export interface AggregateRow {
  letter: string;
  /** 1 is best; tied letters share a rank. */
  rank: number;
  /** Mean Borda score over the rankings that saw this letter, 0 (last) to 1 (first). */
  score: number;
  /** How many rankings saw it. */
  seenBy: number;
  confidence: Confidence;
  tied: boolean;
}

export interface Aggregate {
  rows: AggregateRow[];
  /** Pairs on which the rankings disagreed (one put the first above, another below). */
  disputed: [string, string][];
}

/** Position of `letter` in a ranking (0 best); unranked letters it was shown share the place after the last ranked. */
function place(r: Ranking, letter: string): number | undefined {
  if (!r.shown.includes(letter)) return undefined;
  const i = r.ranked.indexOf(letter);
  return i >= 0 ? i : r.ranked.length;
}

function bordaScore(r: Ranking, letter: string): number | undefined {
  const p = place(r, letter);
  if (p === undefined) return undefined;
  return r.shown.length <= 1 ? 1 : (r.shown.length - 1 - Math.min(p, r.shown.length - 1)) / (r.shown.length - 1);
}

/** -1: a above b, 1: b above a, 0: no ranking saw both or they were tied; undefined: the rankings disagree. */
export function pairVerdict(a: string, b: string, rankings: readonly Ranking[]): -1 | 0 | 1 | undefined {
  const signs = new Set<number>();
  for (const r of rankings) {
    const pa = place(r, a);
    const pb = place(r, b);
    if (pa === undefined || pb === undefined || pa === pb) continue;
    signs.add(pa < pb ? -1 : 1);
  }
  if (signs.size > 1) return undefined;
  return (signs.values().next().value as -1 | 1 | undefined) ?? 0;
}

export function aggregateRankings(letters: readonly string[], rankings: readonly Ranking[]): Aggregate {
  const scored = letters.map((letter, index) => {
    const scores = rankings.map((r) => bordaScore(r, letter)).filter((s): s is number => s !== undefined);
    return {
      letter,
      index,
      seenBy: scores.length,
      score: scores.length > 0 ? scores.reduce((x, y) => x + y, 0) / scores.length : 0,
    };
  });
  scored.sort((x, y) => y.score - x.score || x.index - y.index);
  const disputed: [string, string][] = [];
  for (let i = 0; i < letters.length; i++) {
    for (let j = i + 1; j < letters.length; j++)
      if (pairVerdict(letters[i]!, letters[j]!, rankings) === undefined) disputed.push([letters[i]!, letters[j]!]);
  }
  const isDisputed = (a: string, b: string): boolean =>
    disputed.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const rows: AggregateRow[] = [];
  scored.forEach((s, i) => {
    const previous = rows[i - 1];
    const tiedWithPrevious =
      previous !== undefined && (Math.abs(previous.score - s.score) < 1e-9 || isDisputed(previous.letter, s.letter));
    if (tiedWithPrevious) previous.tied = true;
    rows.push({
      letter: s.letter,
      rank: tiedWithPrevious ? previous.rank : i + 1,
      score: s.score,
      seenBy: s.seenBy,
      tied: tiedWithPrevious,
      // Seen in one order only (a judge run failed), or disputed: the position may be the judge's bias.
      confidence: s.seenBy < 2 || disputed.some(([x, y]) => x === s.letter || y === s.letter) ? 'low' : 'high',
    });
  });
  return { rows, disputed };
}
