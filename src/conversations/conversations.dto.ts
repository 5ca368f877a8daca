import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';
import { ConversationKind, LastMessage } from './conversation.schema';
import { MemberRole } from './membership.schema';
import { ConversationRecord, MembershipRecord } from './conversations.repository';
import { isMutedAt, NotifyLevel } from './notification-preferences';
import { readPointerOf } from './receipt-pointers';

const title = z.string().trim().min(1).max(100);
const avatarUrl = z.url({ protocol: /^https$/ }).max(2048);

export const CreateDirectSchema = z.object({ userId: objectIdSchema }).strict();
export class CreateDirectDto extends createZodDto(CreateDirectSchema) {}

/** `name` is accepted for `title`, as existing clients send it. */
export const CreateGroupSchema = z
  .object({
    title: title.optional(),
    name: title.optional(),
    avatarUrl: avatarUrl.optional(),
    memberIds: z.array(objectIdSchema).max(1000).default([]),
  })
  .strict()
  .refine((body) => body.title !== undefined || body.name !== undefined, {
    message: 'title (or name) is required',
    path: ['title'],
  })
  .transform(({ name, title: given, ...rest }) => ({ ...rest, title: (given ?? name)! }));
export class CreateGroupDto extends createZodDto(CreateGroupSchema) {}

export const UpdateConversationSchema = z
  .object({ title: title.optional(), avatarUrl: avatarUrl.nullable().optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update' });
export class UpdateConversationDto extends createZodDto(UpdateConversationSchema) {}

export const AddMembersSchema = z.object({ userIds: z.array(objectIdSchema).min(1).max(1000) }).strict();
export class AddMembersDto extends createZodDto(AddMembersSchema) {}

export const ChangeRoleSchema = z.object({ role: z.enum(MemberRole) }).strict();
export class ChangeRoleDto extends createZodDto(ChangeRoleSchema) {}

export const UpdateMyMembershipSchema = z
  .object({
    muted: z.boolean().optional(),
    mutedUntil: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .refine((until) => until.getTime() > Date.now(), { message: 'must be in the future' })
      .nullable()
      .optional(),
    notify: z.enum(NotifyLevel).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update' })
  .refine((body) => !(body.muted === false && body.mutedUntil), {
    message: 'a mute end cannot come with muted: false',
    path: ['mutedUntil'],
  });
export class UpdateMyMembershipDto extends createZodDto(UpdateMyMembershipSchema) {}

/** `q` filters the list (see ConversationSearch); its upper length is SEARCH_MAX_QUERY_CHARS. */
export const ListConversationsSchema = z
  .object({
    q: z.string().min(1).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export class ListConversationsDto extends createZodDto(ListConversationsSchema) {}

export const MemberParamsSchema = z.object({ id: objectIdSchema, userId: objectIdSchema }).strict();
export class MemberParamsDto extends createZodDto(MemberParamsSchema) {}

export interface MemberSummary {
  userId: string;
  displayName: string;
  avatarUrl: string | null;
  role: MemberRole;
}

export interface ConversationResponse {
  id: string;
  kind: ConversationKind;
  title: string | null;
  avatarUrl: string | null;
  memberCount: number;
  members: MemberSummary[];
  myRole: MemberRole;
  /** Muted now: with no end, or until a `mutedUntil` still ahead. */
  muted: boolean;
  mutedUntil: string | null;
  notify: NotifyLevel;
  lastSeq: number;
  lastMessage: (Omit<LastMessage, 'createdAt'> & { createdAt: string }) | null;
  unreadCount: number;
  readSeq: number;
  lastActivityAt: string;
  createdAt: string;
}

/** A conversation as results shown outside it name it (search hits). */
export interface ConversationBrief {
  id: string;
  kind: ConversationKind;
  title: string | null;
  avatarUrl: string | null;
}

/** `preview` is the last message's decrypted, shortened content (the stored one is ciphertext). */
export function toConversationResponse(
  conversation: ConversationRecord,
  me: MembershipRecord,
  members: MemberSummary[],
  preview: string | null,
): ConversationResponse {
  const last = conversation.lastMessage;
  const readSeq = readPointerOf(conversation, me).seq;
  return {
    id: conversation._id.toHexString(),
    kind: conversation.kind,
    title: conversation.title ?? null,
    avatarUrl: conversation.avatarUrl ?? null,
    memberCount: conversation.memberCount,
    members,
    myRole: me.role,
    muted: isMutedAt(me),
    mutedUntil: isMutedAt(me) ? (me.mutedUntil?.toISOString() ?? null) : null,
    notify: me.notify ?? NotifyLevel.All,
    lastSeq: conversation.lastSeq,
    lastMessage: last
      ? { ...last, preview: preview ?? '', createdAt: new Date(last.createdAt).toISOString() }
      : null,
    // Sending reads the conversation up to the message sent, so a member's own messages never count as unread.
    unreadCount: Math.max(0, conversation.lastSeq - readSeq),
    readSeq,
    lastActivityAt: conversation.lastActivityAt.toISOString(),
    createdAt: conversation.createdAt.toISOString(),
  };
}
