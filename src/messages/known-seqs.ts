import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { SeqHints } from './seq-hints';

const SEQ_CACHE_SIZE = 50_000;

/**
 * The seq this process numbers each conversation after: the newest it stored, read as a floor or heard
 * another instance store. Only a starting point for MessageInsertsRepository: the unique (conversationId,
 * seq) index decides, and a seq that lags behind costs a retry. The least recently numbered make room.
 */
@Injectable()
export class KnownSeqs {
  private readonly lastSeq = new LRUCache<string, number>({ max: SEQ_CACHE_SIZE });
  /** Floor reads in flight, one per conversation: the sends waiting for one queue up in the order they came. */
  private readonly floorReads = new Map<string, Promise<number>>();

  constructor(hints: SeqHints) {
    hints.onRaised((conversationId, seq) => this.learn(conversationId, seq));
  }

  /** Whether this process numbers the conversation already (a send then needs no floor read). */
  has(conversationId: string): boolean {
    return this.lastSeq.has(conversationId);
  }

  readFloor(conversationId: string, floor: () => Promise<number>): Promise<number> {
    let reading = this.floorReads.get(conversationId);
    if (!reading) {
      reading = floor().finally(() => this.floorReads.delete(conversationId));
      this.floorReads.set(conversationId, reading);
    }
    return reading;
  }

  /** The seq an insert numbers after (0 if none); the conversation counts as recently numbered. */
  numberAfter(conversationId: string): number {
    return this.lastSeq.get(conversationId) ?? 0;
  }

  /** Never lowers the seq: one announced by another instance may be past this round's already. */
  remember(conversationId: string, seq: number): void {
    this.lastSeq.set(conversationId, Math.max(seq, this.lastSeq.get(conversationId) ?? 0));
  }

  /** After a failed insert: the next send of the conversation reads its floor again. */
  forget(conversationId: string): void {
    this.lastSeq.delete(conversationId);
  }

  /**
   * Seqs recorded on conversations, read for another purpose: they become the floors of the conversations
   * this process does not number yet, so their first sends here need no floor read. Like a floor read at
   * send time, one that lags behind only costs a retry.
   */
  knowFloors(recorded: ReadonlyMap<string, number>): void {
    for (const [conversationId, seq] of recorded) {
      if (!this.lastSeq.has(conversationId)) {
        this.lastSeq.set(conversationId, seq);
      }
    }
  }

  /** The newest seq this process stored, read as a floor or heard another instance store (0 if none). */
  known(conversationId: string): number {
    return this.lastSeq.peek(conversationId) ?? 0;
  }

  /**
   * Another instance stored up to `seq`: this process's next send continues after it instead of colliding
   * with it (a reply usually goes through another instance than the message it answers). Only for
   * conversations this process numbers already; the others get their floor from a member's connect or read
   * it on their first send.
   */
  private learn(conversationId: string, seq: number): void {
    const known = this.lastSeq.peek(conversationId);
    if (known !== undefined && seq > known) {
      this.lastSeq.set(conversationId, seq);
    }
  }
}
