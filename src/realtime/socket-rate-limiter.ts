import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { REDIS } from '../common/redis/redis.constants';
import { AppError } from '../common/errors/app-error';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChatSocket, ClientEvent } from './events';
import { RealtimeError, RealtimeErrorCode } from './realtime.errors';
import { WindowEstimate } from './window-estimate';

// Fixed windows per user: events per second always, messages per minute for send_message. One round trip.
const COUNT = `
local events = redis.call('INCR', KEYS[1])
if events == 1 then redis.call('PEXPIRE', KEYS[1], 1000) end
if ARGV[1] == '0' then return {events, 0} end
local messages = redis.call('INCR', KEYS[2])
if messages == 1 then redis.call('PEXPIRE', KEYS[2], 60000) end
return {events, messages}`;

const KNOWN_EVENTS = new Set<string>(Object.values(ClientEvent));
// Users whose windows this instance tracks; an idle user's entry goes once both windows are long over.
const MAX_USERS = 100_000;
const USER_IDLE_MS = 120_000;

interface UserWindows {
  events: WindowEstimate;
  messages: WindowEstimate;
}

/** One admitted event's places in its user's windows (the message place is 0 for other events). */
interface Places {
  event: number;
  message: number;
}

type CountingRedis = Redis & {
  socketLimitCount(events: string, messages: string, isMessage: string): Promise<[number, number]>;
};

/**
 * Admits or refuses each incoming socket event before any handler runs, without a round trip: per-user
 * counts are shared through Redis, so that opening more sockets, on any instance, does not multiply a
 * user's allowance, but an event is judged by what this instance knows when it arrives (its own events,
 * exactly, and the totals Redis reported for them, which include the other instances' events) while its
 * count goes to Redis alongside. A user with sockets on several instances can therefore exceed a window by
 * the events another instance admits before its count comes back: at most a few, never a multiple. A
 * per-socket window in memory stops one socket from flooding even its own instance. While Redis is down or
 * its counts fail, events are refused with a clear code: broadcasts could not reach other instances, and
 * an ok ack would claim they did.
 */
@Injectable()
export class SocketRateLimiter {
  private readonly logger = new Logger(SocketRateLimiter.name);
  private readonly socketWindows = new Map<string, { window: number; count: number }>();
  private readonly users = new LRUCache<string, UserWindows>({
    max: MAX_USERS,
    ttl: USER_IDLE_MS,
    updateAgeOnGet: true,
  });
  private countsFailing = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis.defineCommand('socketLimitCount', { numberOfKeys: 2, lua: COUNT });
    // Counts that failed while Redis went away say nothing about the connection it is back on.
    this.redis.on('ready', () => {
      this.countsFailing = false;
    });
  }

  /** Throws the error to answer with when the event must not run. */
  admit(socket: ChatSocket, event: string): void {
    if (!KNOWN_EVENTS.has(event)) {
      throw new RealtimeError(RealtimeErrorCode.UnknownEvent, `Unknown event "${event.slice(0, 64)}"`);
    }
    const limits = this.config.realtime;
    if (!this.admitOnSocket(socket.id, limits.eventsPerSecond)) {
      throw rateLimited('Too many events on this connection; slow down');
    }
    if (this.redis.status !== 'ready') {
      throw new RealtimeError(RealtimeErrorCode.RealtimeUnavailable);
    }
    const userId = socket.data.user.userId;
    const isMessage = event === (ClientEvent.SendMessage as string);
    const second = Math.floor(Date.now() / 1000);
    const minute = Math.floor(second / 60);
    const windows = this.windowsOf(userId);
    if (this.countsFailing) {
      // Still counted, so that the first count Redis answers again lets events through.
      this.count(userId, isMessage, second, minute, windows, null);
      throw new RealtimeError(RealtimeErrorCode.RealtimeUnavailable);
    }
    if (!windows.events.allows(second, limits.eventsPerSecond)) {
      throw rateLimited(`At most ${limits.eventsPerSecond} events per second`);
    }
    if (isMessage && !windows.messages.allows(minute, limits.messagesPerMinute)) {
      throw rateLimited(`At most ${limits.messagesPerMinute} messages per minute`);
    }
    this.count(userId, isMessage, second, minute, windows, {
      event: windows.events.admit(second),
      message: isMessage ? windows.messages.admit(minute) : 0,
    });
  }

  forget(socket: ChatSocket): void {
    this.socketWindows.delete(socket.id);
  }

  private admitOnSocket(socketId: string, perSecond: number): boolean {
    const window = Math.floor(Date.now() / 1000);
    const current = this.socketWindows.get(socketId);
    if (!current || current.window !== window) {
      this.socketWindows.set(socketId, { window, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= perSecond;
  }

  private windowsOf(userId: string): UserWindows {
    let windows = this.users.get(userId);
    if (!windows) {
      windows = { events: new WindowEstimate(), messages: new WindowEstimate() };
      this.users.set(userId, windows);
    }
    return windows;
  }

  /** Sends the event's count to Redis without waiting; its answer updates what this instance knows. */
  private count(
    userId: string,
    isMessage: boolean,
    second: number,
    minute: number,
    windows: UserWindows,
    places: Places | null,
  ): void {
    const prefix = `${this.config.redis.keyPrefix}:limits:${userId}`;
    (this.redis as CountingRedis)
      .socketLimitCount(`${prefix}:ev:${second}`, `${prefix}:msg:${minute}`, isMessage ? '1' : '0')
      .then(
        ([events, messages]) => {
          if (places) {
            windows.events.report(second, places.event, events);
            if (isMessage) {
              windows.messages.report(minute, places.message, messages);
            }
          }
          if (this.countsFailing) {
            this.countsFailing = false;
            this.logger.log('Socket event counts reach Redis again; events are admitted');
          }
        },
        (error: unknown) => {
          if (!this.countsFailing) {
            this.countsFailing = true;
            this.logger.warn(`Socket events refused, Redis counts fail: ${(error as Error).message}`);
          }
        },
      );
  }
}

function rateLimited(message: string): AppError {
  return new CommonError(CommonErrorCode.RateLimited, message);
}
