// The action and the CLI load the Markdown parser as they start (src/security/markdown-tree.ts); so do the tests.
import { loadMarkdownParser } from '../../src/security/markdown-tree.js';

await loadMarkdownParser();
