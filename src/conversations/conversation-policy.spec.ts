import { GroupAction, mayPerform, mayRemove } from './conversation-policy';
import { MemberRole } from './membership.schema';

describe('group policy', () => {
  it('lets admins and owners rename and add, but only owners change roles', () => {
    expect(mayPerform(MemberRole.Member, GroupAction.Rename)).toBe(false);
    expect(mayPerform(MemberRole.Admin, GroupAction.AddMembers)).toBe(true);
    expect(mayPerform(MemberRole.Admin, GroupAction.ChangeRole)).toBe(false);
    expect(mayPerform(MemberRole.Owner, GroupAction.ChangeRole)).toBe(true);
  });

  it('lets a member be removed only by someone of higher rank', () => {
    expect(mayRemove(MemberRole.Admin, MemberRole.Member)).toBe(true);
    expect(mayRemove(MemberRole.Admin, MemberRole.Admin)).toBe(false);
    expect(mayRemove(MemberRole.Owner, MemberRole.Admin)).toBe(true);
    expect(mayRemove(MemberRole.Member, MemberRole.Member)).toBe(false);
  });
});
