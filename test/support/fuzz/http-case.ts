import fc from 'fast-check';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { hostileJson, hostileKey, hostileString, mutateObject } from './hostile';

/** A body the route table gives as bytes (multipart uploads), sent with its own Content-Type. */
export interface RawBody {
  contentType: string;
  bytes: Buffer;
}

/** One generated request, before it is turned into bytes. */
export interface HttpCase {
  params: Record<string, string>;
  query: Array<[string, string]>;
  /** Appended to the query string as it is, unencoded. */
  rawQuery: string;
  body: { json: unknown } | { raw: RawBody } | undefined;
  contentType: string | undefined;
  encoding: Encoding;
  auth: AuthVariant;
  headers: Record<string, string>;
}

export type AuthVariant = 'valid' | 'none' | 'other-user' | { header: string };
type Encoding = 'none' | 'gzip' | 'deflate' | 'br' | 'corrupt-gzip' | { header: string };

/** Percent-encodes UTF-8 bytes; unlike encodeURIComponent it accepts lone surrogates (as U+FFFD). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Path segments sent as they are, not encoded: malformed escapes and dot segments. */
const RAW_SEGMENTS = ['%', '%FF', '%00', '%2e%2e', '..', '.', '%2F', ';', '*', '%C0%AE'];

/** Query-string text sent as it is: malformed escapes, empty pairs, bracket keys other parsers nest. */
const RAW_QUERIES = [
  '%',
  '%FF',
  'a=%E0%A4%A',
  '&&=&',
  '=',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'q[]=1',
];

const hostileParam: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString.map(percentEncode) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
);

function paramsArb(valid: Record<string, fc.Arbitrary<string>>, hostile: boolean) {
  return fc.record(
    Object.fromEntries(
      Object.entries(valid).map(([name, value]) => [
        name,
        hostile ? fc.oneof(value.map(percentEncode), hostileParam) : value.map(percentEncode),
      ]),
    ),
  );
}

function queryArb(
  valid: Record<string, fc.Arbitrary<string>>,
  hostile: boolean,
): fc.Arbitrary<Array<[string, string]>> {
  const value = (arb: fc.Arbitrary<string>) => (hostile ? fc.oneof(arb, hostileString) : arb);
  const known = Object.entries(valid).map(([key, arb]) =>
    fc.option(
      value(arb).map((v): [string, string] => [key, v]),
      { nil: undefined, freq: 3 },
    ),
  );
  const pairs = fc
    .tuple(...known)
    .map((entries) => entries.filter((pair): pair is [string, string] => pair !== undefined));
  if (!hostile) {
    return pairs;
  }
  const keys = Object.keys(valid);
  // A key given twice arrives as an array; unknown keys must be refused.
  const repeated = keys.length
    ? fc.tuple(fc.constantFrom(...keys), hostileString).map((pair) => [pair])
    : fc.constant([]);
  const unknown = fc.array(fc.tuple(hostileKey, hostileString), { minLength: 1, maxLength: 2 });
  return fc
    .tuple(pairs, fc.oneof(repeated, unknown, fc.constant([])))
    .map(([known, extra]) => [...known, ...(extra as Array<[string, string]>)]);
}

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/json; charset=UTF-16',
  'application/json; charset=latin1',
  'application/json; charset="bogus"',
  'application/json;;',
  'application/json; charset',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'text/plain',
  'application/octet-stream',
  '*/*',
  'garbage',
];

const authArb: fc.Arbitrary<AuthVariant> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('valid' as const) },
  { weight: 1, arbitrary: fc.constant('none' as const) },
  { weight: 1, arbitrary: fc.constant('other-user' as const) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        'Bearer',
        'Bearer ',
        'Bearer garbage',
        'Basic Zm9vOmJhcg==',
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
        `Bearer ${'a'.repeat(5000)}`,
      )
      .map((header) => ({ header })),
  },
);

const encodingArb: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('none' as const) },
  { weight: 1, arbitrary: fc.constantFrom('gzip' as const, 'deflate' as const, 'br' as const) },
  { weight: 1, arbitrary: fc.constant('corrupt-gzip' as const) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('identity', 'x-bogus', 'gzip, deflate', 'GZIP', 'compress', 'zstd')
      .map((header) => ({ header })),
  },
);

const headersArb: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { 'X-Request-Id': 'bad id <script>' },
      { 'X-Request-Id': 'x'.repeat(500) },
      { Cookie: 'parley_refresh=garbage; other=%FF' },
      { Cookie: '__proto__=x; constructor=y' },
      { 'X-Forwarded-For': 'not an address, 999.1.1.1' },
      { Origin: 'https://evil.example' },
      { Accept: 'text/html' },
      { 'Accept-Encoding': 'gzip, br' },
    ),
  },
);

export interface CaseShape {
  params?: Record<string, fc.Arbitrary<string>>;
  query?: Record<string, fc.Arbitrary<string>>;
  body?: fc.Arbitrary<Record<string, unknown>>;
  rawBody?: fc.Arbitrary<RawBody>;
}

