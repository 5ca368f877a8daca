import type {
  ModerationAction,
  QueueItemResponse,
  ReportReason,
  ReportTargetType,
  Role,
  UserStatus,
} from '../../api/types';

/** The server's enums as string unions (its types are imported type-only; these records must name every value). */
export type Reason = `${ReportReason}`;
export type Action = `${ModerationAction}`;
export type RoleName = `${Role}`;
export type TargetType = `${ReportTargetType}`;
export type StatusName = `${UserStatus}`;

export const REASON_LABELS: Record<Reason, string> = {
  spam: 'Spam',
  harassment: 'Harassment or bullying',
  hate: 'Hate speech',
  sexual: 'Sexual content',
  violence: 'Violence or threats',
  illegal: 'Illegal content',
  other: 'Something else',
};
export const REASONS = Object.keys(REASON_LABELS) as Reason[];

export const ACTION_LABELS: Record<Action, string> = {
  dismiss: 'Dismiss',
  remove_message: 'Remove message',
  suspend_user: 'Suspend user',
  ban_from_conversation: 'Ban from group',
};

/** What a reporter reads as the outcome: the decision, never who made it or why. */
export const OUTCOME_LABELS: Record<Action, string> = {
  dismiss: 'Reviewed, no action taken',
  remove_message: 'Message removed',
  suspend_user: 'Account suspended',
  ban_from_conversation: 'Banned from the group',
};

export const ROLES: RoleName[] = ['member', 'moderator', 'admin'];

export function canModerate(role: RoleName): boolean {
  return role === 'moderator' || role === 'admin';
}

export function isAdmin(role: RoleName): boolean {
  return role === 'admin';
}

/** Resolve actions that fit a report's target; the server has the last word (400 ACTION_NOT_APPLICABLE). */
export function actionsFor(item: Pick<QueueItemResponse, 'targetType' | 'status'>): Action[] {
  if ((item.status as string) !== 'open') {
    return [];
  }
  switch (item.targetType as TargetType) {
    case 'message':
      return ['dismiss', 'remove_message', 'suspend_user', 'ban_from_conversation'];
    case 'user':
      return ['dismiss', 'suspend_user'];
    default:
      return ['dismiss'];
  }
}

export interface UserActions {
  changeRole: boolean;
  suspend: boolean;
  unsuspend: boolean;
  disable: boolean;
  enable: boolean;
}

/**
 * What a viewer may do to an account: roles are for admins (their own included, so the server can answer
 * LAST_ADMIN); moderators act on members only; nobody suspends or disables themselves. Moderators cannot
 * list accounts (GET /admin/users is for admins), so for them role and status may be unknown: every
 * action is offered and the server's answer (TARGET_ROLE_TOO_HIGH, USER_NOT_SUSPENDED...) is shown.
 */
export function userActionsFor(
  viewer: { id: string; role: RoleName },
  target: { id: string; role?: RoleName; status?: StatusName },
): UserActions {
  const self = viewer.id === target.id;
  const { role, status } = target;
  const gone = status === 'deleting' || status === 'deleted';
  const mayAct =
    !self &&
    !gone &&
    (isAdmin(viewer.role) || (viewer.role === 'moderator' && (role ?? 'member') === 'member'));
  const is = (value: StatusName) => status === undefined || status === value;
  return {
    changeRole: isAdmin(viewer.role) && role !== undefined && !gone,
    suspend: mayAct && is('active'),
    unsuspend: mayAct && is('suspended'),
    disable: mayAct && (is('active') || is('suspended')),
    enable: mayAct && is('disabled'),
  };
}

export interface NavLink {
  to: string;
  label: string;
}

/** The safety pages a role sees in navigation (the server refuses the rest anyway: 403 INSUFFICIENT_ROLE). */
export function navLinksFor(role: RoleName): NavLink[] {
  const links: NavLink[] = [{ to: '/reports', label: 'My reports' }];
  if (canModerate(role)) {
    links.push({ to: '/moderation', label: 'Moderation' }, { to: '/admin/users', label: 'Users' });
  }
  if (isAdmin(role)) {
    links.push({ to: '/admin/audit', label: 'Audit log' }, { to: '/admin/api-keys', label: 'API keys' });
  }
  return links;
}

type GroupRole = 'owner' | 'admin' | 'member';

/** Whether a group member may manage the group's bans (owners and admins). */
export function canManageBans(myRole: string | null | undefined): boolean {
  return myRole === 'owner' || myRole === 'admin';
}

/** Whom I may ban: never myself or an owner; a group admin bans members only (403 CANNOT_BAN_OWNER...). */
export function bannableMembers<M extends { userId: string; role: string }>(
  members: M[],
  myUserId: string,
  myRole: string | null | undefined,
): M[] {
  if (!canManageBans(myRole)) {
    return [];
  }
  return members.filter((member) => {
    const role = member.role as GroupRole;
    return member.userId !== myUserId && role !== 'owner' && (myRole === 'owner' || role === 'member');
  });
}
