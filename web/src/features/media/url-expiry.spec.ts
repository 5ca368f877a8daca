import { describe, expect, it } from 'vitest';
import { earliestExpiry, nextStreak, REFRESH_MARGIN_MS, refreshDelay } from './url-expiry';

const at = (iso: string) => Date.parse(iso);

describe('earliestExpiry', () => {
  it('is the soonest urlExpiresAt of a message’s attachments', () => {
    expect(
      earliestExpiry([
        { urlExpiresAt: '2026-05-01T11:00:00.000Z' },
        { urlExpiresAt: '2026-05-01T10:15:00.000Z' },
      ]),
    ).toBe(at('2026-05-01T10:15:00.000Z'));
  });

  it('is null for legacy attachments (permanent URLs) and ignores what does not parse', () => {
    expect(earliestExpiry([])).toBeNull();
    expect(earliestExpiry([{}, { urlExpiresAt: undefined }])).toBeNull();
    expect(earliestExpiry([{ urlExpiresAt: 'soon' }, { urlExpiresAt: '2026-05-01T10:00:00Z' }])).toBe(
      at('2026-05-01T10:00:00Z'),
    );
  });
});

describe('refreshDelay', () => {
  const now = at('2026-05-01T10:00:00.000Z');

  it('fetches afresh a little before the URLs expire', () => {
    expect(refreshDelay(now + 3_600_000, now)).toBe(3_600_000 - REFRESH_MARGIN_MS);
    expect(refreshDelay(now + 60_000, now)).toBe(60_000 - REFRESH_MARGIN_MS);
  });

  it('waits a little at least, even for URLs already expired (a message loaded from an old cache)', () => {
    expect(refreshDelay(now - 3_600_000, now)).toBe(5_000);
    expect(refreshDelay(now + 10_000, now)).toBe(5_000);
  });

  it('backs off while refreshes bring nothing newer (this clock runs ahead of the server’s)', () => {
    expect(refreshDelay(now - 1, now, 1)).toBe(10_000);
    expect(refreshDelay(now - 1, now, 3)).toBe(40_000);
    expect(refreshDelay(now - 1, now, 30)).toBe(600_000);
  });

  it('never asks setTimeout for more than it can wait', () => {
    expect(refreshDelay(now + 100 * 86_400_000, now)).toBe(2 ** 31 - 1);
  });
});

describe('nextStreak', () => {
  it('starts over when a refresh brought URLs that last longer, and counts those that did not', () => {
    expect(nextStreak(1_000, 2_000, 3)).toBe(0);
    expect(nextStreak(1_000, 1_000, 0)).toBe(1);
    expect(nextStreak(1_000, 1_000, 4)).toBe(5);
    // The message is gone (deleted, or the user left): nothing to gain by asking soon.
    expect(nextStreak(1_000, null, 0)).toBe(1);
  });
});
