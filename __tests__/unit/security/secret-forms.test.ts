import { describe, expect, it } from 'vitest';
import { encodedForms, FILE_TOKEN_SHAPES, TOKEN_SHAPES } from '../../../src/security/secret-forms.js';

const SECRET = 'sup3r-s3cret-value!';

function containsAForm(haystack: string, value: string): boolean {
  return encodedForms(value).some((form) => haystack.includes(form));
}

describe('encodedForms', () => {
  it('finds a secret base64-encoded at each of the three alignments, in base64 and base64url', () => {
    for (const before of ['', 'a', 'ab', 'abc', 'abcd']) {
      const stream = Buffer.from(`${before}${SECRET}tail`);
      expect(containsAForm(stream.toString('base64'), SECRET), `after ${before.length} bytes`).toBe(true);
      expect(containsAForm(stream.toString('base64url'), SECRET), `base64url after ${before.length} bytes`).toBe(true);
    }
  });

  it('finds a secret hex-encoded in either case and URL-encoded either way', () => {
    const hex = Buffer.from(`x${SECRET}y`).toString('hex');
    expect(containsAForm(hex, SECRET)).toBe(true);
    expect(containsAForm(hex.toUpperCase(), SECRET)).toBe(true);
    expect(containsAForm(`q=${encodeURIComponent(SECRET)}&z`, SECRET)).toBe(true);
    const everyByte = [...Buffer.from(SECRET)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    expect(containsAForm(everyByte, SECRET)).toBe(true);
  });

  it('includes the literal value and never a form so short it matches anything', () => {
    expect(encodedForms(SECRET)).toContain(SECRET);
    expect(encodedForms('abcdef').every((f) => f.length >= 4)).toBe(true);
  });

  it('does not match unrelated text', () => {
    expect(containsAForm(Buffer.from('nothing to see here at all').toString('base64'), SECRET)).toBe(false);
  });
});

describe('TOKEN_SHAPES', () => {
  const samples = [
    `ghp_${'a'.repeat(36)}`,
    `ghs_${'B'.repeat(36)}`,
    `gho_${'c'.repeat(36)}`,
    `github_pat_${'d'.repeat(40)}`,
    `sk-${'e'.repeat(40)}`,
    `sk-ant-${'f'.repeat(40)}`,
    'AKIAABCDEFGHIJKLMNOP',
    'xoxb-1234567890-abcdef',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----',
  ];
  it.each(samples)('matches %s', (sample) => {
    expect(FILE_TOKEN_SHAPES.some((shape) => new RegExp(shape.source, shape.flags).test(`x ${sample} y`))).toBe(true);
  });
  it('the file shapes are the token shapes without the URL password', () => {
    expect(FILE_TOKEN_SHAPES.length).toBe(TOKEN_SHAPES.length - 1);
  });
});
