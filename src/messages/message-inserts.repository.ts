import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { GroupCommitWriter, Outcomes } from '../common/concurrency/group-commit-writer';
import { KeyedQueue } from '../common/concurrency/keyed-queue';
import { byIds } from '../common/database/by-ids';
import { isDuplicateKeyError, writeErrorsOf } from '../common/database/write-errors';
import { KnownSeqs } from './known-seqs';
import { MessageRecord } from './message.response';
import { Message } from './message.schema';
import { SeqHints } from './seq-hints';

const oid = (id: string) => new Types.ObjectId(id);
const MAX_SEQ_ATTEMPTS = 20;
// Conflicts of one group resolved by trying the next seq before the highest stored one is looked up.
const SEQ_STEPS_BEFORE_LOOKUP = 3;
// Conversations stored by one insert round, at most.
const MAX_BATCH = 200;
// Documents per insert command. FerretDB v1 inserts in batches of 100 and, after an ordered batch fails,
// goes on with the next one: in a longer command, documents after the first failure are stored while this
// code takes them for untried, retries them as resends and never announces them. MongoDB stops at the
// first failure; a longer round costs a round trip per 100 (docs/performance.md#ferretdb-ordered-insert).
const MAX_INSERT_DOCUMENTS = 100;

/** `announced` settles once every instance can know the seq (see SeqHints); it never rejects. */
type Inserted = { record: MessageRecord; inserted: boolean; announced: Promise<void> };
const NOTHING_TO_ANNOUNCE = Promise.resolve();
interface PendingInsert {
  build: (seq: number) => MessageRecord;
  /** The floor read for this send when its conversation's seq was not known yet. */
  floor: number | undefined;
  resolve: (result: Inserted) => void;
  reject: (error: unknown) => void;
}
/** The sends of one conversation waiting for an insert round. */
interface ConversationSends {
  conversationId: string;
  sends: PendingInsert[];
}
/** A conversation's sends in an insert round, and the seq the first of them takes. */
interface SeqGroup extends ConversationSends {
  next: number;
  attempts: number;
}

/**
 * New messages: each stored under its conversation's next seq, the sends of many conversations together in
 * group-committed insert rounds, a resend recognised by its `_id`. Raw driver calls: no document hydration
 * per message.
 */
