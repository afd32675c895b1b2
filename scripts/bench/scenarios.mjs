// Runs one benchmark scenario: the bundled action as the runner starts it, or the naive baseline, against a fresh fake GitHub.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureRun } from './measure.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const AGENT = join(HERE, 'agent.mjs');
const SHELL_AGENT = join(HERE, 'agent.sh');
const PROBE = pathToFileURL(join(HERE, 'rss-probe.mjs')).href;

/** The throttling plugin's spacing (what runs on GitHub), and none (what our own code costs). */
export const RULES = { default: { writeMs: 1_000, createMs: 3_000 }, none: { writeMs: 0, createMs: 0 } };

const ISSUE = {
  number: 42,
  title: 'Widgets crash when the list is empty',
  body: 'Calling `render([])` throws `TypeError: cannot read properties of undefined`.',
};

/** The bench agent's environment for one agent: delay, output size or text, files it writes. */
function agentEnv(agent, recordDir) {
  const env = {
    BENCH_DELAY_MS: String(agent.delayMs),
    BENCH_RECORD_DIR: recordDir,
    BENCH_NAME: agent.name,
    BENCH_ROLE: agent.role,
  };
  if (agent.outputBytes) env.BENCH_OUTPUT_BYTES = String(agent.outputBytes);
  if (agent.answer) env.BENCH_ANSWER = agent.answer;
  if (agent.write) env.BENCH_WRITE = JSON.stringify(agent.write);
  return env;
}

/** One agent definition: name, role, delay and output size; `shell` agents are the sh stand-in (no Node start-up). */
function agentYaml(agent, recordDir, shell = false) {
  const env = agentEnv(agent, recordDir);
  return [
    `  ${agent.name}:`,
    `    command: ${JSON.stringify(shell ? ['/bin/sh', SHELL_AGENT] : [process.execPath, AGENT])}`,
    '    timeout: 600',
    '    env:',
    ...Object.entries(env).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
  ];
}

/** ai-review with every answer agent in parallel (max-parallel covers them all, so the floor is one agent + the reviewer). */
export function reviewConfig(scenario, recordDir, variant) {
  const shell = variant?.agents === 'shell';
  const lines = [
    'agents:',
    ...scenario.agents.flatMap((a) => agentYaml(a, recordDir, shell)),
    ...agentYaml(scenario.reviewer, recordDir, shell),
  ];
  lines.push(
    'pipelines:',
    '  ai-review:',
    `    agents: ${JSON.stringify(scenario.agents.map((a) => a.name))}`,
    `    reviewer: ${scenario.reviewer.name}`,
    'settings:',
    `  max-parallel: ${scenario.agents.length}`,
  );
  if (variant.mode && variant.mode !== 'per-agent') lines.push(`  comment-mode: ${variant.mode}`);
  return `${lines.join('\n')}\n`;
}

/** persona-data: one persona per agent, all in parallel; no dpo pair, so no reviewer (the floor is the slowest persona). */
export function personaConfig(scenario, recordDir) {
  const lines = ['agents:', ...scenario.agents.flatMap((a) => agentYaml(a, recordDir))];
  lines.push('pipelines:', '  persona-data:', '    formats: ["openai-chat", "trl-sft"]', '    personas:');
  for (const a of scenario.agents)
    lines.push(
      `      - name: persona-${a.name}`,
      `        agent: ${a.name}`,
      `        style: "Answer as ${a.name} would."`,
      `        focus: ["${a.name}"]`,
    );
  lines.push('settings:', `  max-parallel: ${scenario.agents.length}`);
  return `${lines.join('\n')}\n`;
}

/** relay-pipeline: the stages one after another, each passing in round 1; no pull request (the branch is still pushed). */
export function relayConfig(scenario, recordDir) {
  const lines = ['agents:', ...scenario.agents.flatMap((a) => agentYaml(a, recordDir))];
  lines.push('pipelines:', '  relay-pipeline:', '    stages:');
  for (const a of scenario.agents) {
    lines.push(`      - name: ${a.stage}`, `        agent: ${a.name}`, `        pass: [${a.verdict}]`);
    if (a.write) lines.push('        write: true');
  }
  return `${lines.join('\n')}\n`;
}

const CONFIGS = { 'ai-review': reviewConfig, 'persona-data': personaConfig, 'relay-pipeline': relayConfig };

function git(cwd, ...args) {
  execFileSync(
    'git',
    ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'init.defaultBranch=main', ...args],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
      stdio: 'ignore',
    },
  );
}

/** The relay works in a git checkout whose origin (a local bare repository) it pushes its branch to. */
function gitWorkspace(scratch) {
  const bare = join(scratch, 'origin.git');
  git(scratch, 'init', '--quiet', '--bare', bare);
  return async (workspace) => {
    git(workspace, 'init', '--quiet');
    git(workspace, 'add', '--all');
    git(workspace, 'commit', '--quiet', '-m', 'initial');
    git(workspace, 'remote', 'add', 'origin', bare);
    git(workspace, 'push', '--quiet', 'origin', 'main');
  };
}

function readRecords(dir) {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  } catch {
    return [];
  }
}

/** Last `::error::` line of the action, or the last stderr line, for the result column. */
function failureText(run) {
  const errors = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.startsWith('::error::'));
  const text = (errors.at(-1) ?? run.stderr.trim().split('\n').at(-1) ?? '')
    .replace(/^::error::/, '')
    .replace(/%0A/g, ' ');
  return text.length > 160 ? `${text.slice(0, 160).replace(/\s+\S*$/, '')}…` : text;
}

