// What the issue's text means for a run before it starts: nothing to answer (empty), or more than the agents read.
import type { IssueText } from '../prompt/untrusted.js';
import { DEFAULT_MAX_ISSUE_CHARS, stripHiddenText } from '../prompt/untrusted.js';
import { formatInteger } from '../report/numbers.js';

/** Why a run on this issue is skipped, or undefined: an empty title and body give the agents nothing to answer. */
export function emptyIssueReason(issue: IssueText, allowEmptyIssue: boolean): string | undefined {
  if (allowEmptyIssue) return undefined;
  if (stripHiddenText(issue.title).trim() || stripHiddenText(issue.body).trim()) return undefined;
  return `issue #${issue.number} has an empty title and body, so the agents would have nothing to answer (settings.allow-empty-issue: true runs it anyway)`;
}

/** Said in the status comment when the body is longer than the agents get to read. */
export function issueCutNotice(issue: IssueText): string | undefined {
  const length = stripHiddenText(issue.body).length;
  if (length <= DEFAULT_MAX_ISSUE_CHARS) return undefined;
  return `ℹ️ The issue's text is ${formatInteger(length)} characters long; the agents read its first ${formatInteger(DEFAULT_MAX_ISSUE_CHARS)}.`;
}
