import { Role } from '../common/auth/role';
import { maySuspend, suspensionEnd } from './suspension-policy';

describe('maySuspend', () => {
  it('lets moderators suspend members only', () => {
    expect(maySuspend(Role.Moderator, Role.Member)).toBe(true);
    expect(maySuspend(Role.Moderator, Role.Moderator)).toBe(false);
    expect(maySuspend(Role.Moderator, Role.Admin)).toBe(false);
  });

  it('lets admins and callers outside a request (CLI, other features) suspend anyone', () => {
    for (const target of Object.values(Role)) {
      expect(maySuspend(Role.Admin, target)).toBe(true);
      expect(maySuspend(undefined, target)).toBe(true);
    }
  });
});

describe('suspensionEnd', () => {
  it('is null without a duration', () => {
    expect(suspensionEnd(undefined, 3600, 0)).toBeNull();
  });

  it('accepts fractional hours down to the minimum', () => {
    expect(suspensionEnd(1, 3600, 1000)).toEqual(new Date(1000 + 3_600_000));
    expect(suspensionEnd(0.5, 1800, 0)).toEqual(new Date(1_800_000));
    expect(suspensionEnd(2 / 3600, 1, 0)).toEqual(new Date(2000));
  });

  it('refuses anything shorter than the minimum', () => {
    expect(suspensionEnd(0.5, 3600, 0)).toBeUndefined();
    expect(suspensionEnd(0.1 / 3600, 1, 0)).toBeUndefined();
  });
});
