// Renders the inputs and outputs tables of README.md from action.yml, between marker comments; `--check` only compares.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ACTION_FILE = join(root, 'action.yml');
const README_FILE = join(root, 'README.md');
const check = process.argv.includes('--check');

/** One table cell: a `|` would end the cell and a newline the row. Blank lines stay visible as breaks. */
function cell(text) {
  return String(text ?? '')
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.replace(/\s*\r?\n\s*/g, ' '))
    .join('<br><br>')
    .replace(/\|/g, '\\|');
}

/** A code span that the value's own backticks cannot close; empty when there is no value. */
function code(value) {
  const text = cell(value);
  if (text === '') return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function inputsTable(inputs) {
  return [
    '| Name | Description | Default | Required |',
    '|---|---|---|---|',
    ...Object.entries(inputs ?? {}).map(
      ([name, spec]) =>
        `| \`${name}\` | ${cell(spec?.description)} | ${code(spec?.default)} | ${spec?.required === true ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

function outputsTable(outputs) {
  return [
    '| Name | Description |',
    '|---|---|',
    ...Object.entries(outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec?.description)} |`),
  ].join('\n');
}

/** Replaces what lies between `<!-- <region>:start -->` and `<!-- <region>:end -->`; throws when the markers are unusable. */
function replaceRegion(text, region, content) {
  const start = `<!-- ${region}:start -->`;
  const end = `<!-- ${region}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0)
    throw new Error(
      `README.md has no "${start}" … "${end}" region; add both markers where the ${region} table belongs.`,
    );
  if (to < from || text.indexOf(start, from + 1) >= 0 || text.indexOf(end, to + 1) >= 0) {
    throw new Error(`README.md: the ${region} markers must appear once each, "${start}" before "${end}".`);
  }
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`;
}

function placeholderReadme(title) {
  return [
    `# ${title}`,
    '',
    '<!-- inputs:start -->',
    '<!-- inputs:end -->',
    '',
    '<!-- outputs:start -->',
    '<!-- outputs:end -->',
    '',
  ].join('\n');
}

function main() {
  const action = parse(readFileSync(ACTION_FILE, 'utf8'));
  const exists = existsSync(README_FILE);
  if (!exists && check) {
    console.error('README.md does not exist. Run `npm run readme` to create it.');
    return 1;
  }
  const current = exists ? readFileSync(README_FILE, 'utf8') : placeholderReadme(action.name ?? 'README');
  // Work in LF, write back in the file's own line endings.
  const crlf = current.includes('\r\n');
  const before = current.replace(/\r\n/g, '\n');
  const regions = { inputs: inputsTable(action.inputs), outputs: outputsTable(action.outputs) };
  let after = before;
  const stale = [];
  for (const [region, table] of Object.entries(regions)) {
    const next = replaceRegion(after, region, table);
    if (next !== after) stale.push(region);
    after = next;
  }
  if (check) {
    if (stale.length === 0) {
      console.log('README.md: the inputs and outputs tables match action.yml.');
      return 0;
    }
    console.error(
      `README.md is out of date in the ${stale.join(' and ')} region${stale.length > 1 ? 's' : ''}. Run \`npm run readme\` and commit README.md.`,
    );
    return 1;
  }
  if (exists && stale.length === 0) {
    console.log('README.md is up to date.');
    return 0;
  }
  writeFileSync(README_FILE, crlf ? after.replace(/\n/g, '\r\n') : after);
  console.log(
    exists
      ? `README.md: rewrote the ${stale.join(' and ')} region${stale.length > 1 ? 's' : ''}.`
      : 'README.md created with the inputs and outputs tables.',
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
