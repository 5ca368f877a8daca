import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Db } from 'mongodb';
import { Socket } from 'socket.io-client';
import type { CallJoinAck } from '../../../src/calls/calls.dto';
import { QueueName } from '../../../src/common/queue/jobs';
import type { Ack } from '../../../src/realtime/events';
import { deviceIdOfToken } from '../call-devices';
import { eventually } from '../eventually';
import { ackData, connectChat } from '../socket-client';
import { TestApp } from '../test-app';
import { documentCount } from './checks';
import { World } from './world';

/** Calls for the socket fuzz to aim at, beside the world's conversations. */
export interface CallFixtures {
  /** A group call `other` started in the world's group and stays in: live, ringing for `me`. */
  liveCall: string;
  /** A call that ended (its state is kept a while), for the `CALL_ENDED` paths. */
  endedCall: string;
  /** The device ids of `me` (the fuzzing socket's session) and of `other`'s socket. */
  myDevice: string;
  otherDevice: string;
}

export type CallWorld = World & CallFixtures;

/**
 * Starts the world's calls: `other` rings `me` in the direct chat and hangs up (an ended call), then starts
 * a group call and stays in it on a socket of theirs, open until the suite closes its sockets (so the app
 * must ring longer than the suite runs). Waits until what those calls write in the background (history)
 * has been written.
 */
export async function startCalls(
  t: TestApp,
  world: World,
  db: Db,
  collections: string[],
): Promise<CallWorld> {
  const otherSocket = await connectChat(t, world.other);
  const ended = await ackData<CallJoinAck>(otherSocket, 'call_invite', {
    conversationId: world.direct,
    type: 'audio',
  });
  if (ended.call.status !== 'ended') {
    await ackData(otherSocket, 'call_end', { callId: ended.call.callId });
  }
  const live = await ackData<CallJoinAck>(otherSocket, 'call_invite', {
    conversationId: world.group,
    type: 'video',
  });
  await callsSettled(t, db, collections);
  return {
    ...world,
    liveCall: live.call.callId,
    endedCall: ended.call.callId,
    myDevice: deviceIdOfToken(world.me.accessToken),
    otherDevice: deviceIdOfToken(world.other.accessToken),
  };
}

/**
 * Puts `me`'s device back in the live call (an earlier valid hang-up took it out), so that each call event's
 * fuzz reaches the paths of a participant: relayed signals, media state, leaving.
 */
export async function joinLiveCall(socket: Socket, world: CallWorld): Promise<void> {
  const ack = (await socket
    .timeout(5000)
    .emitWithAck('call_accept', { callId: world.liveCall })) as Ack<unknown>;
  if (!ack.ok) {
    throw new Error(`rejoining the live call failed: ${JSON.stringify(ack.error)}`);
  }
}

/**
 * Waits until the calls' queues have nothing waiting or running and the database stops changing: a call
 * that ended is recorded by a job, off the ack's path, and a refusal checked meanwhile would see its documents.
 */
export async function callsSettled(t: TestApp, db: Db, collections: string[]): Promise<void> {
  const queues = [QueueName.Calls, QueueName.CallHistory].map((name) =>
    t.app.get<Queue>(getQueueToken(name), { strict: false }),
  );
  await eventually(async () => {
    for (const queue of queues) {
      const jobs = await queue.getJobCounts('waiting', 'active', 'prioritized');
      expect(jobs.waiting + jobs.active + jobs.prioritized).toBe(0);
    }
    const before = await documentCount(db, collections);
    await new Promise((done) => setTimeout(done, 200));
    expect(await documentCount(db, collections)).toBe(before);
  }, 15_000);
}
