import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '../../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

const DAY_SECONDS = 86_400;
/** A digest lists what came after the previous one; past this, it lists everything still unread. */
const LAST_DIGEST_TTL_SECONDS = 90 * DAY_SECONDS;
/** Service entries asked to be emailed; one unread this long has long been swept by inbox retention. */
const ESCALATED_TTL_SECONDS = 30 * DAY_SECONDS;
/** An event that came while the user's digest was running; the run then waits another delay and runs again. */
const AGAIN_TTL_SECONDS = DAY_SECONDS;

/**
 * What the digests of one user remember between runs, in Redis: when the last digest was sent, which service
 * entries asked to be emailed (the inbox entry itself does not say), and whether something came while a digest
 * was running. Losing it (Redis without persistence) costs at most a digest listing older unread things again,
 * or a service entry not emailed (it stays in the inbox): nothing is lost.
 */
@Injectable()
export class EmailDigestState {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async lastDigestAt(userId: string): Promise<Date | null> {
    const raw = await this.redis.get(this.key('last', userId));
    return raw === null ? null : new Date(Number(raw));
  }

  async digestSent(userId: string, at: Date): Promise<void> {
    await this.redis.set(this.key('last', userId), String(at.getTime()), 'EX', LAST_DIGEST_TTL_SECONDS);
  }

  /** A service notification sent with the `email` channel: its entry may be listed by the next digest. */
  async escalate(userId: string, notificationId: string): Promise<void> {
    const key = this.key('escalated', userId);
    await this.redis.multi().sadd(key, notificationId).expire(key, ESCALATED_TTL_SECONDS).exec();
  }

  escalated(userId: string): Promise<string[]> {
    return this.redis.smembers(this.key('escalated', userId));
  }

  /** Entries listed (or read meanwhile) by a run; those escalated during the run stay for the next. */
  async forgetEscalated(userId: string, notificationIds: readonly string[]): Promise<void> {
    if (notificationIds.length > 0) {
      await this.redis.srem(this.key('escalated', userId), ...notificationIds);
    }
  }

  async runAgain(userId: string): Promise<void> {
    await this.redis.set(this.key('again', userId), '1', 'EX', AGAIN_TTL_SECONDS);
  }

  /** Whether something asked for another run since the last call (and forgets it). */
  async takeRunAgain(userId: string): Promise<boolean> {
    return (await this.redis.getdel(this.key('again', userId))) !== null;
  }

  /** Account deletion: nothing of the user is kept. */
  async forget(userId: string): Promise<void> {
    await this.redis.del(this.key('last', userId), this.key('escalated', userId), this.key('again', userId));
  }

  private key(kind: 'last' | 'escalated' | 'again', userId: string): string {
    return `${this.config.redis.keyPrefix}:email-digest:${kind}:${userId}`;
  }
}
