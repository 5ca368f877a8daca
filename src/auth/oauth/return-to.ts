/**
 * The client URL an OAuth flow may end on, or undefined when it is not allowed. Only absolute http(s) URLs
 * whose origin is on the allowlist pass: `//evil.example`, `javascript:` and look-alike hosts are refused.
 */
export function allowedReturnTo(value: string, allowedOrigins: readonly string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return undefined;
  }
  if (url.username || url.password) {
    return undefined;
  }
  const origins = new Set(allowedOrigins.map(originOf).filter((origin) => origin !== undefined));
  return origins.has(url.origin) ? url : undefined;
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** The return URL with one query parameter added (the one-time `code`, or an `error`). */
export function withParam(returnTo: string, name: string, value: string): string {
  const url = new URL(returnTo);
  url.searchParams.set(name, value);
  return url.toString();
}
