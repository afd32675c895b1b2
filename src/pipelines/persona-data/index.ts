// persona-data: personas answer one problem in parallel, and their answers become fine-tuning datasets.
import { resolve } from 'node:path';
import { FileDatasetSink } from '../../dataset/file-sink.js';
import { definePipeline } from '../../kernel/definition.js';
import { type AgentRow, agentRowsLayout } from '../../kernel/status-views.js';
import { renderIssueStamp } from '../../report/status-comment.js';
import { defaultPersonaPipeline, type PersonaPipelineConfig, personaAgentNames } from './config.js';
import { renderPersonaSummary } from './persona-summary.js';
import { type PersonaOutcome, personaStatusEntries, runPersonaPipeline } from './pipeline.js';
import { checkPersonaReferences, readPersonaData } from './read-config.js';
import { schema } from './schema.js';
import { runPersonaUnit } from './unit.js';

export const personaData = definePipeline<PersonaPipelineConfig, PersonaOutcome, AgentRow>({
  name: 'persona-data',
  description: 'Personas answer the issue in parallel; their answers become fine-tuning datasets.',
  defaultCommand: '/persona-data',
  config: {
    defaults: defaultPersonaPipeline,
    read(v, raw, path, pipeline) {
      readPersonaData(v, raw, path, pipeline);
      return pipeline;
    },
    check: checkPersonaReferences,
    schema,
  },
  agents: personaAgentNames,
  access: 'read-only',
  triggers: { label: { on: ['issue'] }, command: { on: ['issue'] }, dispatch: true },
  // Every change is written at once (as before the kernel owned the status comment).
  status: {
    ...agentRowsLayout(personaStatusEntries),
    paced: false,
    annotate: (_config, target) => ({ issueStamp: renderIssueStamp(target) }),
  },
  matrix: {
    units: (config) => config.personas.map((p) => ({ unit: p.name, agent: p.agent, role: `persona-${p.name}` })),
    runUnit: (unit, request, deps) => {
      const persona = request.config.personas.find((p) => p.name === unit.unit)!;
      return runPersonaUnit(
        { issue: request.target, persona },
        {
          runner: deps.runner,
          reporter: deps.sink,
          sleep: (ms) => deps.clock.sleep(ms),
          random: deps.random,
          warn: deps.log.warning,
        },
      );
    },
    finalizeAgents: (config) => (config.formats.includes('dpo') ? [config.reviewer] : []),
  },
  run(request, deps) {
    const root = deps.workspace.root;
    const sink = new FileDatasetSink(
      resolve(root, request.config.outputDir),
      (name, files, dir) => deps.artifacts.publish(name, files, dir),
      root,
    );
    return runPersonaPipeline(
      {
        issue: request.target,
        pipeline: request.config,
        processedLabel: request.settings.processedLabel,
        runUrl: request.run.url,
        commitSha: request.run.commitSha,
        collected: request.collected,
      },
      {
        runner: deps.runner,
        reporter: deps.sink,
        status: deps.status,
        sink,
        redactor: deps.redactor,
        signal: deps.signal,
        random: deps.random,
        warn: deps.log.warning,
      },
    );
  },
  record(outcome) {
    const { lines, ...report } = outcome.report;
    const personas = lines.map(({ persona, run, verdict }) => ({
      persona,
      agent: run.agent,
      kept: verdict.kept,
      ...(verdict.kept
        ? {}
        : { reason: verdict.reason, ...(verdict.duplicateOf ? { duplicateOf: verdict.duplicateOf } : {}) }),
    }));
    return { datasets: { ...report, personas } };
  },
  summary: (outcome, target) =>
    renderPersonaSummary({
      target,
      status: outcome.status,
      error: outcome.error,
      runs: outcome.runs,
      comment: outcome.comments.get('datasets'),
      lines: outcome.report.lines,
    }),
  outputs: (outcome) => ({
    'dataset-dir': outcome.report.dir,
    'dataset-file': outcome.report.datasets.find((d) => d.file)?.file ?? '',
  }),
  describe: (config) => ` with ${config.personas.map((p) => `${p.name} (${p.agent})`).join(', ')}`,
  localReport: (outcome) => [`datasets: ${outcome.report.dir}`],
});
