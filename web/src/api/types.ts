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
export type { ClientToServerEvents, ServerToClientEvents } from '@server/messages/chat-events';
export type { IdentityResponse } from '@server/users/users.dto';
export type { ProvidersResponse } from '@server/auth/oauth/oauth.dto';
export type { BlockEntry } from '@server/users/blocks/blocks.service';
export type { ExportResponse, DeletionResponse } from '@server/account/account.dto';
