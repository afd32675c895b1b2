// Tests the output sanitizer (src/security/sanitize-output.ts) and the redactor's encoded forms (src/security/redact.ts).
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../src/security/redact.js';
import {
  allowedHostsFor,
  neutralizeAgentMarkdown,
  sanitizeOutput,
  sanitizeRecordDeep,
  stripControls,
} from '../../../src/security/sanitize-output.js';

const HOSTS = allowedHostsFor({ serverUrl: 'https://github.com', repository: 'acme/widgets' });
const none = new Redactor();
const post = (text: string, redactor: Redactor = none): string => sanitizeOutput(text, redactor, HOSTS);

describe('allowedHostsFor', () => {
  it('allows the run’s GitHub server, GitHub’s attachment hosts and the owner’s pages', () => {
    expect(HOSTS).toEqual(
      expect.arrayContaining(['github.com', 'user-images.githubusercontent.com', 'acme.github.io']),
    );
    expect(allowedHostsFor({ serverUrl: 'https://ghe.example.com', repository: 'o/r' })).toEqual([
      'ghe.example.com',
      'o.github.io',
    ]);
    expect(allowedHostsFor({})).toEqual(expect.arrayContaining(['github.com']));
  });
});

describe('sanitizeOutput: mentions', () => {
  it.each([
    ['@user', '`@user`'],
    ['hi @user!', 'hi `@user`!'],
    ['cc @org/team please', 'cc `@org/team` please'],
    ['(@a-b)', '(`@a-b`)'],
    ['**@bold**', '**`@bold`**'],
    ['- @first\n- @second', '- `@first`\n- `@second`'],
    ['| @cell | x |\n|---|---|\n| @row | y |', '| `@cell` | x |\n|---|---|\n| `@row` | y |'],
  ])('%j becomes code, which GitHub neither links nor notifies', (input, output) => {
    expect(post(input)).toBe(output);
  });

  it.each([
    'mail me: user@example.com',
    '`@inline` code',
    '```\n@fenced\n```',
    'npm i @scope/pkg@1.2.3 in `code`',
    'a@b',
  ])('%j is left alone', (input) => {
    expect(post(input)).toBe(input.replace('@scope/pkg', '`@scope/pkg`'));
  });
});

describe('sanitizeOutput: links and images', () => {
  it.each([
    ['![x](https://evil.test/p.png)', '[image: `https://evil.test/p.png`]'],
    ['[docs](https://evil.test/d)', '`docs` (`https://evil.test/d`)'],
    ['see https://evil.test/x now', 'see `https://evil.test/x` now'],
    ['<https://evil.test/auto>', '`https://evil.test/auto`'],
    ['[x](javascript:alert(1))', '`x` (`javascript:alert(1)`)'],
    ['[ref][r]\n\n[r]: https://evil.test/r', '[ref][r]\n\n`[r]: https://evil.test/r`'],
    ['![a](//evil.test/p.png)', '[image: `//evil.test/p.png`]'],
  ])('%j is made inert', (input, output) => {
    expect(post(input)).toBe(output);
  });

  it.each([
    '[run](https://github.com/acme/widgets/actions/runs/1)',
    '![shot](https://user-images.githubusercontent.com/1/a.png)',
    '[pages](https://acme.github.io/widgets/)',
    '[relative](../blob/main/README.md)',
    '[anchor](#section)',
    '[mail](mailto:a@example.com)',
  ])('%j stays live', (input) => {
    expect(post(input)).toBe(input);
  });
});

describe('sanitizeOutput: HTML and control characters', () => {
  it('keeps our layout tags and markers', () => {
    const layout =
      '<!-- ai-orchestra:state=running started=2026-01-01T00:00:00.000Z -->\n<details><summary>s</summary>\n\nbody\n\n</details>\n\n<sub>x</sub>';
    expect(post(layout)).toBe(layout);
  });

  it.each([
    ['<img src="https://evil.test/p.png">', '&lt;img'],
    ['<a href="https://evil.test">x</a>', '&lt;a href'],
    ['<details open>x</details>', '&lt;details open>'],
    ['<!-- not ours -->', '&lt;!-- not ours -->'],
    ['<iframe src=x></iframe>', '&lt;iframe'],
  ])('shows other HTML as text: %j', (input, expected) => {
    expect(post(input)).toContain(expected);
  });

  it('removes C0 and C1 controls but keeps newline and tab', () => {
    expect(stripControls('a\u0000b\u0007c\u001b[31md\u007fe\u0085f\u009bg\th\ni\rj')).toBe('abc[31mdefg\th\nij');
    expect(post('x\u001b]0;title\u0007y')).toBe('x]0;titley');
  });
});

