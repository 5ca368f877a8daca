import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BackgroundWork } from '../../common/lifecycle/background-work';
import { EndedCallPayload, JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { CallEndedEvent, CallsDomainEvent, EndedCall } from '../calls.events';

/** The one `record-call` job of a call: queued once however often (or on however many instances) it ends. */
export const recordCallJobId = (callId: string) => `record-${callId}`;

/**
 * Hears a call end and queues its history job (off the path of the call's last event): the job writes the
 * record, the `call` message and the missed calls, and is retried when it fails.
 */
@Injectable()
export class CallHistoryListener {
  constructor(
    private readonly jobs: JobsService,
    private readonly background: BackgroundWork,
  ) {}

  @OnEvent(CallsDomainEvent.Ended)
  callEnded({ call }: CallEndedEvent): void {
    this.background.run(`Call history job of ${call.callId}`, () =>
      this.jobs.enqueue(
        JobName.RecordCall,
        { call: snapshotOf(call) },
        { jobId: recordCallJobId(call.callId) },
      ),
    );
  }
}

/**
 * Exactly the fields history reads, copied one by one: whatever else an emitter's object carries (a live
 * state's session ids) never reaches the job's payload in Redis.
 */
function snapshotOf(call: EndedCall): EndedCallPayload {
  return {
    callId: call.callId,
    conversationId: call.conversationId,
    kind: call.kind,
    type: call.type,
    initiatorId: call.initiatorId,
    createdAt: call.createdAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    endReason: call.endReason,
    endedBy: call.endedBy,
    invitedUserIds: [...call.invitedUserIds],
    rejectedUserIds: [...call.rejectedUserIds],
    missedUserIds: [...call.missedUserIds],
    participations: call.participations.map(({ userId, deviceId, joinedAt, leftAt }) => ({
      userId,
      deviceId,
      joinedAt,
      leftAt,
    })),
  };
}
