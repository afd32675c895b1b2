// persona-data's matrix unit: one persona answers and reports its row of the shared status.
import { rowWriter, type UnitDeps, type UnitOutcome } from '../../kernel/matrix/shared-status.js';
import type { IssueText } from '../../prompt/untrusted.js';
import type { PersonaSpec } from './config.js';
import { answerAsPersona, runNote } from './pipeline.js';
import { neutralTaskPrompt } from './prompt.js';

/** persona-data, one persona: answers and reports its row; the datasets comment is finalize's. */
export async function runPersonaUnit(
  input: { issue: IssueText; persona: PersonaSpec },
  deps: UnitDeps,
): Promise<UnitOutcome> {
  const { persona } = input;
  const rows = rowWriter(deps);
  const run = await answerAsPersona(persona, neutralTaskPrompt(input.issue), deps.runner, () =>
    rows.write({ agent: persona.agent, role: persona.name, state: 'running', note: 'answering' }),
  );
  rows.write({
    agent: persona.agent,
    role: persona.name,
    state: run.status,
    durationMs: run.durationMs,
    note: runNote(run),
  });
  await rows.done();
  return { run };
}
