import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { FieldCipher } from '../common/crypto/field-cipher';
import { MediaUrls } from '../common/media/media-urls';
import { ConversationPointersService } from '../conversations/conversation-pointers.service';
import { ConversationsService } from '../conversations/conversations.service';
import { ServerEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { CallMessageInfo } from '../realtime/server-events';
import { BlocksService } from '../users/blocks/blocks.service';
import { ChangeClock } from './change-clock';
import { MessageInsertsRepository } from './message-inserts.repository';
import { messageIdFor } from './message-id';
import { lastMessageOf, MessageRecord, MessageResponse, toMessageResponse } from './message.response';
import { MessageType } from './message.schema';
import { ReceiptsService } from './receipts.service';

/** The clientMessageId of a call's entry: one per call, so a retried post finds the first. */
export const callClientMessageId = (callId: string) => `call:${callId}`;

/**
 * A call's entry in its conversation's timeline (`type: 'call'`), posted by the server when the call ends.
 * It takes the next seq through the same insert path as every message, so clients show it in order and
 * `/sync` carries it, and it reads as unread for everyone but its initiator like any message. Unlike a
 * send it raises no `MessageStored` event: no Web Push of a new message, no inbox entries, no email digest
 * countdown, no flood count (call history delivers its own `missed_call` entries).
 */
@Injectable()
export class CallMessagesService {
  constructor(
    private readonly inserts: MessageInsertsRepository,
    private readonly conversations: ConversationsService,
    private readonly pointers: ConversationPointersService,
    private readonly receipts: ReceiptsService,
    private readonly blocks: BlocksService,
    private readonly publisher: RealtimePublisher,
    private readonly cipher: FieldCipher,
    private readonly urls: MediaUrls,
    private readonly clock: ChangeClock,
  ) {}

  /**
   * Stores and announces the entry, sent by the call's initiator. Idempotent: its id derives from the
   * initiator and `call:<callId>`, so posting again returns the stored entry and announces nothing twice;
   * the conversation records it again (harmless, the record only moves forward), for a first post that
   * stopped before recording it.
   */
  async post(conversationId: string, initiatorId: string, call: CallMessageInfo): Promise<MessageResponse> {
    const clientMessageId = callClientMessageId(call.callId);
    const messageId = messageIdFor(initiatorId, clientMessageId);
    const build = (seq: number): MessageRecord => {
      const now = new Date();
      return {
        _id: messageId,
        conversationId: new Types.ObjectId(conversationId),
        seq,
        changeSeq: this.clock.next(),
        senderId: new Types.ObjectId(initiatorId),
        clientMessageId,
        type: MessageType.Call,
        content: null,
        attachments: [],
        replyTo: null,
        mentions: [],
        reactions: [],
        editedAt: null,
        deletedAt: null,
        call,
        createdAt: now,
        changedAt: now,
      };
    };
    const [memberIds, relations] = await Promise.all([
      this.conversations.cachedMemberIds(conversationId),
      this.blocks.relationsOf(initiatorId),
    ]);
    const { record, inserted, announced } = await this.inserts.insertWithNextSeq(conversationId, build, () =>
      this.conversations.recordedLastSeq(conversationId),
    );
    const response = toMessageResponse(record, { cipher: this.cipher, urls: this.urls });
    if (inserted) {
      // As for a send: members who blocked the initiator get their copy flagged.
      const blockers = memberIds.filter((userId) => relations.blockedBy.has(userId));
      this.publisher.toConversation(conversationId, ServerEvent.NewMessage, response, {
        exceptUserIds: blockers,
      });
      this.publisher.toUsers(blockers, ServerEvent.NewMessage, { ...response, senderBlocked: true });
    }
    await this.pointers.recordMessage(conversationId, lastMessageOf(record), memberIds.length);
    await announced;
    if (inserted) {
      this.receipts.messageStored(conversationId, record.seq, initiatorId);
    }
    return response;
  }
}
