import { describe, expect, it } from 'vitest';
import { actionsFor, bannableMembers, canModerate, navLinksFor, userActionsFor } from './moderation-rules';

describe('navLinksFor', () => {
  it('shows members only their reports, moderators the queue and users, admins the audit log and API keys too', () => {
    expect(navLinksFor('member').map((l) => l.to)).toEqual(['/reports']);
    expect(navLinksFor('moderator').map((l) => l.to)).toEqual(['/reports', '/moderation', '/admin/users']);
    expect(navLinksFor('admin').map((l) => l.to)).toEqual([
      '/reports',
      '/moderation',
      '/admin/users',
      '/admin/audit',
      '/admin/api-keys',
    ]);
    expect(canModerate('member')).toBe(false);
  });
});

describe('actionsFor', () => {
  it('offers the actions that fit the target', () => {
    expect(actionsFor({ targetType: 'message' as never, status: 'open' as never })).toEqual([
      'dismiss',
      'remove_message',
      'suspend_user',
      'ban_from_conversation',
    ]);
    expect(actionsFor({ targetType: 'user' as never, status: 'open' as never })).toEqual([
      'dismiss',
      'suspend_user',
    ]);
    expect(actionsFor({ targetType: 'conversation' as never, status: 'open' as never })).toEqual(['dismiss']);
  });

  it('offers nothing on a resolved report', () => {
    expect(actionsFor({ targetType: 'message' as never, status: 'resolved' as never })).toEqual([]);
  });
});

describe('userActionsFor', () => {
  const admin = { id: 'a', role: 'admin' as const };
  const moderator = { id: 'm', role: 'moderator' as const };

  it('lets admins change roles (their own too) but not suspend themselves', () => {
    const self = userActionsFor(admin, { id: 'a', role: 'admin', status: 'active' });
    expect(self).toMatchObject({ changeRole: true, suspend: false, disable: false });
  });

  it('offers suspend or lift by status', () => {
    expect(userActionsFor(admin, { id: 'x', role: 'member', status: 'active' })).toEqual({
      changeRole: true,
      suspend: true,
      unsuspend: false,
      disable: true,
      enable: false,
    });
    expect(userActionsFor(admin, { id: 'x', role: 'member', status: 'suspended' })).toMatchObject({
      suspend: false,
      unsuspend: true,
    });
    expect(userActionsFor(admin, { id: 'x', role: 'member', status: 'disabled' })).toMatchObject({
      suspend: false,
      enable: true,
      disable: false,
    });
  });

  it('keeps moderators to members and away from roles', () => {
    expect(userActionsFor(moderator, { id: 'x', role: 'admin', status: 'active' })).toMatchObject({
      changeRole: false,
      suspend: false,
    });
    expect(userActionsFor(moderator, { id: 'x', role: 'member', status: 'active' }).suspend).toBe(true);
  });

  it('offers everything when role and status are unknown (the server decides)', () => {
    expect(userActionsFor(moderator, { id: 'x' })).toEqual({
      changeRole: false,
      suspend: true,
      unsuspend: true,
      disable: true,
      enable: true,
    });
  });

  it('offers nothing on a deleted account', () => {
    expect(
      Object.values(userActionsFor(admin, { id: 'x', role: 'member', status: 'deleted' })),
    ).not.toContain(true);
  });
});

describe('bannableMembers', () => {
  const members = [
    { userId: 'o', role: 'owner' },
    { userId: 'ad', role: 'admin' },
    { userId: 'me', role: 'admin' },
    { userId: 'x', role: 'member' },
  ];

  it('never offers owners or oneself; group admins ban members only', () => {
    expect(bannableMembers(members, 'me', 'admin').map((m) => m.userId)).toEqual(['x']);
    expect(bannableMembers(members, 'o', 'owner').map((m) => m.userId)).toEqual(['ad', 'me', 'x']);
    expect(bannableMembers(members, 'x', 'member')).toEqual([]);
  });
});
