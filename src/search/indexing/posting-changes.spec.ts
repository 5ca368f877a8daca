import { PostingChanges } from './posting-changes';

describe('PostingChanges', () => {
  it('keeps the last change of a pair, counted once', () => {
    const changes = new PostingChanges();
    changes.set('k.a', 'e1', true);
    changes.set('k.a', 'e1', false);
    changes.set('k.b', 'e1', true);
    expect(changes.size).toBe(2);
    expect(changes.additions()).toEqual(new Map([['k.b', ['e1']]]));
    expect(changes.removals()).toEqual(new Map([['k.a', ['e1']]]));
  });

  it('groups the entries of a token and leaves out tokens with nothing of the kind asked', () => {
    const changes = new PostingChanges();
    changes.set('k.a', 'e1', true);
    changes.set('k.a', 'e2', true);
    changes.set('k.a', 'e3', false);
    expect(changes.additions()).toEqual(new Map([['k.a', ['e1', 'e2']]]));
    expect(changes.removals()).toEqual(new Map([['k.a', ['e3']]]));
    expect(new PostingChanges().additions().size).toBe(0);
  });

  it('absorbs older changes under newer ones', () => {
    const older = new PostingChanges();
    older.set('k.a', 'e1', true);
    older.set('k.b', 'e1', true);
    const newer = new PostingChanges();
    newer.set('k.a', 'e1', false);
    newer.absorbOlder(older);
    expect(newer.size).toBe(2);
    expect(newer.removals()).toEqual(new Map([['k.a', ['e1']]]));
    expect(newer.additions()).toEqual(new Map([['k.b', ['e1']]]));
  });
});