/** Which part of a request is hostile: none (to reach the code behind validation), one, or all of them. */
type Mode = 'valid' | 'params' | 'query' | 'body' | 'transport' | 'all';
const MODES: Array<{ weight: number; arbitrary: fc.Arbitrary<Mode> }> = [
  { weight: 4, arbitrary: fc.constant('valid') },
  { weight: 1, arbitrary: fc.constant('params') },
  { weight: 1, arbitrary: fc.constant('query') },
  { weight: 3, arbitrary: fc.constant('body') },
  { weight: 2, arbitrary: fc.constant('transport') },
  { weight: 1, arbitrary: fc.constant('all') },
];

function bodyArb(shape: CaseShape, hostile: boolean): fc.Arbitrary<HttpCase['body']> {
  const raw = shape.rawBody?.map((bytes) => ({ raw: bytes }));
  if (!hostile) {
    return raw ?? shape.body?.map((json) => ({ json })) ?? fc.constant(undefined);
  }
  const json = (shape.body ? mutateObject(shape.body) : hostileJson).map((value) => ({ json: value }));
  return raw ? fc.oneof(raw, json) : json;
}

/** Requests for one route: valid ones (so member-only paths run), and ones hostile in a part or in all. */
export function httpCaseArb(shape: CaseShape): fc.Arbitrary<HttpCase> {
  return fc.oneof(...MODES).chain((mode) => {
    const hostile = (part: Mode) => mode === part || mode === 'all';
    return fc.record({
      params: paramsArb(shape.params ?? {}, hostile('params')),
      query: queryArb(shape.query ?? {}, hostile('query')),
      rawQuery: hostile('query') ? fc.constantFrom('', ...RAW_QUERIES) : fc.constant(''),
      body: bodyArb(shape, hostile('body')),
      contentType: hostile('transport')
        ? fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined })
        : fc.constant(undefined),
      encoding: hostile('transport') ? encodingArb : fc.constantFrom<Encoding>('none', 'none', 'gzip', 'br'),
      auth: hostile('transport') ? authArb : fc.constant<AuthVariant>('valid'),
      headers: hostile('transport') ? headersArb : fc.constant({}),
    });
  });
}

/** The path (Express `:params` filled in), headers and bytes of a case. */
export function requestOf(
  route: string,
  c: HttpCase,
  tokens: { valid: string; other: string },
): { method: string; path: string; headers: Record<string, string>; body?: Buffer } {
  const [method, template] = route.split(' ');
  const path = template.replace(/:(\w+)/g, (_, name: string) => c.params[name] ?? '');
  const query = [
    ...c.query.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`),
    ...(c.rawQuery ? [c.rawQuery] : []),
  ].join('&');
  const headers: Record<string, string> = { ...c.headers };
  const authorization = authHeader(c.auth, tokens);
  if (authorization !== undefined) {
    headers.Authorization = authorization;
  }
  const payload = payloadOf(c);
  if (payload) {
    headers['Content-Type'] = payload.contentType;
    const { bytes, header } = encode(payload.bytes, c.encoding);
    if (header) {
      headers['Content-Encoding'] = header;
    }
    return { method, path: query ? `${path}?${query}` : path, headers, body: bytes };
  }
  return { method, path: query ? `${path}?${query}` : path, headers };
}

function authHeader(auth: AuthVariant, tokens: { valid: string; other: string }) {
  if (auth === 'valid') {
    return `Bearer ${tokens.valid}`;
  }
  if (auth === 'other-user') {
    return `Bearer ${tokens.other}`;
  }
  return auth === 'none' ? undefined : auth.header;
}

function payloadOf(c: HttpCase): RawBody | undefined {
  if (!c.body) {
    return undefined;
  }
  if ('raw' in c.body) {
    return c.body.raw;
  }
  const contentType = c.contentType ?? 'application/json';
  const text = contentType.startsWith('application/x-www-form-urlencoded')
    ? formOf(c.body.json)
    : JSON.stringify(c.body.json);
  return { contentType, bytes: Buffer.from(text ?? '', 'utf8') };
}

/** A form body from an object's top-level fields (nested values as their JSON). */
function formOf(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return percentEncode(String(value));
  }
  return Object.entries(value)
    .map(
      ([key, field]) =>
        `${percentEncode(key)}=${percentEncode(typeof field === 'string' ? field : (JSON.stringify(field) ?? ''))}`,
    )
    .join('&');
}

function encode(bytes: Buffer, encoding: Encoding): { bytes: Buffer; header?: string } {
  switch (encoding) {
    case 'none':
      return { bytes };
    case 'gzip':
      return { bytes: gzipSync(bytes), header: 'gzip' };
    case 'deflate':
      return { bytes: deflateSync(bytes), header: 'deflate' };
    case 'br':
      // Brotli's default quality takes a tenth of a second per large body; the server decodes any quality.
      return {
        bytes: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
        header: 'br',
      };
    case 'corrupt-gzip':
      return {
        bytes: Buffer.concat([gzipSync(bytes).subarray(0, 10), Buffer.from('corrupt')]),
        header: 'gzip',
      };
    default:
      return { bytes, header: encoding.header };
  }
}
