/**
 * The server's own response and event types, imported type-only (nothing of the server is bundled): the
 * client cannot drift from what Parley sends. Import them from here, not from @server directly.
 */
export type { AuthResponse, SessionResponse, TokenPair } from '@server/auth/auth.dto';
export type { UserResponse, PublicProfile } from '@server/users/users.dto';
export type { ConversationResponse, MemberSummary } from '@server/conversations/conversations.dto';
export type { MessageResponse, AttachmentResponse } from '@server/messages/message.response';
export type { SyncResponse } from '@server/messages/sync.service';
export type { ErrorBody } from '@server/common/errors/error-response';
export type { Ack, ServerToClientEvents } from '@server/messages/chat-events';
import type { ClientToServerEvents as MessageClientEvents } from '@server/messages/chat-events';
import type { CallClientToServerEvents } from '@server/calls/call-events';
/** Every client event of `/chat`: the messaging ones and the call signaling ones (docs/calls.md). */
export type ClientToServerEvents = MessageClientEvents & CallClientToServerEvents;
// Moderation, admin and conversation bans (features/moderation).
export type { MyReportResponse, QueueItemResponse, Page } from '@server/moderation/reports.response';
export type { SnapshotResponse } from '@server/moderation/report-evidence';
export type {
  ModerationAction,
  ReportReason,
  ReportStatus,
  ReportTargetType,
} from '@server/moderation/report.schema';
export type { AdminUserResponse } from '@server/users/admin-users.dto';
export type { UserStatus } from '@server/users/user.schema';
export type { Role } from '@server/common/auth/role';
export type { ConversationBanResponse } from '@server/conversations/bans/conversation-bans.dto';
export type { AuditPage, AuditRecordResponse } from '@server/audit/audit.dto';
export type { AuditAction } from '@server/audit/audit-action';
export type { UploadResponse } from '@server/upload/upload.dto';
export type { IdentityResponse } from '@server/users/users.dto';
export type { ProvidersResponse } from '@server/auth/oauth/oauth.dto';
export type { BlockEntry } from '@server/users/blocks/blocks.service';
export type { ExportResponse, DeletionResponse } from '@server/account/account.dto';
export type { NewMessagePush } from '@server/notifications/push-content';
export type {
  PushSubscriptionResponse,
  RegisterPushSubscriptionBody,
} from '@server/notifications/notifications.dto';
// Notifications: the inbox, its events and pushes, preferences, API keys.
export type {
  NotificationDeletedPayload,
  NotificationKind,
  NotificationPayload,
  NotificationResponse,
  NotificationsReadPayload,
} from '@server/realtime/server-events';
export type { NotificationPush } from '@server/notifications/notification-push-content';
export type { ApiKeyResponse, CreatedApiKeyResponse } from '@server/api-keys/api-keys.dto';
export type { NotifyLevel } from '@server/conversations/notification-preferences';
export type {
  NotificationSettings,
  QuietHours,
} from '@server/users/notification-settings/notification-settings';
// Calls (src/calls, features/calls).
export type {
  CallEndReason,
  CallEndedPayload,
  CallMessageInfo,
  CallParticipantView,
  CallType,
  CallView,
  IceCandidateInit,
  IceServer,
  IncomingCallPayload,
} from '@server/realtime/server-events';
export type { CallJoinAck } from '@server/calls/call-events';
export type { CallPage, CallRecordView } from '@server/calls/history/call-history.dto';
// Search (features/search).
export type { SearchHas, SearchHit, SearchMessagesResponse } from '@server/search/search.dto';