describe('neutralizeAgentMarkdown', () => {
  it('shows raw HTML as text so it cannot close or forge our layout', () => {
    expect(neutralizeAgentMarkdown('</details></sub>')).toBe('&lt;/details>&lt;/sub>');
    expect(neutralizeAgentMarkdown('<!-- ai-orchestra:v1 run=1 pipeline=x key=status -->')).toBe(
      '&lt;!-- ai-orchestra:v1 run=1 pipeline=x key=status -->',
    );
    expect(neutralizeAgentMarkdown('a <b>bold</b> b')).toBe('a &lt;b>bold&lt;/b> b');
  });

  it('leaves code, escaped brackets and comparisons alone', () => {
    for (const text of ['`</details>`', '```html\n</details>\n```', 'a \\<b> c', 'if a < b and c > d'])
      expect(neutralizeAgentMarkdown(text)).toBe(text.replace('a < b', 'a &lt; b'));
  });

  it('closes a code fence the agent left open, so it cannot swallow our footer', () => {
    expect(neutralizeAgentMarkdown('text\n```js\ncode')).toBe('text\n```js\ncode\n```');
    expect(neutralizeAgentMarkdown('~~~~\ncode')).toBe('~~~~\ncode\n~~~~');
    expect(neutralizeAgentMarkdown('```\nclosed\n```')).toBe('```\nclosed\n```');
  });

  it('keeps footnotes where they are written (GitHub would move them below our footer)', () => {
    expect(neutralizeAgentMarkdown('a[^1]\n\n[^1]: note')).toBe('a\\[^1]\n\n\\[^1]: note');
  });

  it('puts headings below our headline levels', () => {
    expect(neutralizeAgentMarkdown('# One\n## Two\n### 🧭 Review by x\n#### Four')).toBe(
      '#### One\n#### Two\n#### 🧭 Review by x\n#### Four',
    );
    expect(neutralizeAgentMarkdown('Setext\n===')).toBe('#### Setext');
  });

  it('leaves benign Markdown byte for byte', () => {
    const text =
      '**Cause.** `parseConfig()` returns `null`.\n\n```ts\nif (raw == null) return {};\n```\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    expect(neutralizeAgentMarkdown(text)).toBe(text);
  });
});

describe('Redactor: a known secret in every form', () => {
  const secret = 'canary-Secret-9f8e7d6c5b';
  const r = new Redactor([secret]);
  const forms: [string, string][] = [
    ['literal', secret],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64 at offset 1', Buffer.from(`x${secret}`).toString('base64')],
    ['base64 at offset 2', Buffer.from(`xy${secret}`).toString('base64')],
    ['base64url', Buffer.from(`?${secret}`).toString('base64url')],
    ['hex', Buffer.from(secret).toString('hex')],
    ['upper-case hex', Buffer.from(secret).toString('hex').toUpperCase()],
    ['URL-encoded', encodeURIComponent(`${secret}/&`)],
    ['every byte percent-encoded', [...Buffer.from(secret)].map((b) => `%${b.toString(16)}`).join('')],
    ['reversed', [...secret].reverse().join('')],
    ['split by zero-width spaces', [...secret].join('\u200B')],
    ['split by soft hyphens and joiners', [...secret].join('\u00AD\u200D')],
    ['split over two lines', `${secret.slice(0, 10)}\n${secret.slice(10)}`],
    ['split by spaces', [...secret].join(' ')],
  ];
  it.each(forms)('%s', (_name, form) => {
    const out = r.redact(`before ${form} after`);
    expect(out).toContain(REDACTED);
    expect(out.replace(/[\s\u00AD\u200B\u200D]/g, '')).not.toContain(secret);
    expect(out.startsWith('before ')).toBe(true);
    expect(out.endsWith(' after')).toBe(true);
  });

  it('finds a token shape with invisible characters inside', () => {
    const token = `ghp_${'Ab3'.repeat(12)}`;
    expect(new Redactor().redact(`t=${[...token].join('\u200B')}.`)).toBe(`t=${REDACTED}.`);
  });

  it('leaves text without secrets untouched', () => {
    const text = 'Nothing secret here: canary is a bird, Secret is a word.';
    expect(r.redact(text)).toBe(text);
  });
});

describe('sanitizeRecordDeep', () => {
  it('removes control characters and secrets from every string of a dataset row', () => {
    const r = new Redactor(['canary-Secret-9f8e7d6c5b']);
    expect(
      sanitizeRecordDeep(
        { a: ['x\u001b[1m', { b: Buffer.from('canary-Secret-9f8e7d6c5b').toString('hex') }], n: 1 },
        r,
      ),
    ).toEqual({ a: ['x[1m', { b: REDACTED }], n: 1 });
  });
});
