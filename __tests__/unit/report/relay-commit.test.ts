// Which commit on the relay's branch is an earlier relay's (and may be replaced), and how another one is named.
import { describe, expect, it } from 'vitest';
import { BOT_AUTHOR } from '../../../src/git/repo.js';
import { describeCommit, isRelayCommit } from '../../../src/pipelines/relay-pipeline/result.js';

const raw = (author: string, message: string): string =>
  `tree ${'a'.repeat(40)}\nparent ${'b'.repeat(40)}\nauthor ${author} 1700000000 +0000\ncommitter ${author} 1700000000 +0000\n\n${message}`;
const BOT = `${BOT_AUTHOR.name} <${BOT_AUTHOR.email}>`;

describe('isRelayCommit', () => {
  it('accepts our author with the relay subject for this issue only', () => {
    expect(isRelayCommit(raw(BOT, 'Widgets crash (relay for #7)\n\nRefs #7\n'), 7, BOT_AUTHOR.email)).toBe(true);
    expect(isRelayCommit(raw(BOT, 'Widgets crash (relay for #8)\n'), 7, BOT_AUTHOR.email)).toBe(false);
    expect(isRelayCommit(raw(BOT, 'Bump deps\n'), 7, BOT_AUTHOR.email)).toBe(false);
    expect(isRelayCommit(raw('Jane <jane@example.com>', 'Widgets crash (relay for #7)\n'), 7, BOT_AUTHOR.email)).toBe(
      false,
    );
    // The subject is the first message line, not a header.
    expect(isRelayCommit(`author ${BOT} 1 +0000\nx (relay for #7)`, 7, BOT_AUTHOR.email)).toBe(false);
  });
});

describe('describeCommit', () => {
  it('names the commit, its author and subject, with hidden text stripped', () => {
    expect(
      describeCommit('c'.repeat(40), raw('Jane <jane@example.com>', 'Notes<!-- hidden --> for the fix\n\nbody\n')),
    ).toBe(`${'c'.repeat(12)} by Jane <jane@example.com>: Notes for the fix`);
  });
});
