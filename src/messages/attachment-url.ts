/**
 * Whether an attachment URL lies under one of the allowed prefixes (origins with a path ending in "/",
 * normalised by the config). Compared after parsing, so neither "..", percent-encoded dots, the host's case
 * nor a default port can step outside a prefix.
 */
export function isUnderAllowedPrefix(url: string, prefixes: readonly string[]): boolean {
  const { href } = new URL(url);
  return prefixes.some((prefix) => href.startsWith(prefix));
}
