import { describe, expect, it } from 'vitest';
import { anchoredScrollTop, isAtBottom, nearTop, scrollAction } from './scroll-anchor';

describe('scroll anchoring', () => {
  it('keeps the visible message in place when older ones are prepended', () => {
    expect(anchoredScrollTop({ scrollTop: 10, scrollHeight: 1000, clientHeight: 500 }, 1600)).toBe(610);
  });

  it('tells the bottom and the top apart with some slack', () => {
    expect(isAtBottom({ scrollTop: 470, scrollHeight: 1000, clientHeight: 500 })).toBe(true);
    expect(isAtBottom({ scrollTop: 300, scrollHeight: 1000, clientHeight: 500 })).toBe(false);
    expect(nearTop({ scrollTop: 100, scrollHeight: 1000, clientHeight: 500 })).toBe(true);
    expect(nearTop({ scrollTop: 400, scrollHeight: 1000, clientHeight: 500 })).toBe(false);
  });

  it("follows new messages only at the bottom or for the user's own", () => {
    expect(scrollAction({ prepended: true, appended: false, wasAtBottom: true, mineAppended: false })).toBe(
      'anchor',
    );
    expect(scrollAction({ prepended: false, appended: true, wasAtBottom: true, mineAppended: false })).toBe(
      'bottom',
    );
    expect(scrollAction({ prepended: false, appended: true, wasAtBottom: false, mineAppended: false })).toBe(
      'none',
    );
    expect(scrollAction({ prepended: false, appended: true, wasAtBottom: false, mineAppended: true })).toBe(
      'bottom',
    );
  });
});
