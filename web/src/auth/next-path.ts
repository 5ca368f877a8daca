/**
 * Where to go after signing in. Only same-app paths: a `next` naming another origin (`//evil.example`,
 * `/\evil.example`, `https://…`) would turn the sign-in pages into an open redirect.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return '/';
  }
  // Control characters (tabs, newlines) are dropped by URL parsers and could rebuild `//`.
  if ([...next].some((char) => char.charCodeAt(0) < 0x20)) {
    return '/';
  }
  // Coming back to an auth page after signing in would only bounce.
  return /^\/(login|signup|auth\/callback)(\/|\?|$)/.test(next) ? '/' : next;
}

const NEXT_KEY = 'parley.oauth.next';

/** Kept across the round trip to the provider (same tab only, so sessionStorage). */
export function rememberNext(next: string | null | undefined): void {
  sessionStorage.setItem(NEXT_KEY, safeNext(next));
}

/** The remembered `next`, once (it is cleared), checked again: storage is not trusted input either. */
export function takeNext(): string {
  const next = sessionStorage.getItem(NEXT_KEY);
  sessionStorage.removeItem(NEXT_KEY);
  return safeNext(next);
}
