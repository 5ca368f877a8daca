import { actorList, DigestItem, digestSections, digestSummary, renderDigest } from './digest-content';

const links = {
  webUrl: 'https://app.parley.test',
  unsubscribeUrl: 'https://app.parley.test/unsubscribe?token=t',
};

describe('actorList', () => {
  it.each([
    [['Ana'], 1, 'Ana'],
    [['Ana', 'Bo'], 2, 'Ana and Bo'],
    [['Ana', 'Bo', 'Cy'], 3, 'Ana, Bo and Cy'],
    [['Ana', 'Bo', 'Cy'], 5, 'Ana, Bo and 3 others'],
    [['Ana'], 2, 'Ana and 1 other'],
    [[], 1, 'Someone'],
    [[], 4, '4 people'],
  ])('names %j of %i as %s', (names, total, expected) => {
    expect(actorList(names, total)).toBe(expected);
  });
});

describe('digestSections', () => {
  it('groups items by conversation in the order given, the notification center last', () => {
    const items: DigestItem[] = [
      { kind: 'service', title: 'Build failed' },
      { kind: 'messages', conversationId: 'c1', title: 'Ana', count: 3 },
      { kind: 'mention', conversationId: 'c2', title: 'Team', actors: ['Ana'], actorCount: 1, count: 2 },
      { kind: 'missed_call', conversationId: 'c1', title: 'Ana', actors: ['Ana'], actorCount: 1, count: 1 },
    ];
    expect(digestSections(items)).toEqual([
      { conversationId: 'c1', title: 'Ana', lines: ['3 unread messages', 'Missed call from Ana'] },
      { conversationId: 'c2', title: 'Team', lines: ['Ana mentioned you 2 times'] },
      { conversationId: null, title: 'Notifications', lines: ['Build failed'] },
    ]);
  });

  it('counts in the singular and aggregates actors', () => {
    const items: DigestItem[] = [
      { kind: 'messages', conversationId: 'c1', title: 'Ana', count: 1 },
      {
        kind: 'mention',
        conversationId: 'c2',
        title: 'Team',
        actors: ['Ana', 'Bo'],
        actorCount: 4,
        count: 6,
      },
      { kind: 'missed_call', conversationId: null, title: null, actors: ['Cy'], actorCount: 1, count: 2 },
    ];
    expect(digestSections(items).map((section) => section.lines)).toEqual([
      ['1 unread message'],
      ['Ana, Bo and 2 others mentioned you 6 times'],
      ['2 missed calls from Cy'],
    ]);
  });
});

describe('digestSummary', () => {
  it('adds up each kind', () => {
    expect(
      digestSummary([
        { kind: 'messages', conversationId: 'c1', title: 'Ana', count: 3 },
        { kind: 'messages', conversationId: 'c3', title: 'Bo', count: 1 },
        { kind: 'mention', conversationId: 'c2', title: 'Team', actors: ['Ana'], actorCount: 1, count: 2 },
        { kind: 'service', title: null },
      ]),
    ).toBe('4 unread messages, 2 mentions and 1 notification');
    expect(digestSummary([{ kind: 'messages', conversationId: 'c1', title: 'Ana', count: 1 }])).toBe(
      '1 unread message',
    );
  });
});

describe('renderDigest', () => {
  const items: DigestItem[] = [
    { kind: 'messages', conversationId: '65f0c0ffee0000000000beef', title: 'Ana <b>&', count: 3 },
    { kind: 'service', title: 'Deploy "done"' },
  ];

  it('links each conversation, the notification center, the unsubscribe page and the settings', () => {
    const email = renderDigest('Zoe', items, links);
    expect(email.subject).toBe('Parley: 3 unread messages and 1 notification');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('https://app.parley.test/c/65f0c0ffee0000000000beef');
      expect(part).toContain('https://app.parley.test/notifications');
      expect(part).toContain('https://app.parley.test/unsubscribe?token=t');
      expect(part).toContain('https://app.parley.test/settings');
    }
    expect(email.text).toContain('Ana <b>&\n  3 unread messages');
  });

  it('escapes names in the HTML part', () => {
    const { html } = renderDigest('<Zoe>', items, links);
    expect(html).toContain('Ana &lt;b&gt;&amp;');
    expect(html).toContain('Hi &lt;Zoe&gt;,');
    expect(html).toContain('Deploy &quot;done&quot;');
    expect(html).not.toContain('<b>&');
  });
});
