// The persona-data pipeline's configuration: its shape and the built-in personas.
import type { DatasetFormat } from '../../dataset/formats.js';
import type { StatusEntry } from '../../report/status-comment.js';

export interface PersonaSpec {
  /** Names the persona in status rows, comments and provenance; unique in the pipeline. */
  name: string;
  /** The configured agent (CLI) that answers as this persona. */
  agent: string;
  /** How the persona approaches a problem; the first sentence of its system prompt. */
  style: string;
  /** What the persona pays most attention to. */
  focus: string[];
}

export interface PersonaPipelineConfig {
  label: string;
  command?: string;
  /** Folder for the dataset files, relative to the workspace. */
  outputDir: string;
  formats: DatasetFormat[];
  personas: PersonaSpec[];
  /** Ranks the answers for the dpo pairs; only runs when `dpo` is one of the formats. */
  reviewer: string;
}

/** The six personas of the system AI Orchestra grew out of, spread over the three built-in CLIs. */
export const DEFAULT_PERSONAS: readonly PersonaSpec[] = [
  {
    name: 'architect',
    agent: 'claude',
    style: 'System architecture and design patterns first.',
    focus: ['scalability', 'maintainability', 'design principles'],
  },
  {
    name: 'perfectionist',
    agent: 'gemini',
    style: 'Exacting about quality: correct, fast, thoroughly tested code with nothing left to chance.',
    focus: ['performance', 'code quality', 'edge cases'],
  },
  {
    name: 'pragmatist',
    agent: 'codex',
    style: 'Ship what works: the simplest solution that solves the problem today, improved later.',
    focus: ['speed of delivery', 'practicality', 'MVP'],
  },
  {
    name: 'innovator',
    agent: 'claude',
    style: 'Look past the obvious: modern techniques and creative, unconventional approaches.',
    focus: ['new techniques', 'creativity'],
  },
  {
    name: 'educator',
    agent: 'gemini',
    style: 'Teach while solving: explain the why step by step, so a newcomer can follow and learn.',
    focus: ['clarity', 'documentation', 'learning curve'],
  },
  {
    name: 'security-expert',
    agent: 'codex',
    style: 'Security first: think like an attacker, trust no input, close every hole.',
    focus: ['security', 'validation', 'vulnerabilities'],
  },
];

export function defaultPersonaPipeline(): PersonaPipelineConfig {
  return {
    label: 'persona-data',
    outputDir: 'training-data',
    formats: ['openai-chat', 'trl-sft', 'dpo'],
    personas: DEFAULT_PERSONAS.map((p) => ({ ...p, focus: [...p.focus] })),
    reviewer: 'claude',
  };
}

/** Every agent a persona-data run may start: the personas' agents, and the reviewer when there is a dpo pair to rank. */
export function personaAgentNames(pipeline: PersonaPipelineConfig): string[] {
  return [
    ...new Set([
      ...pipeline.personas.map((p) => p.agent),
      ...(pipeline.formats.includes('dpo') ? [pipeline.reviewer] : []),
    ]),
  ];
}

declare module '../../config/schema.js' {
  interface PipelineConfigs {
    'persona-data': PersonaPipelineConfig;
  }
}

/** The status comment's rows before anything ran (run mode, and matrix mode's plan job). */
export function personaStatusEntries(pipeline: PersonaPipelineConfig): StatusEntry[] {
  return [
    ...pipeline.personas.map((p) => ({ agent: p.agent, role: p.name, state: 'pending' as const })),
    ...(pipeline.formats.includes('dpo')
      ? [{ agent: pipeline.reviewer, role: 'reviewer', state: 'pending' as const, note: 'waits for the answers' }]
      : []),
  ];
}
