import { describe, expect, it } from 'vitest';
import type { MessageResponse } from '../api/types';
import { PAGES_WITH_SEQ, PAGES_WITHOUT_SEQ, shouldLoadOlder } from './jump-target';
import type { MessageWindow } from './message-list';

const windowFrom = (firstSeq: number, hasOlder = true): MessageWindow => ({
  messages: [{ id: 'm', seq: firstSeq } as MessageResponse],
  hasOlder,
});

describe('shouldLoadOlder', () => {
  it('loads until the window reaches a known seq, past the few pages of an unknown one', () => {
    expect(shouldLoadOlder(windowFrom(900), 10, PAGES_WITHOUT_SEQ + 5)).toBe(true);
    expect(shouldLoadOlder(windowFrom(10), 10, 1)).toBe(false);
    expect(shouldLoadOlder(windowFrom(9), 10, 1)).toBe(false);
  });

  it('stops at the start of the history, and after a bound', () => {
    expect(shouldLoadOlder(windowFrom(900, false), 10, 0)).toBe(false);
    expect(shouldLoadOlder(windowFrom(900), 10, PAGES_WITH_SEQ)).toBe(false);
    expect(shouldLoadOlder({ messages: [], hasOlder: true }, 10, 0)).toBe(false);
  });

  it('loads a few pages for a message whose seq it does not know', () => {
    expect(shouldLoadOlder(windowFrom(900), null, 0)).toBe(true);
    expect(shouldLoadOlder(windowFrom(900), null, PAGES_WITHOUT_SEQ)).toBe(false);
  });
});
