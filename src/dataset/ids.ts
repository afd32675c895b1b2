// Stable row ids: the same prompt answered by the same persona and agent always gets the same id.
import { createHash } from 'node:crypto';

function sha256(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Id of a supervised row (openai-chat, trl-sft): a hash of its prompt, persona and agent. */
export function exampleId(e: { system: string; user: string; persona: string; agent: string }): string {
  return sha256(['example', e.system, e.user, e.persona, e.agent]);
}

/** Id of a preference pair (dpo): a hash of its prompt and the personas and agents of both answers. */
export function pairId(p: {
  user: string;
  chosen: { persona: string; agent: string };
  rejected: { persona: string; agent: string };
}): string {
  return sha256(['pair', p.user, p.chosen.persona, p.chosen.agent, p.rejected.persona, p.rejected.agent]);
}

/** Hex SHA-256 of a text, e.g. of the prompt template, so a row says which template version produced it. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
