// The one output sanitizer: what we post (comments, stage reports, PR bodies, the job summary) and what we write
// (datasets) carries no secret in any encoding, no control character, no mention, no beacon to a foreign host,
// and agent text cannot close or forge our layout.
import type { Nodes } from 'mdast';
import { applyEdits, type Edit, endOf, parseMarkdown, startOf, walk } from './markdown-tree.js';
import type { Redactor } from './redact.js';

// C0 controls except tab and newline (ESC, NUL, BEL, CR...), DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function stripControls(text: string): string {
  return text.replace(CONTROL, '');
}

/** Hosts whose links and images stay live: the GitHub server of the run, and the repository owner's pages. */
export function allowedHostsFor(env: { serverUrl?: string; repository?: string }): string[] {
  const hosts = new Set<string>();
  try {
    hosts.add(new URL(env.serverUrl || 'https://github.com').host.toLowerCase());
  } catch {
    hosts.add('github.com');
  }
  // github.com serves attachments and avatars from these; they belong to GitHub, not to a stranger.
  if (hosts.has('github.com'))
    for (const host of ['user-images.githubusercontent.com', 'private-user-images.githubusercontent.com'])
      hosts.add(host);
  const owner = env.repository?.split('/')[0];
  if (owner) hosts.add(`${owner.toLowerCase()}.github.io`);
  return [...hosts];
}

/** The allow-list of this process's run, from the variables the Actions runner sets. */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return allowedHostsFor({ serverUrl: env.GITHUB_SERVER_URL, repository: env.GITHUB_REPOSITORY });
}

/** Inline code that shows `text` literally, whatever backticks it holds. */
function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// `<` that Markdown would not read as literal text: anything not already escaped by a backslash.
const escapeAngles = (source: string): string => source.replace(/(?<!\\)</g, '&lt;');

