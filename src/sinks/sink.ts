// The sink every pipeline reports to: GitHub in a workflow, files and stdout in a dry run (the contract is
// CommentSink in kernel/definition.ts; IssueReporter is its older name).
import type { CommentRef, CommentSink } from '../kernel/definition.js';

export type { CommentRef };
export type IssueReporter = CommentSink;
