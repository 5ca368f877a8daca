/**
 * Whether a subscription's endpoint is on one of the allowed push services: the host itself or a subdomain
 * of an entry (`notify.windows.com` covers `wns2-par02p.notify.windows.com`). Parley POSTs to every
 * registered endpoint, so an open list would let any user point its requests at internal addresses.
 */
export function isAllowedPushEndpoint(endpoint: string, allowedHosts: readonly string[]): boolean {
  const host = new URL(endpoint).hostname;
  return allowedHosts.some((allowed) => {
    const entry = allowed.toLowerCase();
    return host === entry || host.endsWith(`.${entry}`);
  });
}