const NEEDS_NEUTRALIZING = /<|\[\^|^ {0,3}(?:#|=|-|`{3}|~{3})/m;

/** Whether an opening code fence in `source` (a fenced code node) is closed by the node's last line. */
function fenceClosed(source: string): { closed: boolean; fence: string } {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(source);
  if (!open) return { closed: true, fence: '' };
  const fence = open[1]!;
  const lines = source.split('\n');
  const last = lines.length > 1 ? lines.at(-1)!.trim() : '';
  return { closed: last.length >= fence.length && [...last].every((c) => c === fence[0]), fence };
}

/**
 * Agent text (an answer, a review, an error) ready to sit inside our layout: raw HTML shown as text (so it can
 * neither close our `<details>`/`<sub>` nor forge our `<!-- ai-orchestra -->` markers), footnotes kept in place
 * (GitHub would move them below our footer), headings kept below our own headline levels, and an unclosed code fence
 * closed (so it cannot swallow what follows).
 */
export function neutralizeAgentMarkdown(text: string): string {
  const source = stripControls(text);
  // Nothing to neutralize (no HTML, footnote, heading or fence): skip the parse, which long answers make slow.
  if (!NEEDS_NEUTRALIZING.test(source)) return source;
  const edits: Edit[] = [];
  let openFence = '';
  walk(parseMarkdown(source), (node) => {
    const range = { start: startOf(node), end: endOf(node) };
    switch (node.type) {
      case 'html':
      case 'text':
        if (source.slice(range.start, range.end).includes('<'))
          edits.push({ ...range, text: escapeAngles(source.slice(range.start, range.end)) });
        return false;
      case 'footnoteDefinition':
      case 'footnoteReference':
        edits.push({ start: range.start, end: range.start + 1, text: '\\[' });
        return node.type === 'footnoteDefinition';
      case 'code': {
        const fence = fenceClosed(source.slice(range.start, range.end));
        if (!fence.closed && range.end >= source.trimEnd().length) openFence = fence.fence;
        return false;
      }
      case 'inlineCode':
        return false;
      case 'heading':
        // Our own headlines are levels 2 and 3: an agent's heading stays below them.
        if (node.depth < 4 && node.children.length > 0) {
          edits.push({ start: range.start, end: startOf(node.children[0]!), text: '#### ' });
          edits.push({ start: endOf(node.children.at(-1)!), end: range.end, text: '' });
        }
        return true;
    }
    return true;
  });
  const out = applyEdits(source, edits);
  return openFence ? `${out.trimEnd()}\n${openFence}` : out;
}

// The HTML our renderers write: these tags without attributes, and our own hidden markers.
const LAYOUT_TAG = /^<\/?(?:details|summary|sub|sup|br|b|i|em|strong|code|kbd|p)\s*\/?>$/i;
const OUR_MARKER = /^<!-- ai-orchestra:[^<>]*-->$/;
const HTML_PIECE = /<!--[\s\S]*?-->|<[^<>]*>?/g;

/** Whether a raw HTML node holds only our layout: any other tag, attribute or comment is shown as text instead. */
function isLayoutHtml(html: string): boolean {
  return [...html.matchAll(HTML_PIECE)].every((m) => LAYOUT_TAG.test(m[0]) || OUR_MARKER.test(m[0]));
}

// `@user` and `@org/team` as GitHub links them: after a non-word character, not inside an e-mail address.
const MENTION = /(^|[^A-Za-z0-9_`@.\\/-])@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?)/g;

/** A link's destination is live when it stays on an allowed host, is relative, or is an e-mail address. */
function isAllowedUrl(url: string, hosts: readonly string[]): boolean {
  if (/^mailto:/i.test(url)) return true;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//')) return true;
  try {
    const parsed = new URL(url, 'https://relative.invalid');
    return /^https?:$/.test(parsed.protocol) && hosts.includes(parsed.host.toLowerCase());
  } catch {
    return false;
  }
}

function postingEdits(source: string, hosts: readonly string[]): Edit[] {
  const edits: Edit[] = [];
  walk(parseMarkdown(source), (node: Nodes) => {
    const range = { start: startOf(node), end: endOf(node) };
    const raw = source.slice(range.start, range.end);
    switch (node.type) {
      case 'code':
      case 'inlineCode':
        return false;
      case 'html':
        if (!isLayoutHtml(raw)) edits.push({ ...range, text: escapeAngles(raw) });
        return false;
      case 'text': {
        const neutral = raw.replace(
          MENTION,
          (_m, before: string, name: string) => `${before}${inlineCode(`@${name}`)}`,
        );
        if (neutral !== raw) edits.push({ ...range, text: neutral });
        return false;
      }
      case 'image':
        if (!isAllowedUrl(node.url, hosts)) edits.push({ ...range, text: `[image: ${inlineCode(node.url)}]` });
        return false;
      case 'link':
        if (isAllowedUrl(node.url, hosts)) return true;
        // A bare URL (GFM autolink) shows just the URL; a link keeps its words and shows where it pointed.
        edits.push({
          ...range,
          text:
            raw === node.url || raw === `<${node.url}>`
              ? inlineCode(node.url)
              : `${inlineCode(textOf(node))} (${inlineCode(node.url)})`,
        });
        return false;
      case 'definition':
        if (!isAllowedUrl(node.url, hosts)) edits.push({ ...range, text: inlineCode(raw) });
        return false;
    }
    return true;
  });
  return edits;
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  return 'children' in node ? node.children.map((child) => textOf(child as Nodes)).join('') : '';
}

/**
 * Markdown about to be posted to GitHub or written where people read it: control characters removed, known
 * secrets redacted in every form, mentions outside code shown as code (GitHub notifies nobody for a mention in
 * code, and a reader still sees who was meant), links and images to hosts outside `hosts` turned into inert
 * code text, and raw HTML other than our own layout shown as text.
 */
export function sanitizeOutput(
  markdown: string,
  redactor: Pick<Redactor, 'redact'>,
  hosts: readonly string[] = allowedHostsFromEnv(),
): string {
  const source = redactor.redact(stripControls(markdown));
  return applyEdits(source, postingEdits(source, hosts));
}

/** Text of a record or dataset row (not rendered as Markdown): control characters removed, secrets redacted. */
export function sanitizeRecordText(text: string, redactor: Pick<Redactor, 'redact'>): string {
  return redactor.redact(stripControls(text));
}

/** `sanitizeRecordText` for every string inside a JSON-like value. */
export function sanitizeRecordDeep<T>(value: T, redactor: Pick<Redactor, 'redact'>): T {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? sanitizeRecordText(v, redactor) : v)),
  ) as T;
}
