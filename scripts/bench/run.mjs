#!/usr/bin/env node
// `npm run bench`: runs the bundled action the way a runner does against the fake GitHub with stand-in agents, measures
// wall time, the agents' floor, our overhead, spawn latency, API requests, the tail and peak RSS, and compares with a
// naive sequential baseline. Prints the tables; without --smoke also writes docs/benchmarks.md and docs/benchmarks.svg.
//   --dist <file>      the bundled action (default dist/index.js)
//   --bundle           bundle the working tree first (scripts/bundle.mjs into a temporary folder) and run that
//   --latency <ms>     fake GitHub latency per request (default 50)
//   --only <ids>       comma-separated scenario ids (ai-review-3, ai-review-8, ai-review-32, big-output, persona-data, relay-pipeline)
//   --smoke            N = 3 only, 200 ms agents, no spacing, no files written (CI)
//   --trace            also print each run's timeline: requests and agent starts and exits, in ms from the start
//   --no-doc           do not write the doc and plot
//   --from <json>      write the doc and plot from a saved run (every run saves <tmpdir>/ai-orchestra-bench-last.json)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderDoc } from './doc.mjs';
import { loadFixtures } from './fixtures.mjs';
import { printScenario, renderPlotFor } from './report.mjs';
import { runActionOnce, runNaiveOnce } from './scenarios.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: join(ROOT, 'dist', 'index.js') },
    bundle: { type: 'boolean', default: false },
    latency: { type: 'string', default: '50' },
    only: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    from: { type: 'string' },
  },
});
/** `--bundle`: the action as the working tree would bundle it, in a temporary folder (dist/ is left alone). */
function bundleWorkingTree() {
  const outdir = mkdtempSync(join(tmpdir(), 'ai-orchestra-bench-dist-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), '--outdir', outdir], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return join(outdir, 'index.js');
}

/** Which source was measured: the commit, and whether the working tree had changes on top of it. */
function sourceDescription() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src'], {
        cwd: ROOT,
        encoding: 'utf8',
      }).trim() !== '';
    return `${commit}${dirty ? ' with uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

// Described before bundling: the source may change while the benchmark runs (others commit meanwhile).
const source = opts.from ? '' : sourceDescription();
const dist = opts.from ? '' : opts.bundle ? bundleWorkingTree() : resolve(opts.dist);
const latencyMs = Number(opts.latency);
if (!opts.from && !existsSync(dist))
  throw new Error(`${dist} does not exist: run \`npm run bundle\` (or pass --dist).`);

const agents = (n, delayMs, extra = {}) =>
  Array.from({ length: n }, (_, i) => ({
    name: `a${String(i + 1).padStart(2, '0')}`,
    role: 'answer',
    delayMs,
    ...extra,
  }));
const reviewer = (delayMs) => ({ name: 'judge', role: 'reviewer', delayMs });

// Runs without spacing are short and measure our own code, so they are repeated and the median kept.
const VARIANTS = {
  main: { throttle: 'default', mode: 'per-agent', label: 'per-agent comments, GitHub spacing' },
  combined: { throttle: 'default', mode: 'combined', label: 'combined answers, GitHub spacing' },
  mainFree: { throttle: 'none', mode: 'per-agent', label: 'per-agent comments, no spacing', repeat: 3 },
  combinedFree: { throttle: 'none', mode: 'combined', label: 'combined answers, no spacing', repeat: 3 },
  shellFree: {
    throttle: 'none',
    mode: 'per-agent',
    agents: 'shell',
    label: 'per-agent comments, no spacing, sh stand-in agents',
    repeat: 3,
  },
  spaced: { throttle: 'default', label: 'GitHub spacing' },
  free: { throttle: 'none', label: 'no spacing', repeat: 3 },
};
const RELAY_STAGES = [
  {
    stage: 'implement',
    verdict: 'DONE',
    write: { 'src/empty-list.js': 'export const render = (items) => (items.length ? items.join(",") : "");\n' },
  },
  { stage: 'test', verdict: 'PASS' },
  { stage: 'review', verdict: 'APPROVED' },
];

