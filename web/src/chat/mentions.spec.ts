import { describe, expect, it } from 'vitest';
import {
  activeMentionQuery,
  decodeMentions,
  encodeMentions,
  insertMention,
  matchMembers,
  tokenizeContent,
} from './mentions';

const ANN = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const BOB = 'bbbbbbbbbbbbbbbbbbbbbbbb';

describe('mentions', () => {
  it('splits content into text and mention tokens', () => {
    expect(tokenizeContent(`hi @${ANN.toUpperCase()}, and @${BOB}!`)).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', userId: ANN },
      { kind: 'text', text: ', and ' },
      { kind: 'mention', userId: BOB },
      { kind: 'text', text: '!' },
    ]);
    expect(tokenizeContent('mail me at a@b.c')).toEqual([{ kind: 'text', text: 'mail me at a@b.c' }]);
  });

  it('finds the @query before the caret only at a word start', () => {
    expect(activeMentionQuery('hello @an', 9)).toEqual({ start: 6, query: 'an' });
    expect(activeMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMentionQuery('mail a@b', 8)).toBeNull();
    expect(activeMentionQuery('hello @ann there', 16)).toBeNull();
  });

  it('inserts the display name and moves the caret after it', () => {
    expect(insertMention('hi @an!', 3, 6, { userId: ANN, displayName: 'Ann Lee' })).toEqual({
      text: 'hi @Ann Lee !',
      caret: 12,
    });
  });

  it('matches members by any word prefix, ignoring case and accents', () => {
    const members = [
      { userId: ANN, displayName: 'Ann Lee' },
      { userId: BOB, displayName: 'Zoë Bob' },
    ];
    expect(matchMembers(members, 'zoe').map((m) => m.userId)).toEqual([BOB]);
    expect(matchMembers(members, 'LE').map((m) => m.userId)).toEqual([ANN]);
    expect(matchMembers(members, '')).toHaveLength(2);
  });

  it('encodes picked names as ids, longest first, and decodes them back', () => {
    const picked = [
      { userId: ANN, displayName: 'Ann' },
      { userId: BOB, displayName: 'Ann Marie' },
    ];
    const encoded = encodeMentions('@Ann Marie and @Ann', picked);
    expect(encoded).toBe(`@${BOB} and @${ANN}`);
    const names: Record<string, string> = { [ANN]: 'Ann', [BOB]: 'Ann Marie' };
    expect(decodeMentions(encoded, (id) => names[id])).toEqual({
      text: '@Ann Marie and @Ann',
      picked: [
        { userId: BOB, displayName: 'Ann Marie' },
        { userId: ANN, displayName: 'Ann' },
      ],
    });
  });
});
