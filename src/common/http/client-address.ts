import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * Resolves a raw request's client address with the same trust rule Express applies (`TRUST_PROXY`), for
 * code that sees the request before Express does (the Socket.IO handshake).
 */
export function clientAddressResolver(trustProxy: string): (request: IncomingMessage) => string {
  const trust = compileTrust(trustProxy);
  return (request) => proxyAddr(request, trust);
}

function compileTrust(value: string): (address: string, hop: number) => boolean {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  if (value === 'true' || value === 'false') {
    const trusted = value === 'true';
    return () => trusted;
  }
  return proxyAddr.compile(value.split(',').map((item) => item.trim()));
}
