// Renders an issue thread (opening post, label events, comments) as a self-contained HTML page styled like GitHub.
import { Marked } from 'marked';

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// Just enough TypeScript colouring to read like GitHub's code blocks; one pass, so tokens never overlap.
const TS_TOKEN =
  /(\/\/[^\n]*)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|\b(const|let|var|if|else|return|throw|new|typeof|await|async|function|import|from|export|of|in)\b|\b(null|undefined|true|false|\d+)\b/g;

function highlightTs(code) {
  let out = '';
  let last = 0;
  for (const m of code.matchAll(TS_TOKEN)) {
    out += escapeHtml(code.slice(last, m.index));
    const cls = m[1] ? 'c' : m[2] ? 's' : m[3] ? 'k' : 'n';
    out += `<span class="pl-${cls}">${escapeHtml(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(code.slice(last));
}

function highlightDiff(code) {
  return code
    .split('\n')
    .map((line) => {
      const cls = line.startsWith('+') ? 'pl-mi' : line.startsWith('-') ? 'pl-md' : '';
      return cls ? `<span class="${cls}">${escapeHtml(line)}</span>` : escapeHtml(line);
    })
    .join('\n');
}

const marked = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      const language = (lang ?? '').split(/\s/)[0];
      const body = ['ts', 'typescript', 'js', 'javascript'].includes(language)
        ? highlightTs(text)
        : language === 'diff'
          ? highlightDiff(text)
          : escapeHtml(text);
      return `<pre><code>${body}</code></pre>\n`;
    },
  },
});

const AVATAR_COLOURS = ['#bf3989', '#1f883d', '#0969da', '#8250df', '#bc4c00'];

function avatar(login) {
  const colour =
    login === 'github-actions'
      ? '#2f81f7'
      : AVATAR_COLOURS[[...login].reduce((a, c) => a + c.charCodeAt(0), 0) % AVATAR_COLOURS.length];
  // U+FE0E asks for the text glyph, not the emoji.
  const glyph = login === 'github-actions' ? '▶\uFE0E' : login[0].toUpperCase();
  return `<div class="avatar" style="background:${colour}">${glyph}</div>`;
}

function labelPill({ name, color }) {
  const bg = `#${color}`;
  // Dark text on light labels, as GitHub does.
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i - 1, i + 1), 16));
  const fg = 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#1f2328' : '#ffffff';
  return `<span class="label" style="background:${bg};color:${fg}">${escapeHtml(name)}</span>`;
}

function commentBox({ author, bot, action, edited, body, reactions }) {
  const badge = bot ? ' <span class="badge">bot</span>' : '';
  const editedTag = edited ? '<span class="edited">edited</span>' : '';
  const reactionRow = reactions?.length
    ? `<div class="reactions">${reactions.map((r) => `<span class="reaction">${r}</span>`).join('')}</div>`
    : '';
  return `<div class="item">${avatar(author)}<div class="box">
<div class="box-header"><strong>${escapeHtml(author)}</strong>${badge} <span class="muted">${action}</span>${editedTag}</div>
<div class="markdown-body">${marked.parse(body)}</div>${reactionRow}</div></div>`;
}

function event({ actor, bot, text }) {
  return `<div class="event"><span class="event-icon">🏷️</span><strong>${escapeHtml(actor)}</strong>${bot ? ' <span class="badge">bot</span>' : ''} <span class="muted">${text}</span></div>`;
}

/**
 * thread: { title, number, author, body, reactions, entries: [{ kind: 'comment', author, bot, edited, body } | { kind: 'label', actor, bot, label: {name, color} }] }
 * The page loads nothing: inline CSS, system fonts, and a policy that forbids any request.
 */
