import { WindowEstimate } from './window-estimate';

describe('WindowEstimate', () => {
  it('admits up to the limit from its own events alone, exactly', () => {
    const estimate = new WindowEstimate();
    const admitted = Array.from({ length: 5 }, () => {
      if (!estimate.allows(7, 3)) {
        return false;
      }
      estimate.admit(7);
      return true;
    });
    expect(admitted).toEqual([true, true, true, false, false]);
  });

  it("counts other instances' events once a total comes back, plus its own admitted since", () => {
    const estimate = new WindowEstimate();
    const first = estimate.admit(7);
    estimate.admit(7);
    // Redis counted 3 events of other instances before the first: the total after it is 4.
    estimate.report(7, first, 4);
    expect(estimate.allows(7, 6)).toBe(true); // 4 + the second one = 5
    estimate.admit(7);
    expect(estimate.allows(7, 6)).toBe(false);
  });

  it('keeps the highest estimate when totals come back out of order', () => {
    const estimate = new WindowEstimate();
    const [first, second] = [estimate.admit(7), estimate.admit(7)];
    estimate.report(7, second, 10);
    estimate.report(7, first, 3);
    expect(estimate.allows(7, 10)).toBe(false);
    expect(estimate.allows(7, 11)).toBe(true);
  });

  it('starts every window afresh and ignores totals of a window that is over', () => {
    const estimate = new WindowEstimate();
    const old = estimate.admit(7);
    estimate.admit(8);
    estimate.report(7, old, 50);
    expect(estimate.allows(8, 2)).toBe(true);
    expect(estimate.allows(9, 1)).toBe(true);
  });
});
