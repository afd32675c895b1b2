// How a sink that spaces its writes (GitHub) shares its write slots between the status comment and the answers.
import type { WritePacing } from '../kernel/definition.js';

/**
 * Pacing for a sink whose writes are `writeIntervalMs` apart: the status comment takes at most a third of the write
 * slots, and answers arriving within half a slot of each other share a write.
 */
export function pacingFor(writeIntervalMs: number): WritePacing {
  return { statusIntervalMs: 3 * writeIntervalMs, gatherMs: writeIntervalMs / 2 };
}
