// Answer hygiene: CLI chatter, e-mail addresses, duplicates, and the screening that decides what becomes a row.
import { describe, expect, it } from 'vitest';
import {
  EMAIL_PLACEHOLDER,
  findDuplicates,
  normalizeForDuplicates,
  redactEmails,
  redactEmailsDeep,
  stripToolChatter,
} from '../../../src/dataset/hygiene.js';
import { screenAnswers } from '../../../src/dataset/screen.js';

describe('redactEmails', () => {
  it('removes addresses and leaves look-alikes alone', () => {
    expect(redactEmails('Mail jane.doe+ci@mail.example.co.uk or ops@example.org.')).toBe(
      `Mail ${EMAIL_PLACEHOLDER} or ${EMAIL_PLACEHOLDER}.`,
    );
    for (const text of [
      'git clone git@github.com:acme/widgets.git',
      'npm i @actions/core lodash@4.17.21',
      'use vitest@latest',
      'decorators like @Injectable()',
    ]) {
      expect(redactEmails(text)).toBe(text);
    }
  });

  it('reaches every string of a value', () => {
    expect(redactEmailsDeep({ a: ['x a@b.io'], b: { c: 'd@e.fr' }, n: 1 })).toEqual({
      a: [`x ${EMAIL_PLACEHOLDER}`],
      b: { c: EMAIL_PLACEHOLDER },
      n: 1,
    });
  });
});

describe('stripToolChatter', () => {
  it('drops status lines before and after the answer and terminal escapes anywhere', () => {
    expect(
      stripToolChatter('Loaded cached credentials.\n\n\u001b[1mUse a lock.\u001b[0m\n\ntokens used\n1,234\n'),
    ).toBe('Use a lock.');
    expect(stripToolChatter('[2025-01-02T03:04:05] codex\nAnswer.\n[2025-01-02T03:04:09] tokens used: 99')).toBe(
      'Answer.',
    );
    expect(stripToolChatter('Data collection is disabled.\r\nAnswer.\r\n[WARN] slow network')).toBe('Answer.');
  });

  it('keeps the answer’s own lines, even when they look like chatter or are a bare number', () => {
    const answer = 'Steps:\nLoaded cached credentials.\nis what the log says.\n42';
    expect(stripToolChatter(answer)).toBe(answer);
    expect(stripToolChatter('The answer is\n42')).toBe('The answer is\n42');
  });

  it('leaves nothing of an answer that is only chatter', () => {
    expect(stripToolChatter('Loaded cached credentials.\ntokens used\n10\n')).toBe('');
  });
});

describe('duplicates', () => {
  it('ignores case, width, punctuation, Markdown and spacing', () => {
    expect(normalizeForDuplicates('  **Use** a MUTEX —\n now! ')).toBe('use a mutex now');
    expect(normalizeForDuplicates('ＡＢＣ')).toBe(normalizeForDuplicates('abc'));
  });

  it('points each later copy at the first of its kind', () => {
    expect(findDuplicates(['A lock.', 'A cache.', 'a  LOCK', 'a cache!', 'new'])).toEqual([
      undefined,
      undefined,
      0,
      1,
      undefined,
    ]);
  });
});

describe('screenAnswers', () => {
  const scrub = (text: string): string => text.replace(/SECRET\w*/g, '[REDACTED]');

  it('keeps cleaned answers, drops failed, timed-out, empty and duplicate ones with the reason', () => {
    const verdicts = screenAnswers(
      [
        { persona: 'a', status: 'success', answer: 'Loaded cached credentials.\nUse a lock.' },
        { persona: 'b', status: 'failure', answer: '' },
        { persona: 'c', status: 'timeout', answer: '' },
        { persona: 'd', status: 'success', answer: 'tokens used\n12' },
        { persona: 'e', status: 'success', answer: 'use a LOCK' },
        { persona: 'f', status: 'success', answer: 'Rotate SECRET_ONE.' },
        { persona: 'g', status: 'success', answer: 'Rotate SECRET_TWO.' },
        { persona: 'h', status: 'cancelled', answer: '' },
      ],
      scrub,
    );
    expect(verdicts).toEqual([
      { kept: true, answer: 'Use a lock.' },
      { kept: false, reason: 'failed' },
      { kept: false, reason: 'timeout' },
      { kept: false, reason: 'empty' },
      { kept: false, reason: 'duplicate', duplicateOf: 'a' },
      { kept: true, answer: 'Rotate [REDACTED].' },
      // Identical once redacted: the written text would be the same row twice.
      { kept: false, reason: 'duplicate', duplicateOf: 'f' },
      { kept: false, reason: 'cancelled' },
    ]);
  });

  it('an empty answer is never the "first" that a later answer duplicates', () => {
    expect(
      screenAnswers(
        [
          { persona: 'a', status: 'success', answer: '   ' },
          { persona: 'b', status: 'success', answer: 'x' },
        ],
        (t) => t,
      ),
    ).toEqual([
      { kept: false, reason: 'empty' },
      { kept: true, answer: 'x' },
    ]);
  });
});
