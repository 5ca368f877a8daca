import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationPointersService } from '../conversations/conversation-pointers.service';
import { ConversationsService } from '../conversations/conversations.service';
import { MessageRecord, MessageResponse } from './message.response';
import { MessagesError, MessagesErrorCode } from './messages.errors';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

/**
 * A change position is "settled" once this long has passed since it was taken: every change with a lower
 * position has been written by then (writes finish, and instance clocks agree, well within this), so a
 * cursor may move past it. Newer changes are returned too, but the cursor stays before them: a later sync
 * may return them again (clients key items by id), but never skips one.
 */
const SETTLE_MS = 5000;
// Conversations whose changes are queried at once during a sync.
const SYNC_QUERY_PARALLELISM = 8;

type Positions = Record<string, number>;

/**
 * What a cursor stands for. `positions`: how far the current pass has paged, per conversation. `floors`:
 * below which every change has surely been returned; a finished pass restarts the next one from its floors,
 * so changes too fresh to be settled are looked at again. `receiptsAt`: receipt changes after this time are
 * reported (`nextReceiptsAt` takes over when a paged pass finishes).
 */
interface CursorState {
  positions: Positions;
  floors: Positions;
  receiptsAt: number;
  nextReceiptsAt?: number;
}

/** One page of a sync pass: what it returns and where it leaves each conversation. */
class SyncPass {
  readonly messages: MessageRecord[] = [];
  readonly receipts: SyncResponse['receipts'] = [];
  readonly positions: Positions;
  readonly floors: Positions;
  readonly joined: string[];
  readonly left: string[];
  hasMore = false;

  constructor(
    previous: CursorState,
    current: readonly string[],
    private readonly settledBefore: number,
  ) {
    this.joined = current.filter((id) => previous.positions[id] === undefined);
    this.left = Object.keys(previous.positions).filter((id) => !current.includes(id));
    this.positions = Object.fromEntries(current.map((id) => [id, previous.positions[id] ?? 0]));
    this.floors = Object.fromEntries(current.map((id) => [id, previous.floors[id] ?? 0]));
  }

  from(conversationId: string): number {
    return this.positions[conversationId];
  }

  record(conversationId: string, returned: MessageRecord[], truncated: boolean): void {
    this.messages.push(...returned);
    this.hasMore ||= truncated;
    const last = returned.at(-1)?.changeSeq;
    if (last !== undefined) {
      this.positions[conversationId] = last;
    }
    // Everything up to here has been returned; only settled changes may be left behind for good.
    const reached = truncated ? (last ?? this.positions[conversationId]) : Number.MAX_SAFE_INTEGER;
    this.floors[conversationId] = Math.max(
      this.floors[conversationId],
      Math.min(reached, this.settledBefore),
    );
  }
}

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
    const receiptsChanged = new Set(
      await this.conversationPointers.pointersChangedSince(current, new Date(previous.receiptsAt)),
    );
    const withReceipts: string[] = [];
    const fetched = await this.changesOf(current, pass, limit);
    pass.hasMore = fetched.length < current.length; // the page filled up before every conversation was looked at
    for (const [conversationId, changes] of fetched) {
      const room = limit - pass.messages.length;
      if (room <= 0) {
        pass.hasMore = true;
        break;
      }
      pass.record(conversationId, changes.slice(0, room), changes.length > room);
      const isNew = previous.positions[conversationId] === undefined;
      if (changes.length > 0 || isNew || receiptsChanged.has(conversationId)) {
        withReceipts.push(conversationId);
      }
    }
    pass.receipts.push(
      ...(await Promise.all(
        withReceipts.map(async (conversationId) => ({
          conversationId,
          members: await this.memberPointers(conversationId),
        })),
      )),
    );
    const nextReceiptsAt = previous.nextReceiptsAt ?? settledAt;
    const state: CursorState = pass.hasMore
      ? { positions: pass.positions, floors: pass.floors, receiptsAt: previous.receiptsAt, nextReceiptsAt }
      : { positions: pass.floors, floors: pass.floors, receiptsAt: nextReceiptsAt };
    return this.reply(userId, state, {
      messages: pass.messages.map((row) => this.messages.toResponse(row)),
      receipts: pass.receipts,
      joined: pass.joined,
      left: pass.left,
      hasMore: pass.hasMore,
    });
  }

  /**
   * Each conversation's changes after its position, queried a few conversations at a time, in order; stops
   * once the page is full. Every query asks for one more than the room left when it was sent, which is at
   * least the room left when its result is used, so truncation is still detected exactly.
   */
  private async changesOf(
    conversationIds: readonly string[],
    pass: SyncPass,
    limit: number,
  ): Promise<Array<[string, MessageRecord[]]>> {
    const results: Array<[string, MessageRecord[]]> = [];
    let room = limit;
    for (let start = 0; start < conversationIds.length && room > 0; start += SYNC_QUERY_PARALLELISM) {
      const chunk = conversationIds.slice(start, start + SYNC_QUERY_PARALLELISM);
      const fetched = await Promise.all(
        chunk.map((id) => this.repository.changesAfter(id, pass.from(id), room + 1)),
      );
      chunk.forEach((id, index) => results.push([id, fetched[index]]));
      room -= fetched.reduce((sum, changes) => sum + changes.length, 0);
    }
    return results;
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
