// Tests parsing of the reviewer's fixed-form answer (src/report/ranking.ts): sections, ranking lines, fallbacks.
import { describe, expect, it } from 'vitest';
import { parseRanking, parseReview } from '../../src/parsers/ranking.js';
import { makeReviewText } from './builders.js';

const ABC = ['A', 'B', 'C'];

/** The ranked letters only, best first. */
function letters(text: string, known = ABC): string[] {
  return parseRanking(text, known).ranking.map((r) => r.letter);
}

describe('parseReview', () => {
  it('splits a well-formed review into synthesis, disagreements and ranking', () => {
    const text = [
      '### Synthesis',
      'Guard the name in `saveWidget` and add a test.',
      '',
      '### Disagreements',
      '- A throws, B defaults; B is right.',
      '',
      '### Ranking',
      '1. B — defaults sensibly and adds a test',
      '2. A — right cause, harsher fix',
      '3. C — misreads the stack trace',
    ].join('\n');
    expect(parseReview(text, ABC)).toEqual({
      synthesis: 'Guard the name in `saveWidget` and add a test.',
      disagreements: '- A throws, B defaults; B is right.',
      ranking: [
        { letter: 'B', reason: 'defaults sensibly and adds a test' },
        { letter: 'A', reason: 'right cause, harsher fix' },
        { letter: 'C', reason: 'misreads the stack trace' },
      ],
      unranked: [],
      structured: true,
    });
  });

  it('accepts sections in another order', () => {
    const text = [
      '## Ranking',
      '1. C — x',
      '2. A — y',
      '3. B — z',
      '## Disagreements',
      'None',
      '## Synthesis',
      'The synthesis.',
    ].join('\n');
    const review = parseReview(text, ABC);
    expect(review.synthesis).toBe('The synthesis.');
    expect(review.disagreements).toBe('None');
    expect(review.ranking.map((r) => r.letter)).toEqual(['C', 'A', 'B']);
    expect(review.structured).toBe(true);
  });

  it('accepts bold, lowercase, differently levelled and suffixed headings', () => {
    const text = [
      '# **Synthesis**',
      'S.',
      '#### disagreements:',
      'D.',
      '### Ranking (best first)',
      '1. A',
      '2. B',
      '3. C',
    ].join('\n');
    const review = parseReview(text, ABC);
    expect(review.synthesis).toBe('S.');
    expect(review.disagreements).toBe('D.');
    expect(review.ranking.map((r) => r.letter)).toEqual(['A', 'B', 'C']);
  });

  it('ignores text before the first heading', () => {
    const review = parseReview(`Sure! Here is my review.\n\n${makeReviewText()}`, ABC);
    expect(review.synthesis).toBe('Combined answer.');
    expect(review.synthesis).not.toContain('Sure!');
  });

  it('takes the last section of a name, when the reviewer restates the template first', () => {
    const text = [
      '### Synthesis',
      'The best combined answer to the issue…',
      '### Ranking',
      '1. <letter> — <one-line reason>',
      makeReviewText(['1. C — real']),
      '',
    ].join('\n');
    const review = parseReview(text, ABC);
    expect(review.synthesis).toBe('Combined answer.');
    expect(review.ranking).toEqual([{ letter: 'C', reason: 'real' }]);
  });

  it('does not take a "#" line inside the text for a heading unless it names a section', () => {
    const review = parseReview(['### Synthesis', '# Step one', 'Do this.', '### Ranking', '1. A'].join('\n'), ['A']);
    expect(review.synthesis).toBe('# Step one\nDo this.');
  });

  it('falls back to the whole text as the synthesis when there are no headings', () => {
    const text = '  I think B is best, then A.\nC is wrong.  ';
    expect(parseReview(text, ABC)).toEqual({
      synthesis: 'I think B is best, then A.\nC is wrong.',
      disagreements: '',
      ranking: [],
      unranked: ['A', 'B', 'C'],
      structured: false,
    });
  });

  it('treats a review with only a Disagreements heading as unstructured, keeping all of the text', () => {
    const review = parseReview('### Disagreements\nNone', ABC);
    expect(review.structured).toBe(false);
    expect(review.synthesis).toBe('### Disagreements\nNone');
  });

  it('keeps a structured review without a Ranking section, and reports every letter as unranked', () => {
    const review = parseReview('### Synthesis\nS.\n### Disagreements\nNone', ABC);
    expect(review).toEqual({
      synthesis: 'S.',
      disagreements: 'None',
      ranking: [],
      unranked: ['A', 'B', 'C'],
      structured: true,
    });
  });

  it('reads ranking lines only from the Ranking section', () => {
    const text = [
      '### Synthesis',
      '1. A — this list is part of the synthesis',
      '### Ranking',
      '1. B — the real ranking',
    ].join('\n');
    const review = parseReview(text, ABC);
    expect(review.ranking).toEqual([{ letter: 'B', reason: 'the real ranking' }]);
    expect(review.unranked).toEqual(['A', 'C']);
  });

  it('gives empty strings for sections that are present but missing', () => {
    const review = parseReview('### Ranking\n1. A\n2. B\n3. C', ABC);
    expect(review.structured).toBe(true);
    expect(review.synthesis).toBe('');
    expect(review.disagreements).toBe('');
  });
});