@Injectable()
export class MessageInsertsRepository {
  /**
   * Insert rounds: the sends of every conversation waiting while the running rounds store theirs go out
   * together in ordered insertMany commands (each conversation's sends contiguous, in arrival order), and a
   * conversation is in one round at a time, so its seqs follow each other without a database lookup.
   */
  private readonly inserts = new GroupCommitWriter<ConversationSends>(
    new KeyedQueue(),
    (waiting, next) => {
      waiting.sends.push(...next.sends);
      return waiting;
    },
    (rounds) => this.insertRound(rounds),
    { maxInFlight: 2, maxBatch: MAX_BATCH },
  );

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly hints: SeqHints,
    private readonly seqs: KnownSeqs,
  ) {}

  /**
   * Stores a message under the conversation's next seq. The seq is taken by the insert itself: the unique
   * (conversationId, seq) index admits exactly one message per seq, so a seq is used only by a stored
   * message (no gaps from failed or duplicate sends) and two instances racing for one seq make the loser
   * retry with the next. A counter document with `$inc` would be cheaper, but FerretDB v1 applies
   * concurrent `$inc`s non-atomically. A conversation's sends are stored by one insert round at a time in
   * this process (seqs in arrival order), and the sends of every conversation that queue up while the
   * running rounds store theirs go out together in ordered insertMany commands, so retries only happen
   * between instances and a burst across conversations costs one round trip per MAX_INSERT_DOCUMENTS. The
   * first send of a conversation in this process starts after `floor()` (the seq recorded on the
   * conversation, read by `_id`) instead of looking for the highest stored seq; seqs have no gaps, so a floor
   * that lags behind conflicts and is corrected by the retry. The floor is read before the send joins a
   * round, so a slow read holds up only its own conversation, not every conversation of the round, and once
   * per conversation at a time, so its first sends join the queue in the order they came, as they did when
   * the round read it. `inserted: false` when the message was stored already (a resend of its
   * clientMessageId, which collides on the derived `_id`: see messageIdFor): that message is returned,
   * whichever conversation holds it (the caller decides what a resend into another conversation gets).
   */
  async insertWithNextSeq(
    conversationId: string,
    build: (seq: number) => MessageRecord,
    floor: () => Promise<number>,
  ): Promise<Inserted> {
    const floorRead = this.seqs.has(conversationId)
      ? undefined
      : await this.seqs.readFloor(conversationId, floor);
    return new Promise((resolve, reject) => {
      this.inserts
        .write(conversationId, { conversationId, sends: [{ build, floor: floorRead, resolve, reject }] })
        .catch(reject);
    });
  }

  /**
   * Stores one round, in commands of at most MAX_INSERT_DOCUMENTS; settles every send itself (a send already
   * settled ignores a later rejection).
   */
  private async insertRound(rounds: ConversationSends[]): Promise<Outcomes> {
    let waiting = rounds;
    while (waiting.length > 0) {
      const { command, rest } = nextCommand(waiting);
      let remaining = command.map(({ conversationId, sends }): SeqGroup => ({
        conversationId,
        sends,
        next: Math.max(this.seqs.numberAfter(conversationId), floorOf(sends)) + 1,
        attempts: 0,
      }));
      while (remaining.length > 0) {
        remaining = await this.insertGroups(remaining);
      }
      waiting = rest;
    }
    return rounds.map(() => undefined);
  }

  /** One ordered insertMany of the groups' sends; returns the groups to try again. */
  private async insertGroups(groups: SeqGroup[]): Promise<SeqGroup[]> {
    const records = groups.map((group) =>
      group.sends.map((pending, index) => pending.build(group.next + index)),
    );
    try {
      await this.messages.collection.insertMany(records.flat(), { ordered: true });
      this.stored(groups, records);
      return [];
    } catch (error) {
      // An ordered insert stops at the first failure: the groups before it went in whole.
      const failure = writeErrorsOf(error)[0];
      const failedAt = failure?.index;
      let at = failedAt ?? 0;
      let failed = 0;
      while (failed < groups.length && at >= records[failed].length) {
        at -= records[failed].length;
        failed += 1;
      }
      this.stored(groups.slice(0, failed), records.slice(0, failed));
      if (failedAt === undefined || failed === groups.length) {
        // The command failed as a whole (connection lost): what went in anyway is found by id.
        await Promise.all(groups.map((group, index) => this.fail(group, records[index], error)));
        return [];
      }
      if (!isDuplicateKeyError(failure)) {
        // One document was refused: its conversation's sends fail, the groups after it were not tried.
        await this.fail(groups[failed], records[failed], error);
        return groups.slice(failed + 1);
      }
      // The failed group conflicted at `at`, on a seq or on a message id; later groups were not tried.
      const again = await this.afterConflict(groups[failed], records[failed], at, error);
      return again ? [again, ...groups.slice(failed + 1)] : groups.slice(failed + 1);
    }
  }

  /**
   * After a duplicate key at `at`: the sends before it are stored. The one at it is a resend when a message
   * with its id exists (ids derive from sender and clientMessageId): it gets that message, and the rest keep
   * their seqs. Otherwise another instance took the seq and the rest try again after it. Decided by one
   * `_id` lookup. Returns the group to try again, if any.
   */
  private async afterConflict(
    group: SeqGroup,
    records: MessageRecord[],
    at: number,
    error: unknown,
  ): Promise<SeqGroup | null> {
    if (at > 0) {
      this.stored([{ ...group, sends: group.sends.slice(0, at) }], [records.slice(0, at)]);
    }
    const [unsettled] = await this.settle([group.sends[at]], [records[at]]);
    if (!unsettled) {
      const rest = group.sends.slice(at + 1);
      return rest.length > 0 ? { ...group, sends: rest, next: group.next + at } : null;
    }
    const rest = group.sends.slice(at);
    if (group.attempts + 1 >= MAX_SEQ_ATTEMPTS) {
      this.seqs.forget(group.conversationId);
      rest.forEach((pending) => pending.reject(error));
      return null;
    }
    const next = await this.seqAfterConflict(group, at);
    return { ...group, sends: rest, next, attempts: group.attempts + 1 };
  }

  private async fail(group: SeqGroup, records: MessageRecord[], error: unknown): Promise<void> {
    this.seqs.forget(group.conversationId);
    const unsettled = await this.settle(group.sends, records);
    unsettled.forEach((pending) => pending.reject(error));
  }

  /**
   * Groups stored whole: their seqs are remembered, and shared with other instances while the sends go on
   * (the round does not wait for Redis; each send's ack does).
   */
  private stored(groups: SeqGroup[], records: MessageRecord[][]): void {
    groups.forEach((group, index) => {
      const last = group.next + records[index].length - 1;
      this.seqs.remember(group.conversationId, last);
      const announced = this.hints.raise(group.conversationId, last);
      group.sends.forEach((pending, i) =>
        pending.resolve({ record: records[index][i], inserted: true, announced }),
      );
    });
  }

  /**
   * Another instance took the seq. It raises the shared hint (and announces it, to KnownSeqs here) before
   * acking, so the next try starts after the highest seq known here, or just past the taken one while the
   * raise is still on its way: that seq is free unless the other instance stored several in a row. Only
   * after SEQ_STEPS_BEFORE_LOOKUP such tries is the highest stored seq looked up (a floor far behind, after
   * a crash between an insert and its recording): an index read on MongoDB, but a scan of every message on
   * FerretDB, and the whole insert round waits for it.
   */
  private async seqAfterConflict(group: SeqGroup, failedAt: number): Promise<number> {
    if (group.attempts >= SEQ_STEPS_BEFORE_LOOKUP) {
      return (await this.maxSeq(group.conversationId)) + 1;
    }
    const hint = (await this.hints.get(group.conversationId)) ?? 0;
    return Math.max(group.next + failedAt, hint, this.seqs.numberAfter(group.conversationId)) + 1;
  }

  /** Resolves the sends of a failed batch that were stored (or stored meanwhile by a resend); returns the rest. */
  private async settle(batch: PendingInsert[], records: MessageRecord[]): Promise<PendingInsert[]> {
    const stored = (await this.messages.collection
      .find(byIds(records.map((record) => record._id)))
      .toArray()) as MessageRecord[];
    const byId = new Map(stored.map((row) => [row._id.toHexString(), row]));
    return batch.filter((pending, index) => {
      const record = records[index];
      const found = byId.get(record._id.toHexString());
      // This attempt's own document carries its change position; a resend's has another.
      if (found?.changeSeq === record.changeSeq) {
        pending.resolve({ record, inserted: true, announced: NOTHING_TO_ANNOUNCE });
      } else if (found) {
        resolveResend(pending, record, found);
      }
      return !found;
    });
  }

  private async maxSeq(conversationId: string): Promise<number> {
    const [last] = await this.messages.collection
      .find({ conversationId: oid(conversationId) }, { projection: { seq: 1 } })
      .sort({ seq: -1 })
      .limit(1)
      .toArray();
    return (last?.seq as number | undefined) ?? 0;
  }
}

