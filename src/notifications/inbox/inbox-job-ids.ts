import { createHash } from 'node:crypto';

/**
 * BullMQ job ids of the inbox's source jobs, derived from the event so a job is queued once however often
 * (or on however many instances) its event is heard. Emoji and ISO times hold characters that ids avoid,
 * hence the digests.
 */
export const inboxJobIds = {
  message: (messageId: string) => `inbox-message-${messageId}`,
  reaction: (messageId: string, userId: string, emoji: string) =>
    `inbox-reaction-${digest(messageId, userId, emoji)}`,
  membersAdded: (conversationId: string, at: string, userIds: readonly string[]) =>
    `inbox-added-${digest(conversationId, at, ...userIds)}`,
  roleChanged: (conversationId: string, userId: string, role: string, at: string) =>
    `inbox-role-${digest(conversationId, userId, role, at)}`,
  push: (notificationId: string, count: number) => `inbox-push-${notificationId}-${count}`,
};

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
