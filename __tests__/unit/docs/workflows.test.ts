// The workflows users copy (examples/workflows/*.yml and the YAML blocks of README.md and SECURITY.md that are
// whole workflows) parse, and keep the safe shape: concurrency per issue at job level, no token left in .git/config.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..', '..');
type Step = { uses?: string; with?: Record<string, unknown> };
type Job = { if?: string; concurrency?: { group?: string; 'cancel-in-progress'?: boolean }; steps?: Step[] };
type Workflow = {
  on?: unknown;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  jobs?: Record<string, Job>;
};

function exampleWorkflows(): [string, string][] {
  const dir = join(ROOT, 'examples', 'workflows');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => [`examples/workflows/${f}`, readFileSync(join(dir, f), 'utf8')]);
}

/** Fenced YAML blocks that are whole workflows (they have `jobs:`), from a Markdown file. */
function markdownWorkflows(file: string): [string, string][] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((block) => /^jobs:/m.test(block) && /^on:/m.test(block))
    .map((block, i) => [`${file} workflow #${i + 1}`, block]);
}

function isDashboardWorkflow(wf: Workflow): boolean {
  const steps = Object.values(wf.jobs ?? {}).flatMap((job) =>
    (job.steps ?? []).filter((s) => s.uses?.includes('ai-orchestra')),
  );
  return steps.length > 0 && steps.every((s) => s.with?.mode === 'dashboard');
}

const workflows = [...exampleWorkflows(), ...markdownWorkflows('README.md'), ...markdownWorkflows('SECURITY.md')];

describe('the workflows users copy', () => {
  it('there are some: every example and the README and SECURITY.md workflows', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(6);
  });

  it.each(workflows)(
    '%s has top-level permissions, job-level concurrency per issue, and checks out without credentials',
    (_name, text) => {
      const wf = parse(text) as Workflow;
      expect(wf.permissions).toBeDefined();
      // The dashboard's scheduled build works on no issue and runs no agent (its own test is below).
      if (isDashboardWorkflow(wf)) return;
      const jobs = Object.values(wf.jobs ?? {}).filter((job) =>
        job.steps?.some((s) => s.uses?.includes('ai-orchestra')),
      );
      expect(jobs.length).toBeGreaterThan(0);
      // At workflow level every event joins the group, also those the job's `if:` skips, and a newer pending
      // run replaces an older pending one: an unrelated label would cancel a real run waiting its turn. So the
      // group is per job, or (a multi-job run that must be serialized whole) events that start nothing get their own.
      const workflowLevel = wf.concurrency as { group?: string; 'cancel-in-progress'?: boolean } | undefined;
      if (workflowLevel !== undefined) {
        expect(workflowLevel.group).toMatch(
          /^ai-orchestra-\$\{\{ github\.event\.issue\.number \}\}-\$\{\{ .*\|\| github\.run_id \}\}$/,
        );
        expect(workflowLevel['cancel-in-progress']).toBe(false);
      }
      for (const job of jobs) {
        if (workflowLevel === undefined) {
          // A workflow_run has no issue: its pull request's number (the relay's CI fix rounds).
          expect(job.concurrency?.group).toMatch(
            /^ai-orchestra-\$\{\{ .*(issue\.number|issue-number|inputs\.|workflow_run\.pull_requests\[0\]\.number).*\}\}/,
          );
          expect(job.concurrency?.['cancel-in-progress']).toBe(false);
        }
        for (const step of job.steps ?? []) {
          if (step.uses?.startsWith('actions/checkout')) expect(step.with?.['persist-credentials']).toBe(false);
          // Every step that runs agents runs them as an unprivileged user (plan runs none).
          if (step.uses?.includes('ai-orchestra') && step.with?.mode !== 'plan')
            expect(step.with?.['agent-user']).toBe('ai-agent');
        }
      }
    },
  );

  it('the dashboard example asks for the least it needs: read in the build, Pages and the OIDC token only to deploy', () => {
    const wf = parse(readFileSync(join(ROOT, 'examples', 'workflows', 'dashboard.yml'), 'utf8')) as Workflow & {
      jobs: Record<string, Job & { permissions?: Record<string, string>; needs?: string }>;
    };
    expect(isDashboardWorkflow(wf)).toBe(true);
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.build!.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(wf.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(wf.jobs.build!.steps!.map((s) => s.uses?.replace(/@.*/, ''))).toEqual([
      'ai-orchestra/ai-orchestra-action',
      'actions/upload-pages-artifact',
    ]);
    expect(wf.jobs.build!.steps![0]!.with?.['dashboard-dir']).toBe(wf.jobs.build!.steps![1]!.with?.path);
    expect(wf.jobs.deploy!.steps!.map((s) => s.uses?.replace(/@.*/, ''))).toEqual(['actions/deploy-pages']);
  });
});

