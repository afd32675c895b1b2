// `ai-orchestra-action validate-dataset <file> --format <f>`: checks any JSONL dataset and names its first invalid lines.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATASET_FORMATS, isDatasetFormat } from './dataset/formats.js';
import { validateJsonl } from './dataset/validate.js';

export const VALIDATE_USAGE = `Usage: ai-orchestra-action validate-dataset <file.jsonl> --format <${DATASET_FORMATS.join('|')}> [--max-errors <n>]

  Checks that every line is one JSON object in exactly the shape the format's trainers accept:
    openai-chat  {"messages":[{"role":"system"|"user"|"assistant","content":...}, ...]} ending with an assistant message
    trl-sft      {"prompt":[..., user message],"completion":[assistant message(s)]}
    dpo          {"prompt":[..., user message],"chosen":[assistant message(s)],"rejected":[assistant message(s)]}
  No other top-level keys; messages have role and content (openai-chat also allows name and weight).

  Exit status: 0 when every line is valid, 1 when some are not (the first --max-errors are listed, default 10),
  2 on a usage error or an unreadable file.`;

interface Output {
  log: (text: string) => void;
  error: (text: string) => void;
}

export function validateDatasetCommand(argv: string[], out: Output = console): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        'max-errors': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}\n\n${VALIDATE_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.log(VALIDATE_USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  const format = values.format ?? '';
  const maxErrors = Number(values['max-errors'] ?? 10);
  if (!file || extra.length > 0 || !isDatasetFormat(format) || !Number.isInteger(maxErrors) || maxErrors < 1) {
    const why =
      !file || extra.length > 0
        ? 'give exactly one file'
        : !isDatasetFormat(format)
          ? `--format must be one of ${DATASET_FORMATS.join(', ')}`
          : '--max-errors must be a positive whole number';
    out.error(`${why}\n\n${VALIDATE_USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    out.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const report = validateJsonl(text, format, maxErrors);
  if (report.rows === 0 && report.errors.length === 0) {
    out.error(`${file}: no rows; a ${format} dataset needs at least one line.`);
    return 1;
  }
  if (report.errors.length === 0) {
    out.log(`${file}: ${report.valid} row${report.valid === 1 ? '' : 's'}, all valid ${format}.`);
    return 0;
  }
  for (const e of report.errors) out.error(`${file}:${e.line}: ${e.message}`);
  const shown = report.moreErrors ? ` (the first ${report.errors.length} shown)` : '';
  out.error(
    `${file}: not a valid ${format} dataset: ${report.invalid} invalid line${report.invalid === 1 ? '' : 's'}${shown}; ${report.valid} of ${report.rows} rows valid.`,
  );
  return 1;
}
