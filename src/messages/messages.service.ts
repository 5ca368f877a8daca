import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { FieldCipher } from '../common/crypto/field-cipher';
import { MediaUrls } from '../common/media/media-urls';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GroupAction, mayPerform } from '../conversations/conversation-policy';
import { ConversationKind } from '../conversations/conversation.schema';
import { ConversationPointersService } from '../conversations/conversation-pointers.service';
import { ConversationsService, MemberView } from '../conversations/conversations.service';
import { MemberIndex } from '../conversations/membership-cache';
import { ServerEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { AttachmentRef, ATTACHMENT_STORE, AttachmentStore, AttachmentTarget } from './attachment-store';
import { typeOfKinds } from './attachment-type';
import { broadcastMentionOf } from './broadcast-mention';
import { BlockedSenders } from './blocked-senders';
import { FloodGuard } from './flood-guard';
import { SendMessageInput } from './messages.dto';
import { ChangeClock } from './change-clock';
import { MessagesError, MessagesErrorCode } from './messages.errors';
import { indexedTextOf, textChangedOf } from './indexed-text';
import {
  IndexedText,
  MediaReleasedEvent,
  MessagesDomainEvent,
  MessageStoredEvent,
  ReactionAddedEvent,
} from './messages.events';
import { MessagesRepository } from './messages.repository';
import { MessageInsertsRepository } from './message-inserts.repository';
import { messageIdFor } from './message-id';
import { lastMessageOf, MessageRecord, MessageResponse, toMessageResponse } from './message.response';
import { isReferenced, MessageType, StoredAttachment } from './message.schema';
import { ReceiptsService } from './receipts.service';

const MENTION = /@([a-f\d]{24})\b/gi;

/** Sending, editing, deleting and reacting: the same code for REST and the socket. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly inserts: MessageInsertsRepository,
    private readonly conversations: ConversationsService,
    private readonly pointers: ConversationPointersService,
    private readonly receipts: ReceiptsService,
    private readonly blockedSenders: BlockedSenders,
    private readonly flood: FloodGuard,
    private readonly publisher: RealtimePublisher,
    private readonly cipher: FieldCipher,
    private readonly urls: MediaUrls,
    private readonly clock: ChangeClock,
    private readonly events: EventEmitter2,
    @Inject(ATTACHMENT_STORE) private readonly attachmentStore: AttachmentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores then announces a message. The insert itself takes the next seq, so seqs have no gaps, and settles
   * idempotency: the id derives from the sender and clientMessageId, so a resend finds the original (see
   * MessageInsertsRepository) and gets it back if it belongs to this conversation; a clientMessageId the
   * sender used in another conversation is refused (CLIENT_MESSAGE_ID_CONFLICT), costing no read on a first
   * send. Attachments are the sender's uploads, claimed for this message before it is stored (a text
   * message skips that round trip).
   */
  async send(userId: string, conversationId: string, input: SendMessageInput): Promise<MessageResponse> {
    // Together: members and blocks come from process memory validated in Redis (their versions in one MGET),
    // the flood count is one Redis command sent alongside, so the three cost one round trip of latency.
    const [members, relations] = await Promise.all([
      this.conversations.assertMember(conversationId, userId),
      this.blockedSenders.relationsOf(userId),
      this.flood.check(userId, conversationId, fingerprintOf(input)),
    ]);
    const hiddenFrom = await this.blockedSenders.checkSend(conversationId, userId, members, relations);
    this.checkLength(input.content);
    const clientMessageId = input.clientMessageId ?? randomUUID();
    const messageId = messageIdFor(userId, clientMessageId);
    const replyTarget = input.replyTo ? await this.requireReplyTarget(conversationId, input.replyTo) : null;
    const replyTo = replyTarget?._id ?? null;
    const mentions = mentionsAmong(members, input.content);
    const now = new Date();
    const id = messageId.toHexString();
    const target = { conversationId, messageId: id };
    const uploadIds = input.attachments.map((file) => file.uploadId);
    const { type, refs } =
      uploadIds.length > 0
        ? await this.claimAttachments(userId, target, uploadIds, input.type)
        : { type: input.type ?? MessageType.Text, refs: [] };
    const build = (seq: number): MessageRecord => ({
      _id: messageId,
      conversationId: new Types.ObjectId(conversationId),
      seq,
      changeSeq: this.clock.next(),
      senderId: new Types.ObjectId(userId),
      clientMessageId,
      type,
      content: input.content ? this.cipher.seal(input.content, conversationId, id, 'content') : null,
      attachments: refs.map((ref, index) => ({
        ...ref,
        name: this.cipher.seal(ref.name, conversationId, id, `attachment:${index}:name`),
      })),
      replyTo,
      mentions,
      reactions: [],
      editedAt: null,
      deletedAt: null,
      createdAt: now,
      changedAt: now,
    });
    // Asked while the message is stored (it never fails); the update recording the message records who it
    // reached.
    const reachable = this.receipts.recipientsReached(conversationId, userId, members);
    const { record, inserted, announced } = await this.inserts
      .insertWithNextSeq(conversationId, build, () => this.conversations.recordedLastSeq(conversationId))
      .catch(async (error: unknown) => {
        await this.releaseUnused(userId, target, uploadIds, []);
        throw error;
      });
    if (!record.conversationId.equals(conversationId)) {
      // A resend answers only in the conversation it names (whose membership was checked above): the
      // message holding this id is in another one, which the sender may have left, so nothing of it is told.
      await this.releaseUnused(userId, target, uploadIds, []);
      throw new MessagesError(MessagesErrorCode.ClientMessageIdConflict);
    }
    if (!inserted) {
      // A resend naming other uploads than the original: those stay free to attach elsewhere.
      await this.releaseUnused(userId, target, uploadIds, record.attachments);
    }
    const response = this.toResponse(record);
    if (inserted) {
      // Announced as soon as it is stored, while its seq hint is raised and its conversation records it
      // below: recipients wait for neither (a read up to this seq is not capped short meanwhile, see
      // ReceiptsService.markRead). A resend is not announced again, so no device gets it twice (nor is it
      // delivered again); one that missed it sees the gap in seqs or catches up by /sync.
      this.announceNew(conversationId, response, hiddenFrom);
    }
    const reached = inserted ? await reachable : undefined;
    // Every send of the message records it, a resend too: the original may have stopped between its insert
    // and this update (a crash, a failed write), and `$max` makes recording twice harmless.
    await this.pointers.recordMessage(conversationId, lastMessageOf(record), members.size, reached);
    // The sender's ack waits for the hint too: a reply through another instance then finds the seq taken by
    // this message already known there. Delivery receipts follow `new_message` and the recorded pointers.
    await announced;
    if (inserted) {
      this.receipts.messageStored(conversationId, record.seq, userId, reached);
      // Synchronous and cheap: listeners run detached (Nest's wrapper catches their failures), so nothing
      // they do adds a round trip to, or throws into, the send.
      this.events.emit(MessagesDomainEvent.MessageStored, {
        conversationId,
        messageId: id,
        seq: record.seq,
        senderId: userId,
        mentions,
        broadcast: broadcastMentionOf(input.content),
        replyTo: replyTarget && {
          messageId: replyTarget._id.toHexString(),
          senderId: replyTarget.senderId.toHexString(),
        },
        members,
        recipientsReached: reached,
      } satisfies MessageStoredEvent);
      // The plaintext as sent (names before sealing), so indexing decrypts nothing.
      this.textChanged(record, null, {
        content: input.content || null,
        attachments: refs.map((ref) => ({ name: ref.name, kind: ref.kind })),
      });
    }
    return response;
  }

  async history(
    userId: string,
    conversationId: string,
    query: { before?: number; after?: number; limit: number },
  ): Promise<{ items: MessageResponse[]; hasMore: boolean }> {
    await this.conversations.requireMember(conversationId, userId);
    const rows = await this.repository.page(conversationId, query, query.limit + 1);
    const hasMore = rows.length > query.limit;
    // Older pages drop their oldest extra row; newer pages their newest.
    const items = hasMore ? (query.after !== undefined ? rows.slice(0, -1) : rows.slice(1)) : rows;
    return {
      items: await this.blockedSenders.flagFor(
        userId,
        items.map((row) => this.toResponse(row)),
      ),
      hasMore,
    };
  }

  async get(userId: string, conversationId: string, messageId: string): Promise<MessageResponse> {
    await this.conversations.requireMember(conversationId, userId);
    const [message] = await this.blockedSenders.flagFor(userId, [
      this.toResponse(await this.require(conversationId, messageId)),
    ]);
    return message;
  }

  /** To every member; those who blocked the sender get their copy flagged instead. */
  private announceNew(conversationId: string, response: MessageResponse, blockers: readonly string[]): void {
    this.publisher.toConversation(conversationId, ServerEvent.NewMessage, response, {
      exceptUserIds: blockers,
    });
    this.publisher.toUsers(blockers, ServerEvent.NewMessage, { ...response, senderBlocked: true });
  }

  async edit(
    userId: string,
    conversationId: string,
    messageId: string,
    content: string,
  ): Promise<MessageResponse> {
    await this.conversations.requireMember(conversationId, userId);
    const message = await this.require(conversationId, messageId);
    refuseCallMessage(message);
    if (message.senderId.toHexString() !== userId) {
      throw new MessagesError(MessagesErrorCode.NotSender);
    }
    if (message.deletedAt) {
      throw new MessagesError(MessagesErrorCode.Deleted);
    }
    if (Date.now() - message.createdAt.getTime() > this.config.messages.editWindowSeconds * 1000) {
      throw new MessagesError(MessagesErrorCode.EditWindowClosed);
    }
    this.checkLength(content);
    const changeSeq = this.clock.next();
    const updated = await this.repository.change(messageId, { deletedAt: null }, changeSeq, {
      $set: {
        content: this.cipher.seal(content, conversationId, messageId, 'content'),
        editedAt: new Date(),
        mentions: mentionsAmong(await this.conversations.assertMember(conversationId, userId), content),
      },
    });
    if (!updated) {
      throw new MessagesError(MessagesErrorCode.Deleted);
    }
    const response = this.toResponse(updated);
    this.publisher.toConversation(conversationId, ServerEvent.MessageEdited, response);
    const before = indexedTextOf(message, this.cipher);
    this.textChanged(updated, before, { content, attachments: before?.attachments ?? [] });
    return response;
  }

  /** Delete for everyone: a tombstone keeps its seq (no gap), content and attachments are dropped. */
  async delete(userId: string, conversationId: string, messageId: string): Promise<MessageResponse> {
    const member = await this.conversations.requireMember(conversationId, userId);
    const message = await this.require(conversationId, messageId);
    refuseCallMessage(message);
    if (message.senderId.toHexString() !== userId && !mayModerate(member)) {
      throw new MessagesError(MessagesErrorCode.NotSender);
    }
    return (await this.tombstone(message, { deletedBy: userId })).message;
  }

  /**
   * A moderator's removal (a resolved report): the same tombstone and `message_deleted`, marked
   * `removedBy: 'moderation'` and naming no moderator. Moderators need not be members. `removed` is false
   * when the message was a tombstone already (nothing changes then). Null for an unknown message.
   */
  async removeByModeration(
    messageId: string,
  ): Promise<{ message: MessageResponse; removed: boolean } | null> {
    const message = await this.repository.findById(messageId);
    return message && this.tombstone(message, { deletedBy: null, removedBy: 'moderation' });
  }

  private async tombstone(
    message: MessageRecord,
    by: { deletedBy: string | null; removedBy?: 'moderation' },
  ): Promise<{ message: MessageResponse; removed: boolean }> {
    if (message.deletedAt) {
      return { message: this.toResponse(message), removed: false };
    }
    const conversationId = message.conversationId.toHexString();
    const messageId = message._id.toHexString();
    const changeSeq = this.clock.next();
    const marker = by.removedBy ? { removedBy: by.removedBy } : {};
    const deleted = await this.repository.change(messageId, { deletedAt: null }, changeSeq, {
      $set: { content: null, attachments: [], mentions: [], deletedAt: new Date(), ...marker },
    });
    if (!deleted) {
      // Deleted meanwhile (by its sender, a group admin or another moderator): that tombstone stands.
      return { message: this.toResponse(await this.require(conversationId, messageId)), removed: false };
    }
    const response = this.toResponse(deleted);
    this.textChanged(deleted, indexedTextOf(message, this.cipher), null);
    const uploadIds = message.attachments.filter(isReferenced).map((file) => file.uploadId);
    if (uploadIds.length > 0) {
      this.events.emit(MessagesDomainEvent.MediaReleased, {
        conversationId,
        messageId,
        uploadIds,
      } satisfies MediaReleasedEvent);
    }
    this.publisher.toConversation(conversationId, ServerEvent.MessageDeleted, {
      conversationId,
      messageId,
      seq: deleted.seq,
      deletedAt: response.deletedAt,
      deletedBy: by.deletedBy,
      ...marker,
    });
    return { message: response, removed: true };
  }

  async react(
    userId: string,
    conversationId: string,
    messageId: string,
    emoji: string,
    add: boolean,
  ): Promise<MessageResponse> {
    await this.conversations.requireMember(conversationId, userId);
    const message = await this.require(conversationId, messageId);
    if (message.deletedAt) {
      throw new MessagesError(MessagesErrorCode.Deleted);
    }
    const changeSeq = this.clock.next();
    const reaction = { emoji, userId };
    const updated = add
      ? await this.repository.addReaction(messageId, reaction, changeSeq)
      : await this.repository.removeReaction(messageId, reaction, changeSeq);
    if (!updated) {
      throw new MessagesError(MessagesErrorCode.Deleted);
    }
    const event = add ? ServerEvent.MessageReactionAdded : ServerEvent.MessageReactionRemoved;
    this.publisher.toConversation(conversationId, event, { conversationId, messageId, userId, emoji });
    if (add) {
      this.events.emit(MessagesDomainEvent.ReactionAdded, {
        conversationId,
        messageId,
        messageSenderId: message.senderId.toHexString(),
        userId,
        emoji,
      } satisfies ReactionAddedEvent);
    }
    return this.toResponse(updated);
  }

  /** For search; synchronous and cheap: its listener only queues the change, indexed off this path. */
  private textChanged(record: MessageRecord, before: IndexedText | null, after: IndexedText | null): void {
    this.events.emit(MessagesDomainEvent.TextChanged, textChangedOf(record, before, after));
  }

  toResponse(record: MessageRecord): MessageResponse {
    return toMessageResponse(record, { cipher: this.cipher, urls: this.urls });
  }

  async require(conversationId: string, messageId: string): Promise<MessageRecord> {
    const message = await this.repository.findInConversation(conversationId, messageId);
    if (!message) {
      throw new MessagesError(MessagesErrorCode.NotFound);
    }
    return message;
  }

  /**
   * Messages by id as responses (null where none), one `_id` read each, in parallel: FerretDB answers no
   * other filter without a scan. For features that found the ids elsewhere (search), which decide what the
   * viewer may see.
   */
  async byIds(messageIds: readonly string[]): Promise<Array<MessageResponse | null>> {
    const rows = await Promise.all(messageIds.map((id) => this.repository.findById(id)));
    return rows.map((row) => (row ? this.toResponse(row) : null));
  }

  /** Who sent a message of the conversation; null when there is no such message. */
  async senderOf(conversationId: string, messageId: string): Promise<string | null> {
    return (
      (await this.repository.findInConversation(conversationId, messageId))?.senderId.toHexString() ?? null
    );
  }

  private async requireReplyTarget(conversationId: string, replyTo: string): Promise<MessageRecord> {
    const target = await this.repository.findInConversation(conversationId, replyTo);
    if (!target) {
      throw new MessagesError(MessagesErrorCode.ReplyNotFound);
    }
    return target;
  }

  /**
   * Reads the uploads, derives the message type from their kinds (a given type must agree), then claims them
   * for the message. Any upload that is not the sender's to attach fails the whole send, the same way.
   */
  private async claimAttachments(
    userId: string,
    target: AttachmentTarget,
    uploadIds: string[],
    requested: MessageType | undefined,
  ): Promise<{ type: MessageType; refs: AttachmentRef[] }> {
    const refs = await this.attachmentStore.find(userId, target, uploadIds);
    if (!refs) {
      throw new MessagesError(MessagesErrorCode.AttachmentNotFound);
    }
    const type = typeOfKinds(refs.map((ref) => ref.kind));
    if (requested !== undefined && requested !== type) {
      throw new MessagesError(MessagesErrorCode.AttachmentTypeMismatch);
    }
    if (!(await this.attachmentStore.claim(userId, target, uploadIds))) {
      throw new MessagesError(MessagesErrorCode.AttachmentNotFound);
    }
    return { type, refs };
  }

  /** Detaches the uploads of this send that the stored message does not show. */
  private async releaseUnused(
    userId: string,
    target: AttachmentTarget,
    uploadIds: string[],
    stored: readonly StoredAttachment[],
  ): Promise<void> {
    const kept = new Set(stored.filter(isReferenced).map((file) => file.uploadId));
    const unused = uploadIds.filter((uploadId) => !kept.has(uploadId));
    if (unused.length > 0) {
      await this.attachmentStore.release(userId, target, unused);
    }
  }

  private checkLength(content: string): void {
    if (content.length > this.config.messages.maxLength) {
      throw new CommonError(CommonErrorCode.ValidationFailed, undefined, [
        { path: 'content', message: `at most ${this.config.messages.maxLength} characters` },
      ]);
    }
  }
}

/** `@<userId>` mentions of members only; other ids are left as plain text. */
function mentionsAmong(members: MemberIndex, content: string): string[] {
  const mentioned = [...content.matchAll(MENTION)].map((match) => match[1].toLowerCase());
  return [...new Set(mentioned)].filter((id) => members.has(id));
}

/**
 * A call's entry stays as the server posted it: nobody edits or deletes it (a moderator's removal and
 * account deletion still tombstone it).
 */
function refuseCallMessage(message: MessageRecord): void {
  if (message.type === MessageType.Call) {
    throw new MessagesError(MessagesErrorCode.CallMessage);
  }
}

function mayModerate(member: MemberView): boolean {
  return member.kind === ConversationKind.Group && mayPerform(member.role, GroupAction.DeleteOthersMessage);
}

/** What makes two messages "the same" for flood control: their type, text and attachments. */
function fingerprintOf(input: SendMessageInput): string {
  return JSON.stringify([input.type, input.content, input.attachments.map((file) => file.uploadId)]);
}
