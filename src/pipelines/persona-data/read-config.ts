// Validates `pipelines.persona-data` (output folder, formats, personas, reviewer) with file:line errors.

import type { AgentSpec } from '../../agents/types.js';
import { DATASET_FORMATS, type DatasetFormat, isDatasetFormat } from '../../dataset/formats.js';
import type { ConfigReader as Validator } from '../../kernel/definition.js';
import type { PersonaPipelineConfig, PersonaSpec } from './config.js';

type Path = (string | number)[];

export const PERSONA_DATA_KEYS = ['label', 'command', 'output-dir', 'formats', 'personas', 'reviewer'];
const PERSONA_KEYS = ['name', 'agent', 'style', 'focus'];
const PERSONA_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A folder inside the workspace: relative, without ".." (datasets must not land outside the checkout). */
function outputDir(v: Validator, value: unknown, path: Path): string {
  const dir = v.string(value, path).trim().replace(/\/+$/, '');
  if (dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir))
    v.fail(path, 'must be a folder relative to the workspace, not an absolute path');
  if (dir.split(/[\\/]/).includes('..')) v.fail(path, 'must stay inside the workspace (no ".." segments)');
  return dir === '' ? '.' : dir;
}

function formats(v: Validator, value: unknown, path: Path): DatasetFormat[] {
  const list = v.stringList(value, path, { nonEmpty: true });
  list.forEach((f, i) => {
    if (!isDatasetFormat(f)) v.fail([...path, i], `unknown format "${f}"; formats: ${DATASET_FORMATS.join(', ')}`);
    if (list.indexOf(f) !== i) v.fail([...path, i], `lists "${f}" twice`);
  });
  return list as DatasetFormat[];
}

function persona(v: Validator, raw: unknown, path: Path): PersonaSpec {
  v.object(raw, path);
  v.keys(raw, path, PERSONA_KEYS);
  for (const key of ['name', 'agent', 'style']) if (raw[key] === undefined) v.fail(path, `needs "${key}"`);
  const name = v.string(raw.name, [...path, 'name']);
  if (!PERSONA_NAME.test(name)) v.fail([...path, 'name'], 'persona names use letters, digits, ".", "_" and "-"');
  return {
    name,
    agent: v.string(raw.agent, [...path, 'agent']),
    style: v.string(raw.style, [...path, 'style']).trim(),
    focus:
      raw.focus === undefined
        ? []
        : v.stringList(raw.focus, [...path, 'focus'], { nonEmpty: false }).map((f) => f.trim()),
  };
}

/** Reads `pipelines.persona-data` over the defaults; `personas`, when given, replaces the built-in six. */
export function readPersonaData(
  v: Validator,
  raw: Record<string, unknown>,
  path: Path,
  target: PersonaPipelineConfig,
): void {
  v.keys(raw, path, PERSONA_DATA_KEYS);
  if (raw.label !== undefined) target.label = v.string(raw.label, [...path, 'label']);
  if (raw['output-dir'] !== undefined) target.outputDir = outputDir(v, raw['output-dir'], [...path, 'output-dir']);
  if (raw.formats !== undefined) target.formats = formats(v, raw.formats, [...path, 'formats']);
  if (raw.reviewer !== undefined) target.reviewer = v.string(raw.reviewer, [...path, 'reviewer']);
  if (raw.personas !== undefined) {
    if (!Array.isArray(raw.personas) || raw.personas.length === 0)
      v.fail([...path, 'personas'], 'must be a non-empty list of personas (name, agent, style, focus)');
    target.personas = raw.personas.map((p, i) => persona(v, p, [...path, 'personas', i]));
  }
}

export function checkPersonaReferences(
  v: Validator,
  pipeline: PersonaPipelineConfig,
  agents: Readonly<Record<string, AgentSpec>>,
  path: Path,
): void {
  const defined = Object.keys(agents).join(', ');
  const seen = new Set<string>();
  pipeline.personas.forEach((p, i) => {
    if (seen.has(p.name)) v.fail([...path, 'personas', i, 'name'], `a persona named "${p.name}" already exists`);
    seen.add(p.name);
    if (!agents[p.agent]) v.fail([...path, 'personas', i, 'agent'], `unknown agent "${p.agent}"; defined: ${defined}`);
  });
  if (!agents[pipeline.reviewer])
    v.fail([...path, 'reviewer'], `unknown agent "${pipeline.reviewer}"; defined: ${defined}`);
}
