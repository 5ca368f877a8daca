import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
}

/**
 * Sends exactly these bytes with exactly these headers. supertest serializes a Buffer as JSON when the
 * Content-Type says JSON, so bodies that must arrive as given (gzip, other charsets) go through here.
 */
export function rawRequest(
  baseUrl: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(baseUrl);
    // Node frames a GET or DELETE body only with an explicit length (it sends no chunked encoding for them).
    const length =
      options.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(options.body)) };
    // The path goes out as given (no URL parsing), so dot segments and bad escapes reach the server.
    const req = request({
      hostname,
      port,
      path: options.path,
      method: options.method,
      headers: { ...length, ...options.headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parseJson(text) });
      });
    });
    req.end(options.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
