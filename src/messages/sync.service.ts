import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationPointersService } from '../conversations/conversation-pointers.service';
import { ConversationsService } from '../conversations/conversations.service';
import { BlockedSenders } from './blocked-senders';
import { MessageResponse } from './message.response';
import { MessagesError, MessagesErrorCode } from './messages.errors';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { CursorState, SyncPass } from './sync-pass';

/**
 * A change position is "settled" once this long has passed since it was taken: every change with a lower
 * position has been written by then (writes finish, and instance clocks agree, well within this), so a
 * cursor may move past it. Newer changes are returned too, but the cursor stays before them: a later sync
 * may return them again (clients key items by id), but never skips one.
 */
const SETTLE_MS = 5000;

export interface SyncResponse {
  messages: MessageResponse[];
  receipts: Array<{
    conversationId: string;
    members: Array<{ userId: string; deliveredSeq: number; readSeq: number }>;
  }>;
  conversations: { joined: string[]; left: string[] };
  cursor: string;
  hasMore: boolean;
}

/**
 * Catch-up for a device: everything that changed in its user's conversations since its cursor. A cursor is
 * an opaque id of per-conversation change positions kept in Redis (so it stays small in a URL).
 */
@Injectable()
export class SyncService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly conversationPointers: ConversationPointersService,
    private readonly blockedSenders: BlockedSenders,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sync(userId: string, since: string | undefined, limit: number): Promise<SyncResponse> {
    const current = await this.conversations.conversationIdsOf(userId);
    const settledAt = Date.now() - SETTLE_MS;
    if (since === undefined) {
      // A first sync starts from now: the client loads state through the REST routes.
      const positions = Object.fromEntries(current.map((id) => [id, settledAt * 1000]));
      const state = { positions, floors: positions, receiptsAt: settledAt };
      return this.reply(userId, state, { messages: [], receipts: [], joined: [], left: [], hasMore: false });
    }
    const previous = await this.load(userId, since);
    const pass = new SyncPass(previous, current, settledAt * 1000);
    const receiptsChanged = await this.conversationPointers.pointersChangedSince(
      current,
      new Date(previous.receiptsAt),
    );
    pass.record(await this.repository.changesAfter(pass.positions, limit + 1), limit);
    // Receipts for the conversations with changes on this page, joined since the cursor, or whose pointers moved.
    const reported = new Set([
      ...pass.messages.map((change) => change.conversationId.toHexString()),
      ...pass.joined,
      ...receiptsChanged,
    ]);
    const withReceipts = current.filter((id) => reported.has(id));
    const receipts = await Promise.all(
      withReceipts.map(async (conversationId) => ({
        conversationId,
        members: await this.memberPointers(conversationId),
      })),
    );
    const nextReceiptsAt = previous.nextReceiptsAt ?? settledAt;
    const state: CursorState = pass.hasMore
      ? { positions: pass.positions, floors: pass.floors, receiptsAt: previous.receiptsAt, nextReceiptsAt }
      : { positions: pass.floors, floors: pass.floors, receiptsAt: nextReceiptsAt };
    return this.reply(userId, state, {
      messages: await this.blockedSenders.flagFor(
        userId,
        pass.messages.map((row) => this.messages.toResponse(row)),
      ),
      receipts,
      joined: pass.joined,
      left: pass.left,
      hasMore: pass.hasMore,
    });
  }

  private async memberPointers(conversationId: string) {
    return (await this.conversations.members(conversationId)).map(({ userId, deliveredSeq, readSeq }) => ({
      userId,
      deliveredSeq,
      readSeq,
    }));
  }

  private async reply(
    userId: string,
    state: CursorState,
    result: Omit<SyncResponse, 'cursor' | 'conversations'> & { joined: string[]; left: string[] },
  ): Promise<SyncResponse> {
    const cursor = randomBytes(16).toString('base64url');
    await this.redis.set(
      this.key(cursor),
      JSON.stringify({ userId, ...state }),
      'EX',
      this.config.messages.syncCursorTtlSeconds,
    );
    return {
      messages: result.messages,
      receipts: result.receipts,
      conversations: { joined: result.joined, left: result.left },
      cursor,
      hasMore: result.hasMore,
    };
  }

  private async load(userId: string, cursor: string): Promise<CursorState> {
    const stored = /^[\w-]{16,64}$/.test(cursor) ? await this.redis.get(this.key(cursor)) : null;
    const parsed = stored ? (JSON.parse(stored) as CursorState & { userId: string }) : null;
    if (!parsed || parsed.userId !== userId) {
      throw new MessagesError(MessagesErrorCode.CursorExpired);
    }
    return parsed;
  }

  private key(cursor: string): string {
    return `${this.config.redis.keyPrefix}:sync:${cursor}`;
  }
}