export function renderThreadPage(thread) {
  const comments = thread.entries.filter((e) => e.kind === 'comment').length;
  const items = thread.entries.map((e) =>
    e.kind === 'comment'
      ? commentBox({ ...e, action: 'commented' })
      : event({ actor: e.actor, bot: e.bot, text: `added the ${labelPill(e.label)} label` }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(thread.title)} · Issue #${thread.number}</title>
<style>${CSS}</style></head>
<body><main>
<header><h1>${escapeHtml(thread.title)} <span class="number">#${thread.number}</span></h1>
<div class="meta"><span class="state">◉ Open</span><span class="muted"><strong>${escapeHtml(thread.author)}</strong> opened this issue · ${comments} comments</span></div></header>
<div class="timeline">
${commentBox({ author: thread.author, action: 'opened this issue', body: thread.body, reactions: thread.reactions })}
${items.join('\n')}
</div></main>
<script>document.documentElement.dataset.height = Math.ceil(document.documentElement.getBoundingClientRect().height);</script>
</body></html>
`;
}

const CSS = `
* { box-sizing: border-box; }
html { background: #ffffff; }
body { margin: 0; color: #1f2328; font: 14px/1.5 "Segoe UI", "Noto Sans", "Liberation Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
main { width: 920px; margin: 0 auto; padding: 24px 0 32px; }
header { border-bottom: 1px solid #d1d9e0; padding-bottom: 16px; margin-bottom: 24px; }
h1 { font-size: 32px; font-weight: 400; margin: 0 0 8px; line-height: 1.25; }
h1 .number { color: #59636e; font-weight: 300; }
.meta { display: flex; align-items: center; gap: 8px; }
.state { background: #1f883d; color: #fff; border-radius: 2em; padding: 5px 12px; font-weight: 500; }
.muted { color: #59636e; }
.timeline { position: relative; }
.timeline::before { content: ""; position: absolute; top: 0; bottom: 0; left: 72px; width: 2px; background: #d1d9e0; }
.item { position: relative; display: flex; gap: 16px; margin-bottom: 16px; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; color: #fff; font-weight: 600; font-size: 18px; display: flex; align-items: center; justify-content: center; }
.box { position: relative; flex: 1; min-width: 0; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; }
.box-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; padding: 8px 16px; }
.badge { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; color: #59636e; font-weight: 500; }
.edited { float: right; color: #59636e; }
.event { position: relative; margin: 0 0 16px 56px; padding: 4px 0; display: flex; align-items: center; gap: 6px; }
.event-icon { width: 32px; height: 32px; border-radius: 50%; background: #eff2f5; border: 2px solid #fff; display: flex; align-items: center; justify-content: center; font-size: 14px; margin-right: 4px; }
.label { border-radius: 2em; padding: 0 7px; font-size: 12px; font-weight: 500; line-height: 20px; display: inline-block; }
.reactions { padding: 0 16px 16px; }
.reaction { display: inline-block; border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 8px; font-size: 12px; line-height: 24px; background: #f6f8fa; }
.markdown-body { padding: 16px; overflow-wrap: break-word; }
.markdown-body > :first-child { margin-top: 0 !important; }
.markdown-body > :last-child { margin-bottom: 0 !important; }
.markdown-body p, .markdown-body ul, .markdown-body ol, .markdown-body table, .markdown-body pre, .markdown-body details, .markdown-body blockquote { margin: 0 0 16px; }
.markdown-body h2, .markdown-body h3 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
.markdown-body h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body ul, .markdown-body ol { padding-left: 2em; }
.markdown-body a { color: #0969da; text-decoration: underline; text-underline-offset: .2rem; }
.markdown-body code { font: 85% "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; background: #818b981f; border-radius: 6px; padding: .2em .4em; }
.markdown-body pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; line-height: 1.45; }
.markdown-body pre code { background: none; padding: 0; font-size: 85%; }
.markdown-body table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
.markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 6px 13px; }
.markdown-body th { font-weight: 600; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body sub { font-size: 75%; color: inherit; }
.markdown-body details summary { cursor: pointer; }
.markdown-body blockquote { color: #59636e; border-left: .25em solid #d1d9e0; padding: 0 1em; margin-left: 0; }
.pl-k { color: #cf222e; } .pl-s { color: #0a3069; } .pl-c { color: #59636e; } .pl-n { color: #0550ae; }
.pl-mi { display: inline-block; width: 100%; color: #116329; background: #dafbe1; }
.pl-md { display: inline-block; width: 100%; color: #82071e; background: #ffebe9; }
`;
