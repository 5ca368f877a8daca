import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { cursorTimestampSchema } from '../../common/pagination/cursor';
import { objectIdSchema } from '../../common/validation/object-id';
import type { CallEndReason, CallMessageStatus, CallType } from '../../realtime/server-events';
import { callStatusOf } from './call-outcome';
import { CallRecordDocument } from './call-record.schema';

export const listCallsSchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export class ListCallsDto extends createZodDto(listCallsSchema) {}

/** The sort key of a list cursor: the last call's `startedAt` (ms) and id. */
export const callCursorSchema = z.strictObject({ t: cursorTimestampSchema, id: objectIdSchema });

/** One call of a list, as the caller sees it. */
export interface CallRecordView {
  callId: string;
  conversationId: string;
  kind: 'direct' | 'group';
  type: CallType;
  initiatorId: string;
  /** `outgoing` when the caller started it. */
  direction: 'outgoing' | 'incoming';
  /** The caller was rung and neither joined nor declined. */
  missed: boolean;
  /** As the call's message shows it (see `CallMessageInfo.status`). */
  status: CallMessageStatus;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  endReason: CallEndReason;
  endedBy: string | null;
  durationSeconds: number | null;
  invitedUserIds: string[];
  participants: Array<{ userId: string; deviceId: string; joinedAt: string; leftAt: string }>;
  missedUserIds: string[];
  rejectedUserIds: string[];
  /** The call's `call` message in the conversation; null until it is posted (moments after the end). */
  messageId: string | null;
}

export interface CallPage {
  items: CallRecordView[];
  nextCursor: string | null;
}

export function toCallRecordView(record: CallRecordDocument, viewerId: string): CallRecordView {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    callId: record._id.toHexString(),
    conversationId: record.conversationId.toHexString(),
    kind: record.kind,
    type: record.type,
    initiatorId: record.initiatorId,
    direction: record.initiatorId === viewerId ? 'outgoing' : 'incoming',
    missed: record.missedUserIds.includes(viewerId),
    status: callStatusOf({ answeredAt: iso(record.answeredAt), endReason: record.endReason }),
    startedAt: record.startedAt.toISOString(),
    answeredAt: iso(record.answeredAt),
    endedAt: record.endedAt.toISOString(),
    endReason: record.endReason,
    // A field stored as null may be missing on FerretDB v1 (see InboxRepository).
    endedBy: record.endedBy ?? null,
    durationSeconds: record.durationSeconds ?? null,
    invitedUserIds: record.invitedUserIds,
    participants: record.participants.map((p) => ({
      userId: p.userId,
      deviceId: p.deviceId,
      joinedAt: p.joinedAt.toISOString(),
      leftAt: p.leftAt.toISOString(),
    })),
    missedUserIds: record.missedUserIds,
    rejectedUserIds: record.rejectedUserIds,
    messageId: record.messageId?.toHexString() ?? null,
  };
}
