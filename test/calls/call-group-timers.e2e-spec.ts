import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobName, QueueName } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import type {
  CallEndedPayload,
  CallMissedPayload,
  CallParticipantJoinedPayload,
  CallParticipantLeftPayload,
  CallRejectedPayload,
  IncomingCallPayload,
} from '../../src/realtime/server-events';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { callOk, callRefused, callState, connectDevice, Device } from '../support/calls';
import { directConversation, groupConversation } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { ChatClient, closeSockets, connectChat, nextEvent, noEvent } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('Group calls, ring timeout and reconnect grace', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      CALL_RING_TIMEOUT_SECONDS: '2',
      CALL_RECONNECT_GRACE_SECONDS: '2',
      CALL_MAX_PARTICIPANTS: '3',
    });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  /** A group of four (alice owns it) with every member online, and its call started by alice. */
  async function groupCall() {
    const users = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    const conversationId = await groupConversation(t, users[0], users.slice(1));
    const [alice, bob, carol, dave] = await Promise.all(users.map((user) => connectDevice(t, user)));
    const rung = [bob, carol, dave].map((d) => nextEvent<IncomingCallPayload>(d.socket, 'incoming_call'));
    const { call } = await callOk(alice, 'call_invite', { conversationId, type: 'video' });
    await Promise.all(rung);
    return { conversationId, callId: call.callId, alice, bob, carol, dave, users };
  }

  async function directCall(): Promise<{
    callId: string;
    alice: Device;
    bob: Device;
    users: RegisteredUser[];
  }> {
    const users = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, users[0], users[1]);
    const [alice, bob] = await Promise.all(users.map((user) => connectDevice(t, user)));
    const incoming = nextEvent<IncomingCallPayload>(bob.socket, 'incoming_call');
    const { call } = await callOk(alice, 'call_invite', { conversationId, type: 'audio' });
    await incoming;
    return { callId: call.callId, alice, bob, users };
  }

  it('takes members up to the limit, refuses the next with CALL_FULL, and ends when the last leaves', async () => {
    const g = await groupCall();
    await callOk(g.bob, 'call_accept', { callId: g.callId });
    const joined = nextEvent<CallParticipantJoinedPayload>(g.bob.socket, 'call_participant_joined');
    const third = await callOk(g.carol, 'call_accept', { callId: g.callId });
    expect(third.call.participants.map((p) => p.userId)).toEqual(
      [g.alice, g.bob, g.carol].map((d) => d.user.id),
    );
    expect((await joined).participant.userId).toBe(g.carol.user.id);

    const before = await callState(t, g.callId);
    expect(await callRefused(g.dave, 'call_accept', { callId: g.callId })).toBe('CALL_FULL');
    expect(await callState(t, g.callId)).toEqual(before);

    // Dave's ringing times out; the call goes on, and he is missed.
    expect(await nextEvent<CallMissedPayload>(g.dave.socket, 'call_missed', undefined, 5000)).toEqual({
      callId: g.callId,
      conversationId: g.conversationId,
    });
    expect(await callState(t, g.callId)).toMatchObject({ status: 'active', missedUserIds: [g.dave.user.id] });

    const left = nextEvent<CallParticipantLeftPayload>(g.carol.socket, 'call_participant_left');
    await callOk(g.alice, 'call_end', { callId: g.callId });
    expect(await left).toMatchObject({ userId: g.alice.user.id, reason: 'left' });
    await callOk(g.bob, 'call_end', { callId: g.callId });
    expect((await callState(t, g.callId))?.status).toBe('active');

    const ended = [g.alice, g.dave].map((d) => nextEvent<CallEndedPayload>(d.socket, 'call_ended'));
    await callOk(g.carol, 'call_end', { callId: g.callId });
    for (const event of await Promise.all(ended)) {
      expect(event).toMatchObject({
        reason: 'ended',
        endedBy: g.carol.user.id,
        durationSeconds: expect.any(Number),
      });
    }
  });

  it('stops ringing for a member who declines, telling the participants; the call goes on', async () => {
    const g = await groupCall();
    const carolPhone = await connectDevice(t, g.carol.user, { newSession: true });
    const told = [g.alice, carolPhone].map((d) => nextEvent<CallRejectedPayload>(d.socket, 'call_rejected'));
    await callOk(g.carol, 'call_reject', { callId: g.callId });
    for (const event of await Promise.all(told)) {
      expect(event).toEqual({ callId: g.callId, conversationId: g.conversationId, userId: g.carol.user.id });
    }
    expect(await callState(t, g.callId)).toMatchObject({
      status: 'ringing',
      rejectedUserIds: [g.carol.user.id],
      ringingUserIds: [g.bob.user.id, g.dave.user.id],
    });
    expect(await callRefused(g.carol, 'call_reject', { callId: g.callId })).toBe('CALL_NOT_FOUND');
  });

  it('does not ring a member who blocked the caller, and refuses their accept as not found', async () => {
    const users = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const conversationId = await groupConversation(t, users[0], users.slice(1));
    await t
      .http()
      .put(`/api/v1/users/me/blocks/${users[0].id}`)
      .set(...bearer(users[2]))
      .expect(204);
    const [alice, bob, carol] = await Promise.all(users.map((user) => connectDevice(t, user)));
    const rung = nextEvent(bob.socket, 'incoming_call');
    const carolNotRung = noEvent(carol.socket, 'incoming_call');
    const { call } = await callOk(alice, 'call_invite', { conversationId, type: 'audio' });
    await rung;
    await carolNotRung;
    expect(await callRefused(carol, 'call_accept', { callId: call.callId })).toBe('CALL_NOT_FOUND');
    expect(await callState(t, call.callId)).toMatchObject({ invitedUserIds: [bob.user.id], version: 0 });
  });

  it('takes a member removed from the group out of its call', async () => {
    const g = await groupCall();
    await callOk(g.bob, 'call_accept', { callId: g.callId });
    const { call } = await callOk(g.carol, 'call_accept', { callId: g.callId });
    const carolDevice = call.participants[2].deviceId;
    const told = [g.alice, g.bob, g.carol].map((d) =>
      nextEvent<CallParticipantLeftPayload>(d.socket, 'call_participant_left'),
    );
    await t
      .http()
      .delete(`/api/v1/conversations/${g.conversationId}/members/${g.carol.user.id}`)
      .set(...bearer(g.alice.user))
      .expect(204);
    for (const event of await Promise.all(told)) {
      expect(event).toEqual({
        callId: g.callId,
        userId: g.carol.user.id,
        deviceId: carolDevice,
        reason: 'removed',
      });
    }
    await eventually(async () => {
      const state = await callState(t, g.callId);
      expect(state?.participants.map((p) => p.userId)).toEqual([g.alice.user.id, g.bob.user.id]);
    });
    expect(await callRefused(g.carol, 'call_accept', { callId: g.callId })).toBe('CALL_NOT_FOUND');
  });

  it('ends a call nobody answered as no_answer at the ring timeout, for caller and callee', async () => {
    const d = await directCall();
    const ended = [d.alice, d.bob].map((device) =>
      nextEvent<CallEndedPayload>(device.socket, 'call_ended', undefined, 5000),
    );
    for (const event of await Promise.all(ended)) {
      expect(event).toMatchObject({
        callId: d.callId,
        reason: 'no_answer',
        endedBy: null,
        durationSeconds: null,
      });
    }
    expect(await callState(t, d.callId)).toMatchObject({ missedUserIds: [d.bob.user.id] });
    expect(await callRefused(d.bob, 'call_accept', { callId: d.callId })).toBe('CALL_ENDED');
  });

  it('still ends an unanswered call whose ring timeout job was lost, at the next sweep', async () => {
    const d = await directCall();
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Calls), { strict: false });
    // As if the job had failed its every attempt (Redis away for longer than its retries).
    await (await queue.getJob(`ring-${d.callId}`))?.remove();
    const ended = nextEvent<CallEndedPayload>(d.bob.socket, 'call_ended', undefined, 15_000);
    await noEvent(d.bob.socket, 'call_ended', 2500);
    expect((await callState(t, d.callId))?.status).toBe('ringing');

    // The sweep acts a margin (5 s) after the deadline, so that the timers themselves go first.
    await new Promise((done) => setTimeout(done, 5000));
    await t.app.get(JobsService, { strict: false }).enqueue(JobName.SweepCalls, {});

    expect(await ended).toMatchObject({ callId: d.callId, reason: 'no_answer' });
    expect(await callState(t, d.callId)).toMatchObject({ missedUserIds: [d.bob.user.id] });
  });

  it('lets a device that lost its socket rejoin within the grace; its peer reconnects to it', async () => {
    const d = await directCall();
    await callOk(d.bob, 'call_accept', { callId: d.callId });
    d.bob.socket.disconnect();
    await eventually(async () => {
      const bob = (await callState(t, d.callId))?.participants.find((p) => p.userId === d.bob.user.id);
      expect(bob?.disconnectedAt).not.toBeNull();
    });

    const socket: ChatClient = await connectChat(t, { accessToken: d.bob.accessToken });
    const rejoined = nextEvent<CallParticipantJoinedPayload>(d.alice.socket, 'call_participant_joined');
    const ack = await callOk({ ...d.bob, socket }, 'call_accept', { callId: d.callId });
    expect(ack.call.participants.every((p) => p.connected)).toBe(true);
    expect((await rejoined).participant).toMatchObject({ userId: d.bob.user.id, connected: true });

    await noEvent(d.alice.socket, 'call_ended', 2500);
    expect((await callState(t, d.callId))?.status).toBe('active');
  });

  it('ends a direct call as disconnected when a participant does not come back within the grace', async () => {
    const d = await directCall();
    await callOk(d.bob, 'call_accept', { callId: d.callId });
    const ended = nextEvent<CallEndedPayload>(d.alice.socket, 'call_ended', undefined, 6000);
    d.bob.socket.disconnect();
    expect(await ended).toMatchObject({
      reason: 'disconnected',
      endedBy: null,
      durationSeconds: expect.any(Number),
    });
  });

  it('takes a group participant out as disconnected past the grace, the call going on', async () => {
    const g = await groupCall();
    await callOk(g.bob, 'call_accept', { callId: g.callId });
    const left = nextEvent<CallParticipantLeftPayload>(
      g.alice.socket,
      'call_participant_left',
      undefined,
      6000,
    );
    g.bob.socket.disconnect();
    expect(await left).toMatchObject({ userId: g.bob.user.id, reason: 'disconnected' });
    expect((await callState(t, g.callId))?.status).toBe('active');
  });
});
