import { describe, expect, it } from 'vitest';
import {
  entriesOf,
  type InboxPages,
  markRead,
  readMatcher,
  removeEntry,
  replaceEntry,
  upsertEntry,
} from './inbox-pages';
import { entry } from './test-entries';

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function pages(...lists: Array<{ ids: Array<[string, number]>; next: string | null }>): InboxPages {
  return {
    pageParams: lists.map((_, index) => (index === 0 ? null : `cursor-${index}`)),
    pages: lists.map((list) => ({
      items: list.ids.map(([id, minute]) => entry(id, { updatedAt: at(minute) })),
      nextCursor: list.next,
      unreadCount: 0,
    })),
  };
}

const ids = (data: InboxPages) => entriesOf(data).map((item) => item.id);

describe('upsertEntry', () => {
  it('puts a new entry first', () => {
    const data = pages({
      ids: [
        ['b', 20],
        ['a', 10],
      ],
      next: null,
    });
    expect(ids(upsertEntry(data, entry('c', { updatedAt: at(30) })))).toEqual(['c', 'b', 'a']);
  });

  it('moves a grown entry up from a later page, without repeating it', () => {
    const data = pages(
      {
        ids: [
          ['c', 30],
          ['b', 20],
        ],
        next: 'x',
      },
      { ids: [['a', 10]], next: null },
    );
    const grown = upsertEntry(data, entry('a', { updatedAt: at(40), count: 2 }));
    expect(ids(grown)).toEqual(['a', 'c', 'b']);
    expect(grown.pages[1]?.items).toEqual([]);
    expect(entriesOf(grown)[0]?.count).toBe(2);
  });

  it('places an entry that arrives late by its time, and leaves one past the loaded pages to "Load more"', () => {
    const data = pages({
      ids: [
        ['c', 30],
        ['a', 10],
      ],
      next: 'x',
    });
    expect(ids(upsertEntry(data, entry('b', { updatedAt: at(20) })))).toEqual(['c', 'b', 'a']);
    expect(ids(upsertEntry(data, entry('z', { updatedAt: at(5) })))).toEqual(['c', 'a']);
    const complete = pages({
      ids: [
        ['c', 30],
        ['a', 10],
      ],
      next: null,
    });
    expect(ids(upsertEntry(complete, entry('z', { updatedAt: at(5) })))).toEqual(['c', 'a', 'z']);
  });

  it('fills an empty list', () => {
    expect(ids(upsertEntry(pages({ ids: [], next: null }), entry('a')))).toEqual(['a']);
  });
});

describe('markRead', () => {
  const data = pages({
    ids: [
      ['c', 30],
      ['b', 20],
      ['a', 10],
    ],
    next: null,
  });

  it('marks the entries read in the full list and drops them from the unread one', () => {
    const isRead = readMatcher({ all: false, ids: ['b'] });
    const all = markRead(data, isRead, at(50), 'all');
    expect(entriesOf(all).map((item) => item.readAt)).toEqual([null, at(50), null]);
    expect(ids(markRead(data, isRead, at(50), 'unread'))).toEqual(['c', 'a']);
  });

  it('keeps the first read time of an entry already read', () => {
    const read = markRead(data, readMatcher({ all: false, ids: ['a'] }), at(40), 'all');
    const again = markRead(read, readMatcher({ all: true, before: null }), at(50), 'all');
    expect(entriesOf(again).map((item) => item.readAt)).toEqual([at(50), at(50), at(40)]);
  });

  it('reads everything up to `before` for a read-all with a time', () => {
    const isRead = readMatcher({ all: true, before: at(20) });
    expect(ids(markRead(data, isRead, at(50), 'unread'))).toEqual(['c']);
  });
});

describe('removeEntry and replaceEntry', () => {
  const data = pages({
    ids: [
      ['b', 20],
      ['a', 10],
    ],
    next: null,
  });

  it('removes a deleted entry', () => {
    expect(ids(removeEntry(data, 'a'))).toEqual(['b']);
  });

  it("puts the server's copy in place, or drops it from the unread list once read", () => {
    const read = entry('a', { updatedAt: at(10), readAt: at(11) });
    expect(entriesOf(replaceEntry(data, read, 'all'))[1]?.readAt).toBe(at(11));
    expect(ids(replaceEntry(data, read, 'unread'))).toEqual(['b']);
  });
});
