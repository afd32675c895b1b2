// persona-data: personas answer one problem in parallel, and their answers become fine-tuning datasets.
import { resolve } from 'node:path';
import { definePipeline, onDemand } from '../../kernel/definition.js';
import { type AgentRow, agentRowsLayout } from '../../kernel/status-views.js';
import { renderIssueStamp } from '../../report/status-comment.js';
import {
  defaultPersonaPipeline,
  type PersonaPipelineConfig,
  personaAgentNames,
  personaStatusEntries,
} from './config.js';
import type { PersonaOutcome } from './pipeline.js';
import { checkPersonaReferences, readPersonaData } from './read-config.js';
import { schema } from './schema.js';

const pipeline = onDemand(() => import('./pipeline.js'));
const unit = onDemand(() => import('./unit.js'));
const datasetFiles = onDemand(() => import('../../dataset/file-sink.js'));
const summaryCode = onDemand(() => import('./persona-summary.js'));

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
    runUnit: async (slot, request, deps) => {
      const persona = request.config.personas.find((p) => p.name === slot.unit)!;
      return (await unit()).runPersonaUnit(
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
  load: () => Promise.all([pipeline(), datasetFiles()]),
  async run(request, deps) {
    const [{ runPersonaPipeline }, { FileDatasetSink }] = await Promise.all([pipeline(), datasetFiles()]);
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
  summary: async (outcome, target) =>
    (await summaryCode()).renderPersonaSummary({
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
