import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../common/queue/job-handler.decorator';
import { JobProcessor } from '../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../common/queue/jobs';
import { pushPending } from '../notifications/push-retries';
import { CallRingingService } from './call-ringing.service';
import { isLive } from './call-state';
import { CallStateStore } from './call-state.store';
import { CallTimersService } from './call-timers.service';

/** Timers wait on Redis only, pushes on push services: one instance runs several at once. */
const CONCURRENT_JOBS = 8;

@Processor(QueueName.Calls, { concurrency: CONCURRENT_JOBS })
export class CallsProcessor extends JobProcessor {
  constructor(
    private readonly timers: CallTimersService,
    private readonly ringing: CallRingingService,
    private readonly store: CallStateStore,
  ) {
    super();
  }

  @JobHandler(JobName.CallRingTimeout)
  async ringTimeout(job: Job<JobPayloads[JobName.CallRingTimeout]>): Promise<void> {
    await this.timers.ringTimeout(job.data.callId);
  }

  @JobHandler(JobName.CallReconnectGrace)
  async reconnectGrace(job: Job<JobPayloads[JobName.CallReconnectGrace]>): Promise<void> {
    const { callId, deviceId, disconnectedAt } = job.data;
    await this.timers.graceExpired(callId, deviceId, disconnectedAt);
  }

  @JobHandler(JobName.CheckCallLiveness)
  async checkLiveness(job: Job<JobPayloads[JobName.CheckCallLiveness]>): Promise<void> {
    await this.timers.checkLiveness(job.data.callId, job.data.round);
  }

  @JobHandler(JobName.SweepCalls)
  async sweep(): Promise<void> {
    await this.timers.sweep();
  }

  /** Pushes only while the call still rings for them; retries push only the devices that failed. */
  @JobHandler(JobName.PushIncomingCall)
  async pushIncomingCall(job: Job<JobPayloads[JobName.PushIncomingCall]>): Promise<void> {
    const call = await this.store.get(job.data.callId);
    if (!call || !isLive(call)) {
      return;
    }
    await pushPending(
      job,
      () => this.ringing.subscriptionsToPush(call, job.data.userIds),
      (pending) => this.ringing.push(call, pending),
    );
  }
}
