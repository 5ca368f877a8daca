import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';
import { MessageType } from '../realtime/server-events';

/** One attachment's metadata; the upload module answers exactly this shape for a stored file. */
export const AttachmentSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2048),
    mimeType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type')
      .max(255),
    size: z
      .number()
      .int()
      .min(0)
      .max(2 ** 40),
    name: z.string().trim().min(1).max(255),
    width: z.number().int().positive().max(100_000).optional(),
    height: z.number().int().positive().max(100_000).optional(),
    durationMs: z
      .number()
      .int()
      .positive()
      .max(24 * 3600 * 1000)
      .optional(),
  })
  .strict();
export type Attachment = z.output<typeof AttachmentSchema>;

/** What a client may send: every type but `call`, which only the server posts (when a call ends). */
const SENDABLE_TYPES = [MessageType.Text, MessageType.Image, MessageType.Audio, MessageType.File] as const;

const messageFields = z
  .object({
    clientMessageId: z.uuid().optional(),
    content: z.string().max(100_000).default(''),
    type: z.enum(SENDABLE_TYPES).default(MessageType.Text),
    replyTo: objectIdSchema.optional(),
    attachments: z.array(AttachmentSchema).max(10).default([]),
  })
  .strict();

type MessageFields = z.output<typeof messageFields>;

/** Text needs content; other types need attachments, with the dimensions or duration their kind implies. */
function checkShape(message: MessageFields, context: z.RefinementCtx): void {
  const issue = (path: string, text: string) =>
    context.addIssue({ code: 'custom', path: [path], message: text });
  if (message.type === MessageType.Text) {
    if (message.content.trim().length === 0) {
      issue('content', 'a text message needs content');
    }
    if (message.attachments.length > 0) {
      issue('attachments', 'a text message has no attachments; use type image, audio or file');
    }
    return;
  }
  if (message.attachments.length === 0) {
    issue('attachments', `a ${message.type} message needs at least one attachment`);
  }
  message.attachments.forEach((file, index) => {
    if (message.type === MessageType.Image && (file.width === undefined || file.height === undefined)) {
      issue('attachments', `attachment ${index}: images need width and height`);
    }
    if (message.type === MessageType.Audio && file.durationMs === undefined) {
      issue('attachments', `attachment ${index}: audio needs durationMs`);
    }
  });
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
