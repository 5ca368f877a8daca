import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';
import { MessageType } from '../realtime/server-events';

/** An upload to attach, by the id `POST /uploads` answered; the server keeps its reference, never a URL. */
const AttachmentInputSchema = z.object({ uploadId: objectIdSchema }).strict();

/** What a client may send: every type but `call`, which only the server posts (when a call ends). */
export const SENDABLE_TYPES = [
  MessageType.Text,
  MessageType.Image,
  MessageType.Audio,
  MessageType.Voice,
  MessageType.Video,
  MessageType.File,
] as const;
export type SendableType = (typeof SENDABLE_TYPES)[number];

const messageFields = z
  .object({
    clientMessageId: z.uuid().optional(),
    content: z.string().max(100_000).default(''),
    /** Omitted: `text` without attachments, else the type the attachments' kinds make (see typeOfKinds). */
    type: z.enum(SENDABLE_TYPES).optional(),
    replyTo: objectIdSchema.optional(),
    attachments: z.array(AttachmentInputSchema).max(10).default([]),
  })
  .strict();

type MessageFields = z.output<typeof messageFields>;

/**
 * Text needs content and no attachments; another type needs attachments (which must fit it, checked once
 * the uploads are read); each upload at most once.
 */
function checkShape(message: MessageFields, context: z.RefinementCtx): void {
  const issue = (path: string, text: string) =>
    context.addIssue({ code: 'custom', path: [path], message: text });
  const ids = message.attachments.map((file) => file.uploadId);
  if (new Set(ids).size !== ids.length) {
    issue('attachments', 'each upload may be attached once');
  }
  if (message.type === MessageType.Text || (message.type === undefined && ids.length === 0)) {
    if (message.content.trim().length === 0) {
      issue('content', 'a text message needs content');
    }
    if (ids.length > 0) {
      issue(
        'attachments',
        'a text message has no attachments; leave out type, or give the attachments’ type',
      );
    }
    return;
  }
  if (ids.length === 0) {
    issue('attachments', `a ${message.type} message needs at least one attachment`);
  }
}

export const SendMessageBodySchema = messageFields.superRefine(checkShape);
export class SendMessageBodyDto extends createZodDto(SendMessageBodySchema) {}
export type SendMessageInput = z.output<typeof SendMessageBodySchema>;

export const SendMessagePayloadSchema = messageFields
  .extend({ conversationId: objectIdSchema })
  .strict()
  .superRefine(checkShape);

const messageRef = { conversationId: objectIdSchema, messageId: objectIdSchema };

export const EditMessageBodySchema = z.object({ content: z.string().trim().min(1).max(100_000) }).strict();
export class EditMessageBodyDto extends createZodDto(EditMessageBodySchema) {}
export const EditMessagePayloadSchema = EditMessageBodySchema.extend(messageRef).strict();

export const MessageRefPayloadSchema = z.object(messageRef).strict();

// One grapheme-ish emoji or short shortcode; bounded so reactions cannot carry payloads.
const emoji = z.string().trim().min(1).max(32);
export const ReactionPayloadSchema = z.object({ ...messageRef, emoji }).strict();
export const ReactionParamsSchema = z
  .object({ id: objectIdSchema, messageId: objectIdSchema, emoji })
  .strict();
export class ReactionParamsDto extends createZodDto(ReactionParamsSchema) {}

export const MessageParamsSchema = z.object({ id: objectIdSchema, messageId: objectIdSchema }).strict();
export class MessageParamsDto extends createZodDto(MessageParamsSchema) {}

export const HistoryQuerySchema = z
  .object({
    before: z.coerce.number().int().min(1).optional(),
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict()
  .refine((query) => query.before === undefined || query.after === undefined, {
    message: 'use before or after, not both',
  });
export class HistoryQueryDto extends createZodDto(HistoryQuerySchema) {}

/** Mark read up to a seq, or up to (and including) a message. */
export const MarkReadPayloadSchema = z
  .object({
    conversationId: objectIdSchema,
    seq: z.number().int().min(0).optional(),
    messageId: objectIdSchema.optional(),
  })
  .strict()
  .refine((body) => (body.seq === undefined) !== (body.messageId === undefined), {
    message: 'give exactly one of seq or messageId',
  });
export const MarkReadBodySchema = z
  .object({ seq: z.number().int().min(0).optional(), messageId: objectIdSchema.optional() })
  .strict();
export class MarkReadBodyDto extends createZodDto(MarkReadBodySchema) {}

/** The ack of `mark_read` and `open_conversation`, and the REST answer of a read: the resulting pointer. */
export interface ReadPointer {
  conversationId: string;
  readSeq: number;
}

export const ConversationRefPayloadSchema = z.object({ conversationId: objectIdSchema }).strict();

export const SyncQuerySchema = z
  .object({
    since: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export class SyncQueryDto extends createZodDto(SyncQuerySchema) {}
