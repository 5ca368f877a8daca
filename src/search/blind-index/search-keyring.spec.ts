import { AppConfig } from '../../config/app-config';
import { parseSearchKeys, SearchKeyring } from './search-keyring';

const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const keyring = (keys: string) => new SearchKeyring({ search: { indexKeys: keys } } as unknown as AppConfig);

const CONVERSATION = '65f000000000000000000001';

describe('SearchKeyring', () => {
  it('blinds a token deterministically as <keyId>.<16 base64url characters>', () => {
    const ring = keyring(key('k1', 1));
    const blind = ring.blind(CONVERSATION, 'w:hello');
    expect(blind).toMatch(/^k1\.[\w-]{16}$/);
    expect(keyring(key('k1', 1)).blind(CONVERSATION, 'w:hello')).toBe(blind);
    expect(ring.blind(CONVERSATION, 'w:hello')).not.toContain('hello');
  });

  it('scopes tokens per conversation and tells tokens apart', () => {
    const ring = keyring(key('k1', 1));
    const blind = ring.blind(CONVERSATION, 'w:hello');
    expect(ring.blind('65f000000000000000000002', 'w:hello')).not.toBe(blind);
    expect(ring.blind(CONVERSATION, 'w:hellp')).not.toBe(blind);
    expect(ring.blind(CONVERSATION, 'p:hello')).not.toBe(blind);
  });

  it('blinds differently under different keys, even with the same id', () => {
    expect(keyring(key('k1', 2)).blind(CONVERSATION, 'w:hello')).not.toBe(
      keyring(key('k1', 1)).blind(CONVERSATION, 'w:hello'),
    );
  });

  it('writes with the first key and looks up under every key, write key first', () => {
    const ring = keyring(`${key('new', 2)}, ${key('old', 1)}`);
    expect(ring.writeKeyId).toBe('new');
    expect(ring.keyIds).toEqual(['new', 'old']);
    const all = ring.blindAll(CONVERSATION, 'w:hello');
    expect(all).toEqual([
      ring.blind(CONVERSATION, 'w:hello'),
      keyring(key('old', 1)).blind(CONVERSATION, 'w:hello'),
    ]);
    expect(all[0]).toMatch(/^new\./);
  });
});

describe('parseSearchKeys', () => {
  it('refuses malformed keys and repeated ids', () => {
    expect(parseSearchKeys(`${key('a', 1)},${key('b', 2)}`).map((parsed) => parsed.id)).toEqual(['a', 'b']);
    expect(() => parseSearchKeys('')).toThrow(/each key must be/);
    expect(() => parseSearchKeys('k1:c2hvcnQ=')).toThrow(/each key must be/);
    expect(() => parseSearchKeys(`k.1:${Buffer.alloc(32).toString('base64')}`)).toThrow(/each key must be/);
    expect(() => parseSearchKeys(`${key('a', 1)},${key('a', 2)}`)).toThrow(/only once/);
  });
});
