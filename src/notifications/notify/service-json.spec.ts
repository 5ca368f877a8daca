import { canonicalJson, MAX_DATA_BYTES, serviceDataProblem } from './service-json';

describe('service notification data', () => {
  it.each([
    [{}],
    [{ invoice: 'inv_42', total: 12.5, paid: false, note: null }],
    [{ items: [{ sku: 'a', tags: ['x', 'y'] }], nested: { deeper: { deepest: 1 } } }],
    [{ text: 'é'.repeat(1000) }],
  ])('accepts %j', (value) => {
    expect(serviceDataProblem(value)).toBeNull();
  });

  it.each([
    ['an array', [1]],
    ['a string', 'x'],
    ['null', null],
    ['an empty key', { '': 1 }],
    ['a $ key', { nested: { $gt: 1 } }],
    ['a dotted key', { 'a.b': 1 }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"x": 1}}') as unknown],
    ['an array in an array', { grid: [[1]] }],
    ['a non-finite number', { n: Number.POSITIVE_INFINITY }],
    ['a date', { at: new Date() }],
    ['too deep', { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } }],
    ['over 4 KiB of UTF-8', { text: 'é'.repeat(MAX_DATA_BYTES / 2) }],
  ])('refuses %s', (_what, value) => {
    expect(serviceDataProblem(value)).toEqual(expect.any(String));
  });

  it('serialises equal objects alike whatever the order of their keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'z' } })).toBe(
      canonicalJson({ a: { c: 'z', d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: 'x"y' })).toBe('{"a":"x\\"y"}');
  });
});
