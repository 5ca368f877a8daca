import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '../common/redis/redis.constants';
import { AppError } from '../common/errors/app-error';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CallClientEvent, ChatSocket, ClientEvent } from './events';
import { RealtimeError, RealtimeErrorCode } from './realtime.errors';

// Fixed windows per user: events per second always, messages per minute for send_message. One round-trip.
const COUNT = `
local events = redis.call('INCR', KEYS[1])
if events == 1 then redis.call('PEXPIRE', KEYS[1], 1000) end
if ARGV[1] == '0' then return {events, 0} end
local messages = redis.call('INCR', KEYS[2])
if messages == 1 then redis.call('PEXPIRE', KEYS[2], 60000) end
return {events, messages}`;

const KNOWN_EVENTS = new Set<string>([...Object.values(ClientEvent), ...Object.values(CallClientEvent)]);

/**
 * WebRTC signaling comes in bursts (a dozen ICE candidates per peer as a call connects): calls count these
 * per user on their own (CALL_SIGNALS_PER_SECOND), so they neither trip nor use up the general allowance.
 */
const SIGNALING_EVENTS = new Set<string>([
  CallClientEvent.Offer,
  CallClientEvent.Answer,
  CallClientEvent.IceCandidate,
  CallClientEvent.Media,
]);

/**
 * Admits or refuses each incoming socket event before any handler runs. Per-user counts live in Redis so
 * that opening more sockets, on any instance, does not multiply a user's allowance; a per-socket window in
 * memory stops one socket from flooding even its own instance. While Redis is down events are refused with
 * a clear code: broadcasts could not reach other instances, and an ok ack would claim they did.
 */
@Injectable()
export class SocketRateLimiter {
  private readonly logger = new Logger(SocketRateLimiter.name);
  private readonly socketWindows = new Map<string, { window: number; count: number }>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis.defineCommand('socketLimitCount', { numberOfKeys: 2, lua: COUNT });
  }

  /** Throws the error to answer with when the event must not run. */
  async admit(socket: ChatSocket, event: unknown): Promise<void> {
    // Socket.IO's parser also lets numbers through as event names; like any name outside the protocol, unknown.
    if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) {
      throw new RealtimeError(
        RealtimeErrorCode.UnknownEvent,
        `Unknown event "${String(event).slice(0, 64)}"`,
      );
    }
    if (SIGNALING_EVENTS.has(event)) {
      return;
    }
    const limits = this.config.realtime;
    if (!this.admitOnSocket(socket.id, limits.eventsPerSecond)) {
      throw rateLimited('Too many events on this connection; slow down');
    }
    const isMessage = event === (ClientEvent.SendMessage as string);
    const [events, messages] = await this.countForUser(socket.data.user.userId, isMessage);
    if (events > limits.eventsPerSecond) {
      throw rateLimited(`At most ${limits.eventsPerSecond} events per second`);
    }
    if (isMessage && messages > limits.messagesPerMinute) {
      throw rateLimited(`At most ${limits.messagesPerMinute} messages per minute`);
    }
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

  private async countForUser(userId: string, isMessage: boolean): Promise<[number, number]> {
    const prefix = `${this.config.redis.keyPrefix}:limits:${userId}`;
    const second = Math.floor(Date.now() / 1000);
    const minute = Math.floor(second / 60);
    try {
      const redis = this.redis as unknown as {
        socketLimitCount(events: string, messages: string, isMessage: string): Promise<[number, number]>;
      };
      return await redis.socketLimitCount(
        `${prefix}:ev:${second}`,
        `${prefix}:msg:${minute}`,
        isMessage ? '1' : '0',
      );
    } catch (error) {
      this.logger.warn(`Socket event refused, Redis unavailable: ${(error as Error).message}`);
      throw new RealtimeError(RealtimeErrorCode.RealtimeUnavailable);
    }
  }
}

function rateLimited(message: string): AppError {
  return new CommonError(CommonErrorCode.RateLimited, message);
}
