// Scripted stand-ins for claude, gemini and codex in the README example: distinct answers through the fake CLIs.
//
// Usage: node stand-in-agents.mjs <claude|gemini|codex> [the real CLI's arguments...]
// The fake CLIs (__fixtures__/bin) answer with one FAKE_ANSWER for every CLI, and the action passes agents only
// an allow-list of variables; so this shim picks the agent's answer itself and runs the fake CLI with it. As the
// reviewer, it reads which letter each answer got (the order is random) and writes its review with those letters.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FAKE_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '__fixtures__', 'bin');

const ANSWERS = {
  claude: `The crash comes from \`loadConfig()\` in \`src/config.ts\`: \`YAML.parse('')\` returns \`null\` for an empty document (and for a file with only comments), and the next line reads \`raw.targets\` from it.

An empty file most likely means "nothing to configure yet", so treat it like a missing file and use the defaults. Anything that is not a mapping gets an error that names the file:

\`\`\`ts
const raw = YAML.parse(text) ?? {};
if (typeof raw !== 'object' || Array.isArray(raw)) {
  throw new ConfigError(\`\${file}: expected a mapping of settings\`);
}
return { ...DEFAULTS, ...raw };
\`\`\`

Tests worth adding: an empty file, a file with only \`# comments\`, and a file containing \`[]\`.`,

  gemini: `**Cause.** \`parseConfig()\` hands the result of \`YAML.parse()\` straight to \`validateConfig()\`, which assumes an object. For an empty \`widgets.yml\` the parser returns \`null\`, hence the \`TypeError\`.

**Proposed change.** Fail early, with a message that says what to do:

\`\`\`ts
if (raw == null) {
  throw new ConfigError('widgets.yml is empty: add a \`targets:\` list or delete the file.');
}
\`\`\`

**Open question.** Silently using the defaults would hide a file that was emptied by accident (a failed template render, a bad merge); an explicit error is safer.`,

  codex: `\`src/config.ts:42\` dereferences the parse result without a null check. Minimal fix:

\`\`\`diff
-  const raw = YAML.parse(text);
+  const raw = YAML.parse(text) ?? {};
\`\`\`

Regression test for \`test/config.test.ts\`:

\`\`\`ts
it('builds with the defaults when widgets.yml is empty', async () => {
  await writeFile(join(dir, 'widgets.yml'), '');
  await expect(loadConfig(dir)).resolves.toEqual(DEFAULTS);
});
\`\`\``,
};

// {claude}, {gemini}, {codex} become the letters those answers were given.
const REVIEW = `### Synthesis
\`YAML.parse()\` returns \`null\` for an empty or comment-only \`widgets.yml\`, and \`loadConfig()\` reads properties of that \`null\`. Treat such a file like a missing one and use the defaults, as answers {claude} and {codex} do, but reject any other non-mapping (\`[]\`, a bare string) with an error that names the file, as answer {claude} proposes:

\`\`\`ts
const raw = YAML.parse(text) ?? {};
if (typeof raw !== 'object' || Array.isArray(raw)) {
  throw new ConfigError(\`\${file}: expected a mapping of settings\`);
}
\`\`\`

Keep the regression test of answer {codex} and add cases for a comment-only file and for \`[]\`.

### Disagreements
- **Empty file: defaults or an error?** Answer {gemini} wants an error; {claude} and {codex} use the defaults. The defaults are right: the issue accepts either, and an empty file then behaves like a missing one.
- **Content that is not a mapping:** only answer {claude} rejects \`[]\` or a bare string; the patch in {codex} accepts them silently.

### Ranking
1. {claude} — correct fix, also rejects content that is not a mapping, names the tests
2. {codex} — minimal correct patch with a regression test, but accepts \`[]\`
3. {gemini} — right diagnosis, but an error is the less helpful behaviour`;

// Plausible, distinct run times (the fake CLIs answer at once otherwise).
const ANSWER_DELAY_MS = { claude: 2300, gemini: 1700, codex: 2900 };
const REVIEW_DELAY_MS = 1900;

/** Letter of each agent's answer in a reviewer prompt, e.g. { claude: 'B', ... }; undefined for an answer prompt. */
function lettersOf(prompt) {
  const letters = {};
  for (const m of prompt.matchAll(/^--- BEGIN ANSWER ([A-Z][0-9]*) ---\n([\s\S]*?)^--- END ANSWER \1 ---$/gm)) {
    const agent = Object.keys(ANSWERS).find((name) => m[2].trim() === ANSWERS[name].trim());
    if (agent) letters[agent] = m[1];
  }
  return Object.keys(letters).length > 0 ? letters : undefined;
}

function review(letters) {
  return REVIEW.replace(/\{(\w+)\}/g, (whole, agent) => letters[agent] ?? whole);
}

function readStdin() {
  const chunks = [];
  return new Promise((resolve, reject) => {
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Writes executables named claude, gemini and codex into `dir` that run this shim; put `dir` first on PATH. */
export function installStandIns(dir) {
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  for (const cli of Object.keys(ANSWERS)) {
    const file = join(dir, cli);
    writeFileSync(
      file,
      `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(fileURLToPath(import.meta.url))} ${cli} "$@"\n`,
    );
    chmodSync(file, 0o755);
  }
}

async function runStandIn(cli, args) {
  const prompt = await readStdin();
  const letters = lettersOf(prompt);
  const env = {
    ...process.env,
    FAKE_ANSWER: ANSWERS[cli],
    FAKE_DELAY_MS: String(letters ? REVIEW_DELAY_MS : ANSWER_DELAY_MS[cli]),
    ...(letters ? { FAKE_REVIEW: review(letters) } : {}),
  };
  const result = spawnSync(process.execPath, [join(FAKE_BIN, cli), ...args], {
    input: prompt,
    env,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cli, ...args] = process.argv.slice(2);
  if (!cli || !(cli in ANSWERS)) {
    console.error(`stand-in-agents: unknown agent "${cli ?? ''}" (expected ${Object.keys(ANSWERS).join(', ')})`);
    process.exitCode = 64;
  } else {
    await runStandIn(cli, args);
  }
}
