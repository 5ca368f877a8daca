import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { ConversationsService } from '../../conversations/conversations.service';
import { CallMessagesService } from '../../messages/call-messages.service';
import { InboxService } from '../../notifications/inbox/inbox.service';
import { EndedCall } from '../calls.events';
import { callDurationSeconds, callMessageInfoOf, joinedUserIds } from './call-outcome';
import { CallPage, callCursorSchema, CallRecordView, toCallRecordView } from './call-history.dto';
import { CallRecordDocument } from './call-record.schema';
import { CallPosition, CallRecordsRepository } from './call-records.repository';

/** Missed-call entries delivered at once (a large group's unanswered call goes out in waves). */
const PARALLEL_DELIVERIES = 10;
/** Records per read of a user's whole history (their data export). */
const EXPORT_BATCH = 500;

/**
 * Call history: what an ended call leaves behind (its record, its `call` message in the conversation and
 * the missed-call inbox entries), and the lists of calls.
 */
@Injectable()
export class CallHistoryService {
  constructor(
    private readonly records: CallRecordsRepository,
    private readonly callMessages: CallMessagesService,
    private readonly inbox: InboxService,
    private readonly conversations: ConversationsService,
  ) {}

  /**
   * The `record-call` job. Each step is idempotent, so a retry after a failure anywhere redoes nothing twice:
   * the record is inserted once by its id, the message once by its clientMessageId (`call:<callId>`), and
   * each missed-call entry once by its source (`missed-call:<callId>`).
   */
  async record(call: EndedCall): Promise<void> {
    await this.records.insertOnce(recordOf(call));
    const message = await this.callMessages.post(
      call.conversationId,
      call.initiatorId,
      callMessageInfoOf(call),
    );
    await this.records.setMessageId(call.callId, message.id);
    const missed = call.missedUserIds.filter((userId) => userId !== call.initiatorId);
    for (let start = 0; start < missed.length; start += PARALLEL_DELIVERIES) {
      await Promise.all(
        missed.slice(start, start + PARALLEL_DELIVERIES).map((userId) =>
          // Muted, `notify: none` and blocks are the inbox's rules (see InboxService.deliver).
          this.inbox.deliver(
            {
              userId,
              kind: 'missed_call',
              groupKey: `missed-call:${call.conversationId}`,
              sourceId: `missed-call:${call.callId}`,
              actorId: call.initiatorId,
              conversationId: call.conversationId,
              messageId: message.id,
              data: { callId: call.callId, media: call.type },
            },
            { push: true },
          ),
        ),
      );
    }
  }

  /** The caller's calls (started, rung for or joined), newest first. */
  async listMine(userId: string, query: { cursor?: string; limit: number }): Promise<CallPage> {
    const rows = await this.records.ofUser(userId, positionOf(query.cursor), query.limit + 1);
    return pageOf(rows, query.limit, userId);
  }

  /** A conversation's calls, newest first; members only (CONVERSATION_NOT_FOUND otherwise). */
  async listOfConversation(
    userId: string,
    conversationId: string,
    query: { cursor?: string; limit: number },
  ): Promise<CallPage> {
    await this.conversations.assertMember(conversationId, userId);
    const rows = await this.records.ofConversation(conversationId, positionOf(query.cursor), query.limit + 1);
    return pageOf(rows, query.limit, userId);
  }

  /** Every call of the user, for their data export. */
  async allOf(userId: string): Promise<CallRecordView[]> {
    const all: CallRecordView[] = [];
    let after: CallPosition | undefined;
    for (;;) {
      const rows = await this.records.ofUser(userId, after, EXPORT_BATCH);
      all.push(...rows.map((row) => toCallRecordView(row, userId)));
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH || !last) {
        return all;
      }
      after = { at: last.startedAt, id: last._id.toHexString() };
    }
  }
}

function recordOf(call: EndedCall): CallRecordDocument {
  const joined = joinedUserIds(call);
  return {
    _id: new Types.ObjectId(call.callId),
    conversationId: new Types.ObjectId(call.conversationId),
    kind: call.kind,
    type: call.type,
    initiatorId: call.initiatorId,
    invitedUserIds: [...call.invitedUserIds],
    userIds: [...new Set([call.initiatorId, ...call.invitedUserIds, ...joined])],
    participants: call.participations.map((p) => ({
      userId: p.userId,
      deviceId: p.deviceId,
      joinedAt: new Date(p.joinedAt),
      leftAt: new Date(p.leftAt),
    })),
    startedAt: new Date(call.createdAt),
    answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt),
    endedAt: new Date(call.endedAt),
    endReason: call.endReason,
    endedBy: call.endedBy,
    durationSeconds: callDurationSeconds(call),
    missedUserIds: [...call.missedUserIds],
    rejectedUserIds: [...call.rejectedUserIds],
    messageId: null,
  };
}

function positionOf(cursor: string | undefined): CallPosition | undefined {
  if (!cursor) {
    return undefined;
  }
  const key = decodeCursor(cursor, callCursorSchema);
  return { at: new Date(key.t), id: key.id };
}

function pageOf(rows: CallRecordDocument[], limit: number, viewerId: string): CallPage {
  const shown = rows.slice(0, limit);
  const last = rows.length > limit ? shown.at(-1) : undefined;
  return {
    items: shown.map((row) => toCallRecordView(row, viewerId)),
    nextCursor: last ? encodeCursor({ t: last.startedAt.getTime(), id: last._id.toHexString() }) : null,
  };
}