/** What happened when, in ms from the action's start: requests (with the comment they write) and agents (for --trace). */
function timeline(startedAt, wallMs, requests, records) {
  const events = requests.map((r) => {
    const key = typeof r.body === 'object' && r.body ? /key=(\S+) -->/.exec(String(r.body.body ?? ''))?.[1] : undefined;
    return [r.time - startedAt, `${r.method} ${r.pathname}${key ? ` (${key})` : ''}`];
  });
  for (const a of records)
    events.push([a.startedAt - startedAt, `start ${a.name}`], [a.exitAt - startedAt, `exit ${a.name}`]);
  events.push([wallMs, 'action exits']);
  return events.sort((a, b) => a[0] - b[0]).map(([t, what]) => `${String(Math.round(t)).padStart(7)} ms  ${what}`);
}

/** Runs the bundled action once; returns the figures, the action's own result and the comments it left. */
export async function runActionOnce(fx, { dist, latencyMs, scenario, variant }) {
  const pipeline = scenario.pipeline ?? 'ai-review';
  const gh = await fx.startFakeGitHub({ latencyMs });
  const scratch = mkdtempSync(join(tmpdir(), 'ai-orchestra-bench-'));
  const recordDir = join(scratch, 'records');
  mkdirSync(recordDir);
  const rssFile = join(scratch, 'rss-kb');
  let run;
  try {
    const event = fx.makeIssueEvent({ number: ISSUE.number, title: ISSUE.title, body: ISSUE.body, label: pipeline });
    fx.seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    run = await fx.runAction({
      event,
      github: gh,
      entry: dist,
      nodeArgs: ['--import', PROBE],
      configYaml: CONFIGS[pipeline](scenario, recordDir, variant),
      files: { 'README.md': '# widgets\n', 'src/render.js': 'export const render = (items) => items.join(",");\n' },
      ...(pipeline === 'relay-pipeline' ? { prepareWorkspace: gitWorkspace(scratch) } : {}),
      pathPrepend: [fx.FIXTURES_BIN],
      env: {
        AI_ORCHESTRA_BENCH_RSS_FILE: rssFile,
        ...(variant.throttle === 'none' ? { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' } : {}),
      },
      timeoutMs: 600_000,
    });
    const records = readRecords(recordDir);
    let peakRssKb;
    try {
      peakRssKb = Number(readFileSync(rssFile, 'utf8')) || undefined;
    } catch {
      peakRssKb = undefined;
    }
    const metrics = records.length
      ? measureRun({
          startedAt: run.startedAt,
          wallMs: run.durationMs,
          records,
          log: gh.requests.map((r) => ({ ...r })),
          latencyMs,
          rules: RULES[variant.throttle],
          floorShape: scenario.floorShape ?? 'parallel',
          agents: scenario.agents?.length ?? records.length,
          peakRssKb,
        })
      : { wallMs: run.durationMs, peakRssMb: peakRssKb && peakRssKb / 1024, requests: gh.requests.length };
    const status = run.outputs.status ?? `exit ${run.exitCode}`;
    const notAvailable = /not available[^\n]*/.exec(run.stdout)?.[0];
    return {
      metrics,
      status,
      unavailable: status === 'skipped' && notAvailable ? notAvailable.replace(/^::warning::/, '') : undefined,
      error: status === 'success' ? undefined : failureText(run),
      stdout: run.stdout,
      comments: gh.commentsOn(ISSUE.number).length,
      timeline: timeline(run.startedAt, run.durationMs, gh.requests, records),
    };
  } finally {
    await gh.close();
    await run?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs the naive baseline (scripts/bench/naive.mjs) once with the same agents and spacing; returns its wall time. */
export async function runNaiveOnce(fx, { latencyMs, scenario, throttle }) {
  const gh = await fx.startFakeGitHub({ latencyMs });
  const recordDir = mkdtempSync(join(tmpdir(), 'ai-orchestra-bench-naive-'));
  try {
    gh.addIssue({ number: ISSUE.number, title: ISSUE.title, body: ISSUE.body });
    const agent = (a) => ({
      name: a.name,
      argv: [process.execPath, AGENT],
      env: agentEnv(a, recordDir),
    });
    const plan = {
      apiUrl: gh.url,
      token: fx.FAKE_TOKEN,
      owner: 'acme',
      repo: 'widgets',
      issue: ISSUE.number,
      issueText: `${ISSUE.title}\n\n${ISSUE.body}`,
      writeSpacingMs: RULES[throttle].writeMs,
      createSpacingMs: RULES[throttle].createMs,
      agents: scenario.agents.map(agent),
      reviewer: scenario.reviewer && agent(scenario.reviewer),
    };
    const started = Date.now();
    const code = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(HERE, 'naive.mjs'), JSON.stringify(plan)], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    const wallMs = Date.now() - started;
    if (code !== 0) throw new Error(`the naive baseline exited with ${code}`);
    return {
      wallMs,
      requests: gh.requests.length,
      agentSumMs: readRecords(recordDir).reduce((s, r) => s + r.exitAt - r.startedAt, 0),
    };
  } finally {
    await gh.close();
    rmSync(recordDir, { recursive: true, force: true });
  }
}
