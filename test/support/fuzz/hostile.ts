import fc from 'fast-check';

/**
 * Values a hostile client sends. Everything here must be refused with a documented 4xx (or ack error) or
 * handled; none may make the server fault.
 */

/** Strings that have broken parsers, regexes, BSON, URLs and logs before. Short enough for a URL. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '$where',
  '$ne',
  '$gt',
  'a.b',
  '.',
  '..',
  '../../etc/passwd',
  '%',
  '%00',
  '%FF',
  '%E0%A4%A',
  '\u202e',
  '\ud800',
  '\udfff',
  '😀',
  '👩‍👩‍👧‍👦',
  'null',
  'undefined',
  'NaN',
  '-1',
  '-0',
  '1e309',
  '0x10',
  '9007199254740993',
  ' 0123456789abcdef01234567 ',
  '0123456789ABCDEF01234567',
  '0123456789abcdef0123456',
  '0123456789abcdef012345678',
  'zzzzzzzzzzzzzzzzzzzzzzzz',
  'aaaaaaaaaaaa',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{"$gt":""}',
  'https://evil.example/',
  'javascript:alert(1)',
  'http://169.254.169.254/latest/meta-data',
  'data:text/html,x',
  '\r\nX-Injected: 1',
];

/** Short hostile strings, fit for path segments, query values and header-free places. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(300, 2_000).map((length) => 'x'.repeat(length)),
);

/** Strings for HTTP bodies, where length limits are part of what is tested (the body limit included). */
export const hostileBodyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(2_500, 50_001).map((count) => '😀'.repeat(count)) },
);

/**
 * Strings for socket payloads: past the event schemas' limits but under SOCKET_MAX_BUFFER_BYTES, beyond
 * which Engine.IO closes the connection by design.
 */
export const hostileFrameString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constant('😀'.repeat(2_500)) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1.5, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MAX_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** `{"__proto__": ...}` and friends as own keys, the way JSON.parse builds them from a request body. */
const pollutingObject: fc.Arbitrary<unknown> = fc
  .constantFrom(
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"__proto__":{"toString":"not a function"}}',
    '{"$ne":null}',
    '{"$gt":""}',
    '{"$where":"sleep(1000)"}',
  )
  .map((json) => JSON.parse(json) as unknown);

/** Nesting deep enough to trouble a recursive walker, small enough for the body limit. */
const deepNesting: fc.Arbitrary<unknown> = fc
  .constantFrom(100, 3_000)
  .map((depth) => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown);

/** Any JSON value, biased towards the hostile ones, with strings from `strings`. */
function hostileJsonOf(strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: strings },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 2, arbitrary: pollutingObject },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  );
}

export const hostileJson = hostileJsonOf(hostileBodyString);
export const hostileFrameJson = hostileJsonOf(hostileFrameString);

/** Keys a client should not send: unknown ones, prototype keys, operators. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '$set',
    '$where',
    'a.b',
    '',
    'role',
    'admin',
    '_id',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Sets `key` as an own property even when it is `__proto__`, as JSON.parse would. */
export function withKey(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

type Path = Array<string | number>;

/** Paths to every value inside `value` (not the root), depth first. */
function pathsIn(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsIn(inner, path)];
  });
}

/** A copy of `root` with the value at `path` replaced (`undefined` drops it; a new key is added as own). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...(root as unknown[])];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy.filter((item) => item !== undefined);
  }
  const object = root as Record<string, unknown>;
  const inner = setAt(object[head], rest, value);
  if (inner === undefined) {
    const { [head]: _dropped, ...others } = object;
    return others;
  }
  return withKey(object, String(head), inner);
}

/**
 * A hostile variant of a valid-looking JSON object: one value at any depth replaced or dropped, a key added
 * to it or to an object inside it, or the whole thing replaced by something else.
 */
export function mutateObject(
  valid: fc.Arbitrary<Record<string, unknown>>,
  values: fc.Arbitrary<unknown> = hostileJson,
): fc.Arbitrary<unknown> {
  return valid.chain((base) => {
    const paths = pathsIn(base);
    const objects: Path[] = [[], ...paths.filter((path) => isObject(getAt(base, path)))];
    const somewhere = paths.length === 0 ? fc.constant<Path>([]) : fc.constantFrom(...paths);
    return fc.oneof(
      { weight: 4, arbitrary: fc.tuple(somewhere, values).map(([path, value]) => setAt(base, path, value)) },
      { weight: 1, arbitrary: somewhere.map((path) => setAt(base, path, undefined)) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...objects), hostileKey, values)
          .map(([path, key, value]) => setAt(base, [...path, key], value)),
      },
      { weight: 1, arbitrary: values },
    );
  });
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], root);
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A 24-hex id that names nothing. */
export const unknownId: fc.Arbitrary<string> = fc.stringMatching(/^[0-9a-f]{24}$/);

/** Well-formed ids: mostly the given fixtures (in either case), sometimes one that names nothing. */
export function fixtureId(...fixtures: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...fixtures) },
    { weight: 1, arbitrary: fc.constantFrom(...fixtures).map((id) => id.toUpperCase()) },
    { weight: 1, arbitrary: unknownId },
  );
}
