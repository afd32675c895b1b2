// The /ask command's argument: optional agent names first (`claude,codex` or `all`), then the question.

export interface AskCommand {
  /** The agents the comment names, in its order without repeats; undefined when it names none. */
  agents?: string[];
  /** True for `/ask all ...`. */
  all: boolean;
  question: string;
}

const NAME_LIST = /^[A-Za-z0-9_.-]+(?:,[A-Za-z0-9_.-]+)*,?$/;

/**
 * Reads the text after the command word. The first word names agents only when it is a comma list of configured
 * agents (or `all`); otherwise it is part of the question (`/ask why not a Map?` names nobody).
 */
export function parseAskCommand(argument: string, configured: readonly string[]): AskCommand {
  const text = argument.trim();
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  const first = match?.[1] ?? '';
  const rest = (match?.[2] ?? '').trim();
  if (first.toLowerCase() === 'all') return { all: true, question: rest };
  if (NAME_LIST.test(first)) {
    const names = first.split(',').filter((name) => name !== '');
    if (names.length > 0 && names.every((name) => configured.includes(name))) {
      return { agents: [...new Set(names)], all: false, question: rest };
    }
  }
  return { all: false, question: text };
}
