import { entryOf, hasLink, IndexedMessage, messageTokens, parseEntry } from './message-tokens';

const message = (overrides: Partial<IndexedMessage> = {}): IndexedMessage => ({
  conversationId: '65f000000000000000000001',
  messageId: '65f0000000000000000000aa',
  senderId: '65f0000000000000000000bb',
  createdAt: new Date('2024-05-01T10:00:00.000Z'),
  content: null,
  attachments: [],
  ...overrides,
});

describe('messageTokens', () => {
  it('gives the content and attachment names their text tokens, and the sender a pseudo token', () => {
    const tokens = messageTokens(
      message({ content: 'Hi Zoë', attachments: [{ name: 'Plan.pdf', kind: 'file' }] }),
    );
    expect(tokens.sort()).toEqual(
      [
        'f:65f0000000000000000000bb',
        'w:hi',
        'w:zoe',
        'p:zoe',
        'h:attachment',
        'h:file',
        'w:plan',
        'p:pla',
        'p:plan',
        'w:pdf',
        'p:pdf',
      ].sort(),
    );
  });

  it('tells attachment kinds apart, voice notes as audio', () => {
    const kinds = (kind: string) =>
      messageTokens(message({ attachments: [{ name: 'x', kind }] })).filter((token) =>
        token.startsWith('h:'),
      );
    expect(kinds('image')).toEqual(['h:attachment', 'h:image']);
    expect(kinds('video')).toEqual(['h:attachment', 'h:video']);
    expect(kinds('audio')).toEqual(['h:attachment', 'h:audio']);
    expect(kinds('voice')).toEqual(['h:attachment', 'h:audio']);
    expect(kinds('file')).toEqual(['h:attachment', 'h:file']);
    expect(kinds('something-new')).toEqual(['h:attachment', 'h:file']);
    expect(messageTokens(message({ content: 'plain' })).filter((token) => token.startsWith('h:'))).toEqual(
      [],
    );
  });

  it('marks content with a link, deduplicated', () => {
    const tokens = messageTokens(message({ content: 'see https://parley.example/a and https://x.example' }));
    expect(tokens.filter((token) => token === 'h:link')).toHaveLength(1);
  });
});

describe('hasLink', () => {
  it('finds http(s) URLs and www. hosts, not bare domains, emails or other schemes', () => {
    expect(hasLink('go to https://parley.example/x?y=1')).toBe(true);
    expect(hasLink('HTTP://PARLEY.EXAMPLE')).toBe(true);
    expect(hasLink('visit www.parley.com today')).toBe(true);
    expect(hasLink('parley.com is a domain')).toBe(false);
    expect(hasLink('mail me: zoe@parley.com')).toBe(false);
    expect(hasLink('ftp://files.parley.example/a')).toBe(false);
    expect(hasLink('no link here, just a sentence. Really.')).toBe(false);
  });
});

describe('entries', () => {
  it('are 34 characters that sort by time, then id, and parse back', () => {
    const entry = entryOf(message());
    expect(entry).toHaveLength(34);
    expect(entry).toBe(`0${Date.parse('2024-05-01T10:00:00.000Z').toString(36)}.65f0000000000000000000aa`);
    expect(parseEntry(entry)).toEqual({
      createdAt: Date.parse('2024-05-01T10:00:00.000Z'),
      messageId: '65f0000000000000000000aa',
    });
    const ordered = [
      entryOf({ messageId: 'ffffffffffffffffffffffff', createdAt: new Date(999) }),
      entryOf({ messageId: '000000000000000000000000', createdAt: new Date(1000) }),
      entryOf({ messageId: '000000000000000000000001', createdAt: new Date(1000) }),
      entryOf({ messageId: '000000000000000000000000', createdAt: new Date('2100-01-01') }),
    ];
    expect([...ordered].reverse().sort()).toEqual(ordered);
  });

  it('parse to null when malformed', () => {
    for (const entry of [
      '',
      'x',
      '0lvn1a2b3.65f0',
      '0lvn1a2b3-65f0000000000000000000aa',
      'ZLVN1A2B3.65f0000000000000000000aa',
    ]) {
      expect(parseEntry(entry)).toBeNull();
    }
  });
});
