import { MemberRole } from './membership.schema';

export enum GroupAction {
  Rename = 'rename',
  AddMembers = 'add-members',
  RemoveMember = 'remove-member',
  ChangeRole = 'change-role',
  DeleteOthersMessage = 'delete-others-message',
}

const RANK: Record<MemberRole, number> = {
  [MemberRole.Member]: 0,
  [MemberRole.Admin]: 1,
  [MemberRole.Owner]: 2,
};

/** Who may do what in a group. One table, used by every transport. */
export function mayPerform(role: MemberRole, action: GroupAction): boolean {
  switch (action) {
    case GroupAction.Rename:
    case GroupAction.AddMembers:
    case GroupAction.RemoveMember:
    case GroupAction.DeleteOthersMessage:
      return RANK[role] >= RANK[MemberRole.Admin];
    case GroupAction.ChangeRole:
      return role === MemberRole.Owner;
  }
}

/** Admins may remove plain members; owners may remove anyone but are themselves removed only by leaving. */
export function mayRemove(actor: MemberRole, target: MemberRole): boolean {
  return mayPerform(actor, GroupAction.RemoveMember) && RANK[actor] > RANK[target];
}
