// The parts of a pipeline's config schema that every pipeline writes alike: its label, its command, an agent list.

/** What a slash command may look like (the config reader checks the same). */
export const COMMAND_PATTERN = '^/[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$';

export function labelSchema(
  label: string,
  description = 'The label that starts this pipeline.',
): Record<string, unknown> {
  return { type: 'string', minLength: 1, default: label, description };
}

export function commandSchema(
  command: string,
  description = 'Slash command that starts this pipeline when a comment begins with it (issue_comment trigger).',
): Record<string, unknown> {
  return { type: 'string', pattern: COMMAND_PATTERN, default: command, description };
}

/** A non-empty list of distinct agent names. */
export function agentListSchema(
  description: string,
  defaults: string[] = ['claude', 'gemini', 'codex'],
): Record<string, unknown> {
  return { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true, default: defaults, description };
}
