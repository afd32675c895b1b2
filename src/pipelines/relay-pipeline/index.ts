// relay-pipeline: stages run one after another on the checkout; when all pass, the changes become a pull request.
import { definePipeline, onDemand } from '../../kernel/definition.js';
import { renderIssueStamp } from '../../report/status-comment.js';
import { RELAY_CHECKLIST } from './board.js';
import type { CiFixOutcome } from './ci-fix.js';
import { type CiFailureDetail, ciFailure } from './ci-trigger.js';
import { defaultRelay, type RelayPipelineConfig } from './config.js';
import type { RelayDetail } from './continue.js';
import { checkRelayReferences, readRelay } from './read-config.js';
import { relayRecord, renderRelaySummary } from './result.js';
import { schema } from './schema.js';
import type { RelayStatusEntry } from './status.js';
import { reviewRequestedChanges } from './triggers.js';

const DEFAULT_COMMAND = '/relay';

/** The stages, follow-ups and fix rounds with the git workspace they work in: imported when a relay runs. */
const code = onDemand(async () => {
  const [ciFix, continuation, pipeline, workspace] = await Promise.all([
    import('./ci-fix.js'),
    import('./continue.js'),
    import('./pipeline.js'),
    import('./workspace.js'),
  ]);
  return { ...ciFix, ...continuation, ...pipeline, ...workspace };
});

export const relayPipeline = definePipeline<
  RelayPipelineConfig,
  CiFixOutcome,
  RelayStatusEntry,
  RelayDetail | CiFailureDetail
>({
  name: 'relay-pipeline',
  description: 'Stages (implement, test, review) hand the work on; when all pass, the changes become a pull request.',
  defaultCommand: DEFAULT_COMMAND,
  config: {
    defaults: defaultRelay,
    read(v, raw, path, relay) {
      readRelay(v, raw, path, relay);
      if (raw.label !== undefined) relay.label = v.string(raw.label, [...path, 'label']);
      return relay;
    },
    check: checkRelayReferences,
    schema,
  },
  agents: (config) => [...new Set(config.stages.map((s) => s.agent))],
  access: 'write',
  // A stage updates the status when its agent starts and again after its `run` command.
  longestStepSec: (config, timeoutOf) =>
    Math.max(...config.stages.map((s) => timeoutOf(s.agent) + (s.run ? s.runTimeoutSec : 0))),
  // On an issue: a new relay. On the relay's own pull request: /relay or a review requesting changes continues it,
  // and a CI failure starts a fix round (ci-fix).
  triggers: {
    label: { on: ['issue'] },
    command: { on: ['issue', 'pull-request'] },
    dispatch: true,
    events: [reviewRequestedChanges, ciFailure],
  },
  status: {
    ...RELAY_CHECKLIST,
    rows: (config) =>
      config.stages.map((s) => ({ stage: s.name, agent: s.agent, round: 1, state: 'pending' as const })),
    render: (snapshot, config) => RELAY_CHECKLIST.render(snapshot, { maxRounds: config.maxRounds }),
    annotate: (_config, target) => ({ issueStamp: renderIssueStamp(target) }),
    paced: false,
  },
  matrixUnavailable:
    "relay-pipeline runs its stages one after another, each on the previous stage's work, so it has no matrix form: run it with mode: run (the default), in a workflow of its own",
  prepareWorkspace: async (args) => (await code()).openRelayCheckout(args),
  load: code,
  async run(request, deps) {
    const { runCiFix, continueRelay, runFollowUp, gitWorkspace, runRelayPipeline, publisherFor } = await code();
    const { detail } = request;
    if (detail?.kind === 'ci-failure') {
      const command = request.config.command ?? DEFAULT_COMMAND;
      return runCiFix({ ...request, detail }, deps, {
        command,
        continueOnBranch: (continuation) => continueRelay(continuation, request, deps),
      });
    }
    if (request.target.kind === 'pull-request') return runFollowUp({ ...request, detail }, deps);
    const { workspace, repo } = gitWorkspace(deps);
    return runRelayPipeline(
      {
        issue: request.target,
        pipeline: request.config,
        processedLabel: request.settings.processedLabel,
        repoUrl: request.run.repoUrl,
        defaultBranch: request.run.defaultBranch,
        runUrl: request.run.url,
      },
      {
        runner: deps.runner,
        reporter: deps.sink,
        status: deps.status,
        workspace,
        publisher: publisherFor(request, deps, repo),
        signal: deps.signal,
        now: deps.clock.now,
        warn: deps.log.warning,
        redact: (text) => deps.redactor.redact(text),
      },
    );
  },
  record: (outcome) => ({ ...relayRecord(outcome), ...(outcome.ciFix ? { ciFix: outcome.ciFix } : {}) }),
  summary: renderRelaySummary,
  outputs: (outcome) => ({ 'pr-url': outcome.prUrl ?? '', branch: outcome.branch ?? '' }),
  describe: (config) =>
    `: ${config.stages.map((s) => `${s.name} (${s.agent}${s.write ? ', may edit' : ''})`).join(' → ')}`,
  localReport: (outcome) =>
    outcome.prUrl ? [`pull request: ${outcome.prUrl}`] : outcome.branch ? [`branch: ${outcome.branch}`] : [],
});
