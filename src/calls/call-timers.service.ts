import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PresenceService } from '../presence/presence.service';
import { CallAnnouncer } from './call-announcer';
import { CallState, isLive } from './call-state';
import { CallStateStore } from './call-state.store';
import {
  markDisconnected,
  overdueTimers,
  reconnectGraceExpired,
  ringTimedOut,
} from './call-timer-transitions';
import { CallStep } from './call-transitions';
import { CallsErrorCode } from './calls.errors';
import { deviceIdOf } from './device-id';

/**
 * A call's timers, as delayed BullMQ jobs any instance may run (so they survive the instance that set
 * them): the ring timeout, each disconnected device's reconnect grace, and a periodic liveness check that
 * notices devices whose instance died without telling anyone. Each acts through the state's
 * compare-and-set, so a timer that fires twice, or after the call moved on, changes nothing.
 */
/** How often every live call is checked against its deadlines, and how long after one it is acted on. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_MARGIN_MS = 5000;

@Injectable()
export class CallTimersService implements OnApplicationBootstrap {
  constructor(
    private readonly store: CallStateStore,
    private readonly announcer: CallAnnouncer,
    private readonly presence: PresenceService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A live call was created: its ring timeout, and the first liveness check. */
  async started(state: CallState): Promise<void> {
    const { callId } = state;
    await Promise.all([
      this.jobs.enqueue(
        JobName.CallRingTimeout,
        { callId },
        { jobId: `ring-${callId}`, delay: this.config.calls.ringTimeoutSeconds * 1000 },
      ),
      this.scheduleLiveness(callId, 1),
    ]);
  }

  async ringTimeout(callId: string): Promise<void> {
    await this.step(callId, (state) => ringTimedOut(state, new Date().toISOString()));
  }

  async graceExpired(callId: string, deviceId: string, disconnectedAt: string): Promise<void> {
    await this.step(callId, (state) =>
      reconnectGraceExpired(state, deviceId, disconnectedAt, new Date().toISOString()),
    );
  }

  /**
   * A socket of a user in a call closed: unless its session has another socket open (on any instance), the
   * device is marked disconnected and its grace starts. Users in no call cost one GET.
   */
  async socketClosed(userId: string, sessionId: string): Promise<void> {
    const call = await this.store.liveCallOfUser(userId);
    const deviceId = deviceIdOf(sessionId);
    if (!call?.participants.some((p) => p.deviceId === deviceId)) {
      return;
    }
    if ((await this.presence.connectedSessionIds(userId)).includes(sessionId)) {
      return;
    }
    await this.markGone(call.callId, [deviceId]);
  }

  /** Marks the participants with no live presence connection left as disconnected, then checks again later. */
  async checkLiveness(callId: string, round: number): Promise<void> {
    const call = await this.store.get(callId);
    if (!call || !isLive(call)) {
      return;
    }
    await this.markDeadDevices(call);
    await this.scheduleLiveness(callId, round + 1);
  }

  /**
   * Every live call gets what its timers should have done by now (a margin after each deadline, so the
   * timers themselves go first): calls whose jobs were lost, e.g. while Redis was away for longer than
   * their retries, still stop ringing, lose the devices that are gone, and end.
   */
  async sweep(): Promise<void> {
    const { ringTimeoutSeconds, reconnectGraceSeconds } = this.config.calls;
    const deadlines = {
      ringTimeoutMs: ringTimeoutSeconds * 1000 + SWEEP_MARGIN_MS,
      graceMs: reconnectGraceSeconds * 1000 + SWEEP_MARGIN_MS,
    };
    for (const callId of await this.store.liveCallIds()) {
      const call = await this.store.get(callId);
      if (!call || !isLive(call)) {
        await this.store.forgetLive(callId);
        continue;
      }
      await this.markDeadDevices(call);
      await this.step(callId, (state) => overdueTimers(state, new Date().toISOString(), deadlines));
    }
  }

  /** Boot does not wait for Redis to take the schedule (see JobsService.repeat). */
  onApplicationBootstrap(): void {
    this.jobs.repeat(JobName.SweepCalls, {}, SWEEP_EVERY_MS);
  }

  private async markDeadDevices(call: CallState): Promise<void> {
    const { callId } = call;
    const connected = call.participants.filter((p) => p.disconnectedAt === null);
    const liveSessions = new Map<string, string[]>();
    for (const userId of new Set(connected.map((p) => p.userId))) {
      liveSessions.set(userId, await this.presence.connectedSessionIds(userId));
    }
    const gone = connected.filter((p) => !liveSessions.get(p.userId)?.includes(p.sessionId));
    if (gone.length > 0) {
      await this.markGone(
        callId,
        gone.map((p) => p.deviceId),
      );
    }
  }

  private async markGone(callId: string, deviceIds: readonly string[]): Promise<void> {
    const now = new Date().toISOString();
    const applied = await this.step(callId, (state) =>
      deviceIds.reduce<CallStep>((step, deviceId) => markDisconnected(step.state, deviceId, now), {
        state,
        announce: [],
      }),
    );
    const marked = applied?.state.participants.filter(
      (p) => deviceIds.includes(p.deviceId) && p.disconnectedAt === now,
    );
    await Promise.all(
      (marked ?? []).map((p) =>
        this.jobs.enqueue(
          JobName.CallReconnectGrace,
          { callId, deviceId: p.deviceId, disconnectedAt: now },
          {
            jobId: `grace-${callId}-${p.deviceId}-${Date.parse(now)}`,
            delay: this.config.calls.reconnectGraceSeconds * 1000,
          },
        ),
      ),
    );
  }

  private scheduleLiveness(callId: string, round: number): Promise<void> {
    return this.jobs.enqueue(
      JobName.CheckCallLiveness,
      { callId, round },
      {
        jobId: `liveness-${callId}-${round}`,
        delay: Math.max(1000, this.config.realtime.presenceTtlMs / 2),
        // One per check of every live call: keeping them would fill Redis with finished checks.
        removeOnComplete: true,
      },
    );
  }

  /** Applies a timer's step; a call that is gone (expired) leaves nothing to do. */
  private async step(callId: string, step: (state: CallState) => CallStep): Promise<CallStep | null> {
    try {
      const applied = await this.store.apply(callId, step);
      this.announcer.settle(applied);
      return applied;
    } catch (error) {
      if (error instanceof AppError && (error.code as CallsErrorCode) === CallsErrorCode.NotFound) {
        return null;
      }
      throw error;
    }
  }
}
