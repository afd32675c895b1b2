// The action's entry point, as bundled into dist/index.js.
import { run } from './main.js';

await run();
