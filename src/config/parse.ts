// The reference reader of the config: the `yaml` package, whose nodes give each problem its line. loadConfig reads
// plain, valid configs faster (./plain-yaml.ts) and comes here for everything else; tests check the two agree.
import { isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigError, type Path, throwAll, validateConfig } from './load.js';
import type { Config } from './schema.js';

export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  throwAll(
    doc.errors.map(
      (error) =>
        new ConfigError(
          file,
          lineCounter.linePos(error.pos[0]).line,
          '',
          `invalid YAML: ${error.message.split('\n')[0]}`,
        ),
    ),
  );
  const lineOf = (path: Path): number | undefined => {
    for (let p = path; p.length > 0; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return validateConfig(doc.toJS() ?? {}, file, lineOf);
}
