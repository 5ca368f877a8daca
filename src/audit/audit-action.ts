/**
 * What an audit record says happened: `<area>.<event>`, stored and filtered as written here. Features
 * that audit more (moderation, API keys, exports) add their actions when they record them.
 */
export enum AuditAction {
  SignIn = 'auth.sign_in',
  SignInFailed = 'auth.sign_in_failed',
  SignOut = 'auth.sign_out',
  SignOutAll = 'auth.sign_out_all',
  PasswordChanged = 'auth.password_changed',
  PasswordReset = 'auth.password_reset',
  IdentityLinked = 'identity.linked',
  IdentityUnlinked = 'identity.unlinked',
  SessionRevoked = 'session.revoked',
  RoleChanged = 'user.role_changed',
  StatusChanged = 'user.status_changed',
  Suspended = 'user.suspended',
  Unsuspended = 'user.unsuspended',
  MemberBanned = 'conversation.member_banned',
  MemberUnbanned = 'conversation.member_unbanned',
  ExportRequested = 'account.export_requested',
  ExportDownloaded = 'account.export_downloaded',
  DeletionRequested = 'account.deletion_requested',
  Deleted = 'account.deleted',
  ReportResolved = 'moderation.report_resolved',
  MessageRemoved = 'moderation.message_removed',
  ApiKeyCreated = 'api_key.created',
  ApiKeyRevoked = 'api_key.revoked',
  /** A service sent (or resent) a notify request with an API key: the key is the target, there is no actor. */
  NotifySent = 'notify.sent',
}

/** What `targetId` names. */
export enum AuditTargetType {
  User = 'user',
  Session = 'session',
  Conversation = 'conversation',
  Report = 'report',
  Message = 'message',
  ApiKey = 'api_key',
  /** An address no account has: `targetId` is its fingerprint (`email-fingerprint.ts`), never the address. */
  Email = 'email',
}
