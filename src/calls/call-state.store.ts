import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppError } from '../common/errors/app-error';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RealtimeError, RealtimeErrorCode } from '../realtime/realtime.errors';
import { CallState, isLive, participantUserIds } from './call-state';
import { CallStep } from './call-transitions';
import { CallsError, CallsErrorCode } from './calls.errors';

/** Ended calls stay readable this long, so late events get CALL_ENDED and history can retry. */
const ENDED_TTL_MS = 10 * 60 * 1000;
const CLIENT_CALL_TTL_SECONDS = 24 * 3600;
/** Compare-and-set attempts before giving up on a call that changes faster than we can write it. */
const MAX_ATTEMPTS = 25;

/**
 * Writes a call's state if its version is still the one read (or, for a new call, if none exists), and keeps
 * the index keys in step in the same script, so they never disagree with the state.
 * KEYS: 1 the call, 2 the conversation's live call, 3 the client-call id, then the user keys to claim, then
 * those to release. ARGV: 1 the version read (-1: new), 2 the new JSON, 3 the call id, 4 '1' when it ended,
 * 5 the ended TTL (ms), 6 claim the conversation, 7 release it, 8 the client-call TTL (s, 0: none), 9 how
 * many user keys to claim, 10 the call keys' prefix, 11 the set of live calls' ids (for the sweep).
 * An index key naming another call whose state is gone or ended is stale (state lost), not a live claim.
 */
const WRITE = `
local raw = redis.call('GET', KEYS[1])
local expected = tonumber(ARGV[1])
if expected < 0 then
  if raw then return 'conflict' end
elseif not raw then
  return 'gone'
elseif cjson.decode(raw).version ~= expected then
  return 'conflict'
end
local function liveOther(key)
  local other = redis.call('GET', key)
  if not other or other == ARGV[3] then return nil end
  local state = redis.call('GET', ARGV[10] .. other)
  if not state or cjson.decode(state).status == 'ended' then return nil end
  return other
end
local claims = tonumber(ARGV[9])
if ARGV[6] == '1' then
  local other = liveOther(KEYS[2])
  if other then return 'conversation:' .. other end
end
for i = 1, claims do
  if liveOther(KEYS[3 + i]) then return 'busy:' .. i end
end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[4] == '1' then
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('SREM', ARGV[11], ARGV[3])
else
  redis.call('SADD', ARGV[11], ARGV[3])
end
if ARGV[6] == '1' then redis.call('SET', KEYS[2], ARGV[3]) end
if ARGV[7] == '1' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
if tonumber(ARGV[8]) > 0 then redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[8]) end
for i = 4, #KEYS do
  if i <= 3 + claims then
    redis.call('SET', KEYS[i], ARGV[3])
  elseif redis.call('GET', KEYS[i]) == ARGV[3] then
    redis.call('DEL', KEYS[i])
  end
end
return 'ok'`;

export type CreateOutcome =
  | { created: CallState }
  /** The conversation got another live call first. */
  | { conversationCallId: string };

/** A step applied: its announcements, and the state before and after (`changed` false: nothing written). */
export type Applied<S extends CallStep> = S & { previous: CallState; changed: boolean };

/**
 * Calls' shared state in Redis (docs/calls.md): `call:<id>` JSON with a version, and the indexes
 * `conversation:<id>`, `user:<id>` and `client-call:<userId>:<clientCallId>` naming live calls. Every change
 * is a pure step (call-transitions.ts) applied by compare-and-set and retried on conflict, so instances
 * racing on one call each see the other's change. Redis failures answer REALTIME_UNAVAILABLE.
 */
