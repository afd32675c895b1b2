// Echoes untrusted text (agent output) to the workflow log so that it cannot issue workflow commands.
import { randomUUID } from 'node:crypto';

export function logUntrusted(write: (line: string) => void, text: string): void {
  const token = randomUUID();
  write(`::stop-commands::${token}`);
  write(text);
  write(`::${token}::`);
}