function scenarios() {
  if (opts.smoke) {
    return [
      {
        id: 'ai-review-3',
        title: 'ai-review, 3 agents of 0.2 s, reviewer 0.2 s (smoke)',
        n: 3,
        agents: agents(3, 200),
        reviewer: reviewer(200),
        variants: [VARIANTS.mainFree],
        baselines: ['none'],
      },
    ];
  }
  const review = [3, 8, 32].map((n) => ({
    id: `ai-review-${n}`,
    title: `ai-review, ${n} agents of 2 s each, reviewer 2 s`,
    n,
    agents: agents(n, 2_000),
    reviewer: reviewer(2_000),
    variants: [
      VARIANTS.main,
      VARIANTS.combined,
      VARIANTS.mainFree,
      VARIANTS.combinedFree,
      ...(n === 32 ? [VARIANTS.shellFree] : []),
    ],
    baselines: ['default', 'none'],
  }));
  return [
    ...review,
    {
      id: 'big-output',
      title: 'ai-review, one agent printing 200 MB, reviewer 2 s',
      n: 1,
      agents: agents(1, 0, { outputBytes: 200 * 1024 * 1024 }),
      reviewer: reviewer(2_000),
      variants: [VARIANTS.main],
      baselines: [],
    },
    {
      id: 'persona-data',
      title: 'persona-data, 6 personas of 2 s each (no dpo pair, so no reviewer)',
      pipeline: 'persona-data',
      n: 6,
      agents: agents(6, 2_000),
      variants: [VARIANTS.spaced, VARIANTS.free],
      baselines: ['default', 'none'],
    },
    {
      id: 'relay-pipeline',
      title: 'relay-pipeline, 3 stages of 1 s each (implement → test → review, branch pushed, pull request opened)',
      pipeline: 'relay-pipeline',
      n: 3,
      floorShape: 'sequential',
      agents: RELAY_STAGES.map((s, i) => ({
        name: `s${i + 1}`,
        role: 'answer',
        delayMs: 1_000,
        answer: `Stage ${s.stage} done.\n\nVERDICT: ${s.verdict} — all good`,
        ...s,
      })),
      variants: [VARIANTS.spaced, VARIANTS.free],
      baselines: [],
    },
  ];
}

/** Runs a variant `repeat` times and keeps the run with the median wall time. */
async function measureVariant(fx, scenario, variant) {
  const runs = [];
  for (let i = 0; i < (variant.repeat ?? 1); i++)
    runs.push(await runActionOnce(fx, { dist, latencyMs, scenario, variant }));
  runs.sort((a, b) => a.metrics.wallMs - b.metrics.wallMs);
  return { ...runs[Math.floor(runs.length / 2)], repeats: runs.length };
}

async function measureAll() {
  const fx = await loadFixtures(ROOT);
  const wanted = opts.only?.split(',').map((id) => id.trim());
  const results = [];
  const started = Date.now();
  const load = loadavg();
  for (const scenario of scenarios().filter((x) => !wanted || wanted.includes(x.id))) {
    const result = { scenario, rows: [], baselines: [] };
    for (const variant of scenario.variants) {
      process.stderr.write(
        `bench: ${scenario.id} · ${variant.label}${variant.repeat ? ` (median of ${variant.repeat})` : ''}…\n`,
      );
      const { stdout: _log, timeline, ...row } = await measureVariant(fx, scenario, variant);
      if (opts.trace) process.stderr.write(`${timeline.join('\n')}\n`);
      // An older bundle answers that the pipeline is not available in its version: say so instead of measuring nothing.
      if (row.unavailable) {
        result.unavailable = row.unavailable;
        break;
      }
      result.rows.push({ variant, ...row });
    }
    for (const throttle of result.unavailable ? [] : scenario.baselines) {
      process.stderr.write(
        `bench: ${scenario.id} · naive baseline (${throttle === 'none' ? 'no spacing' : 'GitHub spacing'})…\n`,
      );
      result.baselines.push({ throttle, ...(await runNaiveOnce(fx, { latencyMs, scenario, throttle })) });
    }
    printScenario(result);
    results.push(result);
  }
  const benchMs = Date.now() - started;
  process.stdout.write(`\nbench: ${results.length} scenario(s) in ${(benchMs / 1000).toFixed(1)} s\n`);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const measured = opts.bundle ? `a fresh bundle of ${source}` : `${relative(ROOT, dist)} (source ${source})`;
  return { results, command, dist: measured, latencyMs, benchMs, load };
}

const run = opts.from ? JSON.parse(readFileSync(opts.from, 'utf8')) : await measureAll();
if (!opts.from) writeFileSync(join(tmpdir(), 'ai-orchestra-bench-last.json'), JSON.stringify(run));
// The smoke run (CI) has no timing thresholds, but a run of the action that did not succeed means the benchmark is broken.
const failed = run.results.flatMap((r) =>
  r.rows
    .filter((row) => row.status !== 'success')
    .map((row) => `${r.scenario.id} (${row.variant.label}): ${row.status} ${row.error ?? ''}`),
);
if (opts.smoke && failed.length > 0) {
  process.stderr.write(`bench: the action did not succeed:\n${failed.join('\n')}\n`);
  process.exitCode = 1;
}
if (!opts.smoke && !opts['no-doc']) {
  writeFileSync(join(ROOT, 'docs', 'benchmarks.svg'), renderPlotFor(run.results));
  writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), renderDoc(run));
  process.stdout.write('bench: wrote docs/benchmarks.md and docs/benchmarks.svg\n');
}
