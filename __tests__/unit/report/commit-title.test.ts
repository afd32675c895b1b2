import { describe, expect, it } from 'vitest';
import { cleanTitle } from '../../../src/pipelines/relay-pipeline/result.js';

describe('cleanTitle: an issue title made safe for a commit subject and a pull request title', () => {
  it.each([
    ['Crash [skip ci]', 'Crash'],
    ['[ci skip] Crash', 'Crash'],
    ['[no ci][skip actions] Crash', 'Crash'],
    ['[SKIP-CHECKS] Crash [actions skip]', 'Crash'],
    ['Crash skip-checks: true', 'Crash'],
  ])('drops the marker that skips workflows: %s', (title, expected) => {
    expect(cleanTitle(title)).toBe(expected);
  });

  it.each([
    ['Crash fixes #1', 'Crash for #1'],
    ['Fixes: acme/x#3 too', 'for: acme/x#3 too'],
    ['resolve https://github.com/a/b/issues/4', 'for https://github.com/a/b/issues/4'],
    ['Closed #9, closes #10', 'for #9, for #10'],
  ])('takes the closing keyword out: %s', (title, expected) => {
    expect(cleanTitle(title)).toBe(expected);
  });

  it('removes mentions of users and teams, and keeps e-mail addresses and ordinary words', () => {
    expect(cleanTitle('cc @octocat and @acme/core-team')).toBe('cc octocat and acme/core-team');
    expect(cleanTitle('mail a@b.com; fix the bug; render([]) crashes')).toBe(
      'mail a@b.com; fix the bug; render([]) crashes',
    );
  });
});
