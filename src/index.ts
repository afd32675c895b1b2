// The action's entry point, as bundled into dist/index.js. It reads the inputs and the event and sends the run's first
// two reads (see kernel/early-reads.ts) before it loads the rest of the action, which then loads while they travel.
import { beginRun } from './kernel/early-reads.js';

const begun = beginRun();
await begun?.early?.clients.onWire();
const { run } = await import('./main.js');
await run(begun);