@Injectable()
export class CallStateStore {
  private readonly logger = new Logger(CallStateStore.name);
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}:calls:`;
    this.redis.defineCommand('callWrite', { lua: WRITE });
  }

  get(callId: string): Promise<CallState | null> {
    return this.guard(async () => {
      const raw = await this.redis.get(this.callKey(callId));
      return raw === null ? null : (JSON.parse(raw) as CallState);
    });
  }

  /** The conversation's live call, if any. */
  liveCallOfConversation(conversationId: string): Promise<CallState | null> {
    return this.liveCallNamedBy(`${this.prefix}conversation:${conversationId}`);
  }

  /** The live call the user has a device in, if any. */
  liveCallOfUser(userId: string): Promise<CallState | null> {
    return this.liveCallNamedBy(this.userKey(userId));
  }

  /** The ids of the calls not known to have ended; the sweep checks each and drops the stale ones. */
  liveCallIds(): Promise<string[]> {
    return this.guard(() => this.redis.smembers(this.liveKey()));
  }

  /** Drops a call from the live set once its state is gone (expired) or ended. */
  async forgetLive(callId: string): Promise<void> {
    await this.guard(() => this.redis.srem(this.liveKey(), callId));
  }

  /**
   * Notes, per user, the calls ringing for them (until the ring timeout), so a device that connects while
   * one rings is rung too. Entries are hints: the call's state says whether it still rings for the user.
   */
  async markRinging(callId: string, userIds: readonly string[], ttlMs: number): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      pipeline.sadd(this.ringingKey(userId), callId).pexpire(this.ringingKey(userId), ttlMs);
    }
    await this.guard(() => pipeline.exec());
  }

  /** The calls that may be ringing for the user (see `markRinging`). */
  callsRingingFor(userId: string): Promise<string[]> {
    return this.guard(() => this.redis.smembers(this.ringingKey(userId)));
  }

  /** The call a `call_invite` with this `clientCallId` started, live or ended. */
  callOfClientCall(userId: string, clientCallId: string): Promise<CallState | null> {
    return this.guard(async () => {
      const callId = await this.redis.get(this.clientCallKey(userId, clientCallId));
      return callId === null ? null : this.get(callId);
    });
  }

  /**
   * Stores a new call (live, or already ended as `busy`/`unavailable`), claiming the conversation and its
   * participants when live. Throws ALREADY_IN_CALL when a participant is in another live call.
   */
  async create(state: CallState, clientCallId?: string): Promise<CreateOutcome> {
    const result = await this.write(null, state, clientCallId);
    if (result.startsWith('conversation:')) {
      return { conversationCallId: result.slice('conversation:'.length) };
    }
    if (result !== 'ok') {
      throw new Error(`Call ${state.callId} could not be created: ${result}`);
    }
    return { created: state };
  }

  /**
   * Applies a step to the call's current state by compare-and-set, recomputing it from the newer state
   * whenever another instance wrote first. Throws CALL_NOT_FOUND when the call is unknown, and whatever
   * the step throws.
   */
  async apply<S extends CallStep>(callId: string, step: (state: CallState) => S): Promise<Applied<S>> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.get(callId);
      if (!current) {
        throw new CallsError(CallsErrorCode.NotFound);
      }
      const next = step(current);
      if (next.state === current) {
        return { ...next, previous: current, changed: false };
      }
      const written = { ...next.state, version: current.version + 1 };
      const result = await this.write(current, written);
      if (result === 'ok') {
        return { ...next, state: written, previous: current, changed: true };
      }
    }
    this.logger.warn(`Call ${callId} kept changing under ${MAX_ATTEMPTS} attempts`);
    throw new CommonError(CommonErrorCode.Conflict, 'The call is changing; retry');
  }

  /** The write script's outcome: 'ok', 'conflict', 'gone', or what a claim ran into. */
  private async write(previous: CallState | null, next: CallState, clientCallId?: string): Promise<string> {
    const before = previous && isLive(previous) ? participantUserIds(previous) : [];
    const after = isLive(next) ? participantUserIds(next) : [];
    const claims = after.filter((id) => !before.includes(id));
    const releases = before.filter((id) => !after.includes(id));
    const claimConversation = previous === null && isLive(next);
    const releaseConversation = previous !== null && isLive(previous) && !isLive(next);
    const keys = [
      this.callKey(next.callId),
      `${this.prefix}conversation:${next.conversationId}`,
      clientCallId ? this.clientCallKey(next.initiatorId, clientCallId) : `${this.prefix}client-call:none`,
      ...claims.map((id) => this.userKey(id)),
      ...releases.map((id) => this.userKey(id)),
    ];
    const args = [
      previous === null ? -1 : previous.version,
      JSON.stringify(next),
      next.callId,
      isLive(next) ? '0' : '1',
      ENDED_TTL_MS,
      claimConversation ? '1' : '0',
      releaseConversation ? '1' : '0',
      clientCallId ? CLIENT_CALL_TTL_SECONDS : 0,
      claims.length,
      `${this.prefix}call:`,
      this.liveKey(),
    ];
    const result = await this.guard(() =>
      (this.redis as unknown as { callWrite(...values: Array<string | number>): Promise<string> }).callWrite(
        keys.length,
        ...keys,
        ...args,
      ),
    );
    if (result.startsWith('busy:')) {
      throw new CallsError(CallsErrorCode.AlreadyInCall);
    }
    return result;
  }

  private liveCallNamedBy(indexKey: string): Promise<CallState | null> {
    return this.guard(async () => {
      const callId = await this.redis.get(indexKey);
      const state = callId === null ? null : await this.get(callId);
      return state && isLive(state) ? state : null;
    });
  }

  /** Redis failures become REALTIME_UNAVAILABLE; coded errors pass through. */
  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof AppError) {
        throw error;
      }
      this.logger.warn(`Call state unavailable: ${(error as Error).message}`);
      throw new RealtimeError(RealtimeErrorCode.RealtimeUnavailable);
    }
  }

  private callKey(callId: string): string {
    return `${this.prefix}call:${callId}`;
  }

  private ringingKey(userId: string): string {
    return `${this.prefix}ringing:${userId}`;
  }

  private liveKey(): string {
    return `${this.prefix}live`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}user:${userId}`;
  }

  private clientCallKey(userId: string, clientCallId: string): string {
    return `${this.prefix}client-call:${userId}:${clientCallId}`;
  }
}