describe('parseRanking', () => {
  it('reads "N. X — reason" lines with any dash or separator', () => {
    const { ranking } = parseRanking(['1. A — em dash', '2. B – en dash', '3. C - hyphen'].join('\n'), ABC);
    expect(ranking).toEqual([
      { letter: 'A', reason: 'em dash' },
      { letter: 'B', reason: 'en dash' },
      { letter: 'C', reason: 'hyphen' },
    ]);
    expect(parseRanking('1. A: colon\n2. B | pipe', ABC).ranking).toEqual([
      { letter: 'A', reason: 'colon' },
      { letter: 'B', reason: 'pipe' },
    ]);
  });

  it('tolerates extra whitespace, bullets, "#1" and "1)" numbering', () => {
    expect(letters('   1.    B   —   spaced  \n- 2) A — bullet\n* #3: C — hash')).toEqual(['B', 'A', 'C']);
    expect(parseRanking('   1.    B   —   spaced   ', ABC).ranking[0]!.reason).toBe('spaced');
  });

  it('strips markdown bold around the letter and in the reason', () => {
    expect(parseRanking('1. **B** — **clear** fix\n2. **A** — ok', ABC).ranking).toEqual([
      { letter: 'B', reason: 'clear fix' },
      { letter: 'A', reason: 'ok' },
    ]);
  });

  it('accepts lowercase letters and maps them to the letters it was given', () => {
    expect(parseRanking('1. c — x\n2. a — y', ABC)).toEqual({
      ranking: [
        { letter: 'C', reason: 'x' },
        { letter: 'A', reason: 'y' },
      ],
      unranked: ['B'],
    });
  });

  it('accepts "Answer B" forms, bold or not', () => {
    expect(letters('1. Answer B — best\n2. **Answer C** — good\n3. answer a: meh')).toEqual(['B', 'C', 'A']);
    expect(parseRanking('1. Answer B — best', ABC).ranking[0]!.reason).toBe('best');
  });

  it('accepts a letter without a reason', () => {
    expect(parseRanking('1. B\n2. A', ABC).ranking).toEqual([
      { letter: 'B', reason: '' },
      { letter: 'A', reason: '' },
    ]);
  });

  it('keeps the first place of a letter that is ranked twice', () => {
    const { ranking, unranked } = parseRanking('1. B — first\n2. A — second\n3. B — again', ABC);
    expect(ranking).toEqual([
      { letter: 'B', reason: 'first' },
      { letter: 'A', reason: 'second' },
    ]);
    expect(unranked).toEqual(['C']);
  });

  it('ignores letters it was not given', () => {
    expect(parseRanking('1. D — made up\n2. Z — also\n3. A — real', ABC)).toEqual({
      ranking: [{ letter: 'A', reason: 'real' }],
      unranked: ['B', 'C'],
    });
  });

  it('lists the letters it did not see as unranked, in the order they were given', () => {
    expect(parseRanking('1. C — only one', ['A', 'B', 'C', 'D']).unranked).toEqual(['A', 'B', 'D']);
    expect(parseRanking('', ABC)).toEqual({ ranking: [], unranked: ['A', 'B', 'C'] });
  });

  it('ignores lines that are not ranking lines', () => {
    expect(letters('Here is my ranking:\n\nB is best because\n1. A — but numbered\nThanks!')).toEqual(['A']);
  });

  it('reads the numbered labels that come after Z', () => {
    expect(parseRanking('1. B2 — late\n2. A — early', ['A', 'B2']).ranking).toEqual([
      { letter: 'B2', reason: 'late' },
      { letter: 'A', reason: 'early' },
    ]);
  });

  it('does not take "B2" for "B"', () => {
    expect(parseRanking('1. B2 — x', ['B']).ranking).toEqual([]);
  });
});
