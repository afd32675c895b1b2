// A relay stage's verdict: only the last `VERDICT: WORD` line of the answer's own text counts.
import { describe, expect, it } from 'vitest';
import { parseVerdict, verdictPasses } from '../../../src/parsers/verdict.js';

const word = (text: string): string | undefined => {
  const v = parseVerdict(text);
  return v.found ? v.word : undefined;
};

describe('parseVerdict', () => {
  it('reads the word and the reason of a verdict line', () => {
    expect(parseVerdict('All good.\n\nVERDICT: PASS — the empty list is handled')).toEqual({
      found: true,
      word: 'PASS',
      reason: 'the empty list is handled',
    });
    expect(parseVerdict('VERDICT: APPROVED')).toEqual({ found: true, word: 'APPROVED', reason: '' });
    expect(parseVerdict('VERDICT: CHANGES_REQUESTED - missing tests')).toMatchObject({
      word: 'CHANGES_REQUESTED',
      reason: 'missing tests',
    });
    expect(parseVerdict('VERDICT: DONE: implemented')).toMatchObject({ word: 'DONE', reason: 'implemented' });
    expect(parseVerdict('VERDICT: DONE. Implemented it.')).toMatchObject({ word: 'DONE', reason: 'Implemented it.' });
    expect(word('VERDICT: PASS.')).toBe('PASS');
    expect(word('verdict: pass')).toBe('PASS');
  });

  it('takes the last verdict line: an earlier one never stands in', () => {
    expect(word('VERDICT: PASS\n\nOn second thought, no.\nVERDICT: FAIL — null crashes')).toBe('FAIL');
    expect(word('VERDICT: FAIL\nVERDICT: PASS')).toBe('PASS');
    // A malformed last verdict line means no verdict, even after a well-formed one.
    expect(parseVerdict('VERDICT: APPROVED\nVERDICT: APPROVED?')).toMatchObject({ found: false });
  });

  it('tolerates the emphasis and headings models put around the line, keeping underscores inside the word', () => {
    expect(word('**VERDICT: PASS**')).toBe('PASS');
    expect(word('**VERDICT:** APPROVED — fine')).toBe('APPROVED');
    expect(word('__VERDICT: CHANGES_REQUESTED__')).toBe('CHANGES_REQUESTED');
    expect(word('## VERDICT: DONE')).toBe('DONE');
    expect(word('VERDICT: *CHANGES_REQUESTED*')).toBe('CHANGES_REQUESTED');
  });

  it('never counts words in prose, questions, alternatives or placeholders', () => {
    expect(parseVerdict('All tests PASS and the change is APPROVED.')).toMatchObject({ found: false });
    expect(parseVerdict('I would say PASS.\nVerdict pending.')).toMatchObject({ found: false });
    expect(parseVerdict('VERDICT: APPROVED?')).toMatchObject({ found: false });
    expect(parseVerdict('VERDICT: PASS/FAIL')).toMatchObject({ found: false });
    expect(parseVerdict('VERDICT: PASS or FAIL')).toMatchObject({ found: false });
    expect(parseVerdict('VERDICT: <WORD> — <reason>')).toMatchObject({ found: false });
    expect(parseVerdict('VERDICT PASS')).toMatchObject({ found: false });
    expect(parseVerdict('The final line says "VERDICT: PASS".')).toMatchObject({ found: false });
    expect(parseVerdict('VERDICTS: PASS')).toMatchObject({ found: false });
    expect(parseVerdict('')).toMatchObject({ found: false, problem: expect.stringContaining('no verdict') });
  });

  it('ignores quoted text: blockquotes, fenced code and quoted lines', () => {
    expect(parseVerdict('> VERDICT: PASS')).toMatchObject({ found: false });
    expect(parseVerdict('The template:\n```\nVERDICT: APPROVED\n```')).toMatchObject({ found: false });
    expect(parseVerdict('~~~~\nVERDICT: PASS\n~~~\nstill code\n~~~~')).toMatchObject({ found: false });
    expect(parseVerdict('"VERDICT: PASS"')).toMatchObject({ found: false });
    expect(parseVerdict('`VERDICT: PASS`')).toMatchObject({ found: false });
    expect(word('```\nVERDICT: PASS\n```\nVERDICT: FAIL — the quoted line above is only an example')).toBe('FAIL');
    expect(word('> VERDICT: FAIL\n\nVERDICT: PASS')).toBe('PASS');
  });

  it('an unclosed code fence hides everything after it', () => {
    expect(parseVerdict('```js\nconst x = 1;\nVERDICT: PASS')).toMatchObject({ found: false });
  });
});

describe('verdictPasses', () => {
  it('passes only a found verdict whose word is in the list, regardless of case', () => {
    expect(verdictPasses(parseVerdict('VERDICT: approved'), ['APPROVED'])).toBe(true);
    expect(verdictPasses(parseVerdict('VERDICT: DONE'), ['done', 'PASS'])).toBe(true);
    expect(verdictPasses(parseVerdict('VERDICT: CHANGES_REQUESTED'), ['APPROVED'])).toBe(false);
    expect(verdictPasses(parseVerdict('APPROVED'), ['APPROVED'])).toBe(false);
    // "PASS" in prose with a final FAIL.
    expect(verdictPasses(parseVerdict('All 12 tests PASS.\nVERDICT: FAIL — but render(null) throws'), ['PASS'])).toBe(
      false,
    );
  });
});
