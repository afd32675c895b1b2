// Reading GitHub's patches, following lines through new commits, and the diff budget per agent.
import { describe, expect, it } from 'vitest';
import { planShares, reviewersOf } from '../../../../src/pipelines/pr-review/budget.js';
import {
  commentableLines,
  excerpt,
  followRange,
  mapBaseLine,
  parsePatch,
  rangeInDiff,
  renderNumberedPatch,
} from '../../../../src/pipelines/pr-review/diff.js';

// Base lines 1-12; head: line 4 changed, two lines added after base line 10.
const PATCH = [
  '@@ -2,5 +2,5 @@ function render(items) {',
  '   const list = items;',
  '   if (!list) return;',
  '-  for (let i = 0; i < list.length - 1; i++) {',
  '+  for (let i = 0; i < list.length; i++) {',
  '     draw(list[i]);',
  '   }',
  '@@ -9,3 +9,5 @@ function render(items) {',
  ' ',
  ' export function size() {',
  '+  // new',
  '+  return 1;',
  '   return 0;',
  '\\ No newline at end of file',
].join('\n');

describe('parsePatch', () => {
  it('numbers both sides and ignores the no-newline note', () => {
    const hunks = parsePatch(PATCH);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]).toMatchObject({ oldStart: 2, oldLines: 5, newStart: 2, newLines: 5 });
    expect(hunks[0]!.lines.map((l) => [l.kind, l.oldLine, l.newLine])).toEqual([
      ['context', 2, 2],
      ['context', 3, 3],
      ['del', 4, undefined],
      ['add', undefined, 4],
      ['context', 5, 5],
      ['context', 6, 6],
    ]);
    expect(hunks[1]!.lines.map((l) => l.newLine)).toEqual([9, 10, 11, 12, 13]);
  });

  it('a trailing newline is not a line, and a hunk without counts has one line', () => {
    expect(parsePatch('@@ -1 +1 @@\n-a\n+b\n')[0]!.lines).toHaveLength(2);
    expect(parsePatch(undefined)).toEqual([]);
  });

  it('commentable lines are the head side of each hunk, with the hunk they belong to', () => {
    const lines = commentableLines(parsePatch(PATCH));
    expect([...lines.keys()]).toEqual([2, 3, 4, 5, 6, 9, 10, 11, 12, 13]);
    expect(rangeInDiff(lines, 4, 6)).toBe(true);
    expect(rangeInDiff(lines, 7, 7)).toBe(false);
    // Both ends in the diff, but in two hunks: GitHub refuses it.
    expect(rangeInDiff(lines, 5, 10)).toBe(false);
  });

  it('renders head-side numbers in front of each line', () => {
    const text = renderNumberedPatch(parsePatch(PATCH));
    expect(text).toContain('   4 +   for (let i = 0; i < list.length; i++) {');
    expect(text).toContain('     -   for (let i = 0; i < list.length - 1; i++) {');
    expect(text.split('\n')[0]).toBe('@@ -2,5 +2,5 @@ function render(items) {');
    expect(excerpt(parsePatch(PATCH), 4, 4, 1).split('\n')).toEqual([
      '   3     if (!list) return;',
      '   4 +   for (let i = 0; i < list.length; i++) {',
      '   5       draw(list[i]);',
    ]);
  });
});

describe('following base lines through new commits', () => {
  const hunks = parsePatch(PATCH);

  it('maps unchanged lines before, between and after the hunks', () => {
    expect(mapBaseLine(hunks, 1)).toBe(1);
    expect(mapBaseLine(hunks, 3)).toBe(3);
    expect(mapBaseLine(hunks, 4)).toBeUndefined();
    expect(mapBaseLine(hunks, 7)).toBe(7);
    expect(mapBaseLine(hunks, 11)).toBe(13);
    expect(mapBaseLine(hunks, 40)).toBe(42);
  });

  it('a range is touched when a line in it is removed or lines are inserted inside it', () => {
    expect(followRange(hunks, 4, 4)).toEqual({ touched: true });
    expect(followRange(hunks, 10, 11)).toEqual({ touched: true });
    expect(followRange(hunks, 5, 6)).toEqual({ touched: false, start: 5, end: 6 });
    // Insertion right after the range's last line is not inside it.
    expect(followRange(hunks, 9, 10)).toEqual({ touched: false, start: 9, end: 10 });
    expect(followRange(hunks, 20, 22)).toEqual({ touched: false, start: 22, end: 24 });
  });

  it('pure insertions and deletions (a side with no lines) shift what follows', () => {
    const insert = parsePatch('@@ -5,0 +6,2 @@\n+x\n+y');
    expect(mapBaseLine(insert, 5)).toBe(5);
    expect(mapBaseLine(insert, 6)).toBe(8);
    const remove = parsePatch('@@ -3,2 +2,0 @@\n-a\n-b');
    expect(mapBaseLine(remove, 3)).toBeUndefined();
    expect(mapBaseLine(remove, 5)).toBe(3);
  });
});

describe('planShares', () => {
  const file = (path: string, bytes: number): { path: string; patch: string } => ({ path, patch: 'x'.repeat(bytes) });
  const agents = ['a', 'b', 'c'];

  it('every agent gets every file when the diff fits', () => {
    const shares = planShares([file('1', 10), file('2', 20)], agents, 100);
    expect(shares.split).toBe(false);
    expect([...shares.byAgent.values()].map((f) => f.map((x) => x.path))).toEqual([
      ['1', '2'],
      ['1', '2'],
      ['1', '2'],
    ]);
    expect(shares.skipped).toEqual([]);
  });

  it('skips files without a diff and files over the budget on their own', () => {
    const shares = planShares([{ path: 'img.png' }, file('huge', 500), file('ok', 10)], agents, 100);
    expect(shares.skipped.map((s) => s.path)).toEqual(['img.png', 'huge']);
    expect(shares.skipped[1]!.reason).toBe('its diff is 500 bytes, over max-diff-bytes (100)');
    expect(shares.byAgent.get('a')!.map((f) => f.path)).toEqual(['ok']);
  });

  it('splits an over-budget diff into parts and deals the agents round them', () => {
    const shares = planShares([file('1', 60), file('2', 60), file('3', 30)], agents, 100);
    expect(shares.split).toBe(true);
    // Parts: [1, 3] and [2]; a and c review part one, b part two.
    expect(shares.byAgent.get('a')!.map((f) => f.path)).toEqual(['1', '3']);
    expect(shares.byAgent.get('b')!.map((f) => f.path)).toEqual(['2']);
    expect(shares.byAgent.get('c')!.map((f) => f.path)).toEqual(['1', '3']);
    expect(reviewersOf(shares, '1', new Set(agents))).toBe(2);
    expect(reviewersOf(shares, '2', new Set(['a', 'c']))).toBe(0);
  });

  it('parts beyond the number of agents are not reviewed, and say so', () => {
    const shares = planShares([file('1', 90), file('2', 90), file('3', 90)], ['a', 'b'], 100);
    expect(shares.byAgent.get('a')!.map((f) => f.path)).toEqual(['1']);
    expect(shares.byAgent.get('b')!.map((f) => f.path)).toEqual(['2']);
    expect(shares.skipped).toEqual([
      { path: '3', reason: 'over the diff budget of 2 agent(s) × max-diff-bytes (100)' },
    ]);
  });
});
