// The sink every pipeline reports to: GitHub in a workflow, files and stdout in a dry run.

export interface CommentRef {
  id?: number;
  url?: string;
}

export interface IssueReporter {
  /** React 👀 to the issue that triggered the run. */
  acknowledge(): Promise<void>;
  /**
   * Create or update the comment identified by `key` (e.g. "status", "agent:claude", "review").
   * The sink adds the hidden marker, passes the body through the output sanitizer (secrets, mentions, foreign
   * links and images, control characters, HTML other than our layout) and enforces size limits.
   */
  upsertComment(key: string, body: string): Promise<CommentRef>;
  addLabel(name: string): Promise<void>;
  /** The current body of the comment for `key` (marker included), read afresh; undefined when there is none. */
  readComment?(key: string): Promise<string | undefined>;
  /**
   * Writes the existing comment for `key` at once, ahead of writes of it still waiting (a cancelled run's last
   * status); false when the sink cannot (no such comment yet), and the ordinary upsert must do.
   */
  overwriteCommentNow?(key: string, body: string): Promise<boolean>;
}