// Which pipelines a job's `if:` lets through, by the labels, commands and dispatch choices it names.
const PIPELINE_WORDS: Record<string, RegExp> = {
  'ai-review': /'ai-review'|"ai-review"|'\/ai-review'/,
  'relay-pipeline': /'relay-pipeline'|"relay-pipeline"|'\/relay'/,
  'persona-data': /'persona-data'|"persona-data"|'\/persona-data'/,
};

function admitted(job: Job): string[] {
  const condition = job.if ?? '';
  // A job without a condition starts whatever its trigger names: every pipeline.
  if (!condition) return Object.keys(PIPELINE_WORDS);
  return Object.entries(PIPELINE_WORDS)
    .filter(([, words]) => words.test(condition))
    .map(([name]) => name);
}

function agentJobs(wf: Workflow): [string, Job][] {
  return Object.entries(wf.jobs ?? {}).filter(
    ([, job]) =>
      job.steps?.some((s) => s.uses?.includes('ai-orchestra')) &&
      !job.steps?.some((s) => s.with?.mode === 'unit' || s.with?.mode === 'finalize' || s.with?.mode === 'dashboard'),
  );
}

const VERIFIED = (
  JSON.parse(readFileSync(join(ROOT, '__tests__', 'contract', 'clis', 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  }
).devDependencies;

describe('what the workflows start and install', () => {
  it.each(workflows)(
    '%s starts only the pipelines its permissions allow (the relay pushes and opens a pull request)',
    (_name, text) => {
      const wf = parse(text) as Workflow & { jobs?: Record<string, Job & { permissions?: Record<string, string> }> };
      for (const [, job] of agentJobs(wf)) {
        const permissions = (job as { permissions?: Record<string, string> }).permissions ?? wf.permissions ?? {};
        if (admitted(job).includes('relay-pipeline')) {
          expect(permissions.contents).toBe('write');
          expect(permissions['pull-requests']).toBe('write');
        }
      }
    },
  );

  it('no two example workflows start on the same label, unless one says it is used instead of the other', () => {
    const byLabel = new Map<string, string[]>();
    for (const [name, text] of exampleWorkflows()) {
      const wf = parse(text) as Workflow & { on?: Record<string, unknown> };
      if (!wf.on || !('issues' in (wf.on as object))) continue;
      const jobs = agentJobs(wf).filter(([, job]) => /label\.name/.test(job.if ?? ''));
      for (const pipeline of new Set(jobs.flatMap(([, job]) => admitted(job))))
        byLabel.set(pipeline, [...(byLabel.get(pipeline) ?? []), name]);
    }
    for (const [label, files] of byLabel) {
      if (files.length < 2) continue;
      // matrix.yml is the alternative to label.yml, and says so in its first lines.
      const [first, second] = files as [string, string];
      const headers = files.map((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').slice(0, 5).join('\n'));
      const explained = headers.some((h, i) => h.includes(`instead of ${(i === 0 ? second : first).split('/').pop()}`));
      expect(explained, `${label}: ${files.join(', ')}`).toBe(true);
    }
    expect(byLabel.get('relay-pipeline')).toEqual(['examples/workflows/relay.yml']);
  });

  it.each(workflows)(
    '%s lets no push to a fork’s pull request join a concurrency group (it would replace a maintainer’s pending run)',
    (_name, text) => {
      const wf = parse(text) as Workflow;
      for (const [, job] of Object.entries(wf.jobs ?? {})) {
        const condition = job.if ?? '';
        if (!/synchronize/.test(condition)) continue;
        expect(condition).toMatch(
          /'synchronize'[\s\S]*github\.event\.pull_request\.head\.repo\.full_name == github\.repository/,
        );
      }
    },
  );

  it.each(workflows)(
    '%s uses the current majors of actions/checkout and actions/setup-node, and the verified CLI versions',
    (_name, text) => {
      for (const [, action, major] of text.matchAll(/uses: (actions\/(?:checkout|setup-node))@v(\d+)/g))
        expect(Number(major), action).toBeGreaterThanOrEqual(6);
      for (const [line] of text.matchAll(/npm install -g [^\n]*/g)) {
        for (const [pkg, version] of Object.entries(VERIFIED)) {
          if (line.includes(pkg)) expect(line).toContain(`${pkg}@${version}`);
        }
      }
    },
  );
});