/** A send whose id is taken gets the stored message, unless the id belongs to another send (a hash collision). */
function resolveResend(pending: PendingInsert, record: MessageRecord, stored: MessageRecord): void {
  const same = stored.senderId.equals(record.senderId) && stored.clientMessageId === record.clientMessageId;
  if (same) {
    pending.resolve({ record: stored, inserted: false, announced: NOTHING_TO_ANNOUNCE });
  } else {
    pending.reject(new Error(`message id ${record._id.toHexString()} is taken by another send`));
  }
}

/**
 * The round's first MAX_INSERT_DOCUMENTS sends, in order; a conversation's sends beyond them wait in `rest`
 * for the next command, after their predecessors.
 */
function nextCommand(waiting: readonly ConversationSends[]): {
  command: ConversationSends[];
  rest: ConversationSends[];
} {
  const command: ConversationSends[] = [];
  const rest: ConversationSends[] = [];
  let room = MAX_INSERT_DOCUMENTS;
  for (const { conversationId, sends } of waiting) {
    const taken = sends.slice(0, room);
    room -= taken.length;
    if (taken.length > 0) {
      command.push({ conversationId, sends: taken });
    }
    if (taken.length < sends.length) {
      rest.push({ conversationId, sends: sends.slice(taken.length) });
    }
  }
  return { command, rest };
}

/**
 * The highest floor read by the sends of a conversation whose seq was not remembered (0 when none was: the
 * remembered seq was dropped after they looked, and the conflict retry finds the seq).
 */
function floorOf(sends: readonly PendingInsert[]): number {
  return Math.max(0, ...sends.map((pending) => pending.floor ?? 0));
}
