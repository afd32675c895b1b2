// Removing the user and password a URL may carry, before it reaches argv or a log.

/** The URL without user:password; unchanged when it does not parse. */
export function withoutUrlCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
