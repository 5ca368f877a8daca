/**
 * What a service may put in a notification's `data`: a JSON object of at most 4 KiB (UTF-8), stored as is
 * and handed back to clients. Its keys must be storable in MongoDB and FerretDB v1 alike and must not touch
 * prototypes: none empty, starting with `$`, holding a `.` or named `__proto__`; and no array directly
 * inside another (FerretDB v1 has no nested arrays).
 */
export const MAX_DATA_BYTES = 4096;
const MAX_DEPTH = 8;

/** Why `value` is no acceptable `data`, or null when it is. */
export function serviceDataProblem(value: unknown): string | null {
  if (!isPlainObject(value)) {
    return 'must be a JSON object';
  }
  const problem = nestedProblem(value, 0, false);
  if (problem) {
    return problem;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  return bytes > MAX_DATA_BYTES ? `must be at most ${MAX_DATA_BYTES} bytes as JSON (is ${bytes})` : null;
}

function nestedProblem(value: unknown, depth: number, inArray: boolean): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : 'numbers must be finite';
  }
  if (depth >= MAX_DEPTH) {
    return `must nest at most ${MAX_DEPTH} levels`;
  }
  if (Array.isArray(value)) {
    return inArray
      ? 'must not hold an array directly inside another array'
      : firstProblem(value.map((item) => nestedProblem(item, depth + 1, true)));
  }
  if (!isPlainObject(value)) {
    return 'must hold JSON values only';
  }
  for (const key of Object.keys(value)) {
    if (key === '' || key.startsWith('$') || key.includes('.') || key === '__proto__') {
      return `key "${key.slice(0, 40)}" is not allowed (empty, starting with $, holding a dot, or __proto__)`;
    }
  }
  return firstProblem(Object.values(value).map((item) => nestedProblem(item, depth + 1, false)));
}

function firstProblem(problems: Array<string | null>): string | null {
  return problems.find((problem) => problem !== null) ?? null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** JSON with every object's keys sorted, so equal values always serialise alike (the request fingerprint). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
