import request from 'supertest';
import type { CallJoinAck } from '../../src/calls/calls.dto';
import type {
  CallEndedPayload,
  CallParticipantLeftPayload,
  IncomingCallPayload,
} from '../../src/realtime/server-events';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { APP_BOOT_TIMEOUT_MS, AppProcess, startAppProcesses, stopAppProcesses } from '../support/app-process';
import {
  CallDevice,
  callDevice,
  callHistory,
  callMessages,
  eventsOf,
  recordCallEvents,
} from '../support/call-devices';
import { sampleSdp } from '../support/calls';
import { eventually } from '../support/eventually';
import { startNginx, RunningNginx } from '../support/nginx';
import { ackData, closeSockets, emitWithAck, nextEvent } from '../support/socket-client';
import { testEnv, uniqueName } from '../support/test-app';

// Short timers, so that a ring timeout and a dead instance's call end within a test.
const RING_SECONDS = 3;
const GRACE_SECONDS = 2;
const PRESENCE_TTL_MS = 3000;
/** A dead instance's sockets stop counting within the presence TTL, the liveness check runs every TTL/2. */
const DEAD_CALLER_DEADLINE_MS = PRESENCE_TTL_MS * 1.5 + GRACE_SECONDS * 1000 + 5000;
/** How long after an event a duplicate of it would have arrived. */
const DUPLICATE_WINDOW_MS = 1500;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The call state machine with real sockets on separate Parley processes sharing one database and Redis (and,
 * for one group member, through the repo's nginx): every cross-instance path of issue #30, including a
 * SIGKILLed instance holding a caller.
 */
describe('Calls across instances', () => {
  let a: AppProcess;
  let b: AppProcess;
  /** Holds the caller of the SIGKILL test, so that a and b survive it. */
  let victim: AppProcess;
  let nginx: RunningNginx;

  beforeAll(async () => {
    const shared = {
      MONGODB_URI: testEnv().MONGODB_URI,
      REDIS_KEY_PREFIX: uniqueName('calls'),
      TRUST_PROXY: 'loopback',
      CALL_RING_TIMEOUT_SECONDS: String(RING_SECONDS),
      CALL_RECONNECT_GRACE_SECONDS: String(GRACE_SECONDS),
      CALL_MAX_PARTICIPANTS: '3',
      PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
    };
    [a, b, victim] = await startAppProcesses(3, shared);
    nginx = await startNginx([a, b].map((app) => Number(new URL(app.url).port)));
  }, APP_BOOT_TIMEOUT_MS + 30_000);
  afterEach(() => closeSockets());
  afterAll(async () => {
    await nginx?.stop();
    await stopAppProcesses([a, b, victim]);
  });

  /** Nginx as a place to connect a device to (it picks one of a and b). */
  const proxied = () => ({ url: nginx.httpsUrl, http: () => request(nginx.httpsUrl) });
  const proxiedOptions = { options: { rejectUnauthorized: false } };

  const direct = async (x: RegisteredUser, y: RegisteredUser) =>
    (
      await a
        .http()
        .post('/api/v1/conversations/direct')
        .set(...bearer(x))
        .send({ userId: y.id })
        .expect(200)
    ).body.id as string;

  const group = async (owner: RegisteredUser, members: RegisteredUser[]) =>
    (
      await b
        .http()
        .post('/api/v1/conversations/group')
        .set(...bearer(owner))
        .send({ title: 'Standup', memberIds: members.map((m) => m.id) })
        .expect(201)
    ).body.id as string;

  /** Invites from `caller` and waits until every device in `rung` rings for that call. */
  const invite = async (caller: CallDevice, conversationId: string, rung: CallDevice[]) => {
    const ringing = rung.map((device) => nextEvent<IncomingCallPayload>(device.socket, 'incoming_call'));
    // Together, so that a refused invite does not leave the ring waits to fail unobserved.
    const [ack, incoming] = await Promise.all([
      ackData<CallJoinAck>(caller.socket, 'call_invite', { conversationId, type: 'video' }),
      Promise.all(ringing),
    ]);
    incoming.forEach((payload) => expect(payload.callId).toBe(ack.call.callId));
    return { callId: ack.call.callId, ack, incoming };
  };

  /** Waits for each device's `call_ended` of the call, then checks no second one comes. */
  const endedOnce = async (callId: string, devices: CallDevice[], timeoutMs = 5000) => {
    const recorders = devices.map(recordCallEvents);
    const ended = await Promise.all(
      devices.map((device) =>
        nextEvent<CallEndedPayload>(device.socket, 'call_ended', (e) => e.callId === callId, timeoutMs),
      ),
    );
    await pause(DUPLICATE_WINDOW_MS);
    recorders.forEach((recorded) => expect(eventsOf(recorded, 'call_ended', callId)).toHaveLength(1));
    return ended;
  };

  /** The caller's record of the call in `GET /calls`, once history has written it. */
  const recordOf = async (app: AppProcess, user: RegisteredUser, callId: string) => {
    let record: Record<string, unknown> | undefined;
    await eventually(async () => {
      record = (await callHistory(app, user)).find((item) => item.callId === callId);
      expect(record).toBeDefined();
    }, 10_000);
    return record!;
  };

  it('rings every device of the callee on the other instance; one answers, the other stops ringing, and signals relay with their sender', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await direct(alice, bob);
    const caller = await callDevice(a, alice);
    const [phone, laptop] = [await callDevice(b, bob), await callDevice(b, bob, { fresh: true })];

    const { callId, ack, incoming } = await invite(caller, conversationId, [phone, laptop]);
    expect(ack.call).toMatchObject({
      conversationId,
      kind: 'direct',
      type: 'video',
      initiatorId: alice.id,
      status: 'ringing',
      participants: [expect.objectContaining({ userId: alice.id, deviceId: caller.deviceId })],
    });
    for (const payload of incoming) {
      expect(payload).toMatchObject({ conversationId, callerId: alice.id, callerName: alice.displayName });
    }

    const laptopEvents = recordCallEvents(laptop);
    const accepted = nextEvent(caller.socket, 'call_accepted');
    const joined = nextEvent(caller.socket, 'call_participant_joined');
    const elsewhere = nextEvent(laptop.socket, 'call_answered_elsewhere');
    const answered = await ackData<CallJoinAck>(phone.socket, 'call_accept', { callId });
    expect(answered.call.status).toBe('active');
    expect(answered.call.participants.map((p) => p.deviceId).sort()).toEqual(
      [caller.deviceId, phone.deviceId].sort(),
    );
    expect(await accepted).toMatchObject({ callId, userId: bob.id, deviceId: phone.deviceId });
    expect(await joined).toMatchObject({ callId, participant: { userId: bob.id, deviceId: phone.deviceId } });
    expect(await elsewhere).toEqual({ callId, conversationId, deviceId: phone.deviceId });

    // The joining device offers; the caller answers; candidates go both ways; each carries its sender.
    const fromPhone = { userId: bob.id, deviceId: phone.deviceId };
    const fromCaller = { userId: alice.id, deviceId: caller.deviceId };
    const offer = nextEvent(caller.socket, 'call_offer');
    await ackData(phone.socket, 'call_offer', { callId, to: caller.deviceId, sdp: sampleSdp('offer') });
    expect(await offer).toEqual({ callId, from: fromPhone, sdp: sampleSdp('offer') });
    const answer = nextEvent(phone.socket, 'call_answer');
    await ackData(caller.socket, 'call_answer', { callId, to: phone.deviceId, sdp: sampleSdp('answer') });
    expect(await answer).toEqual({ callId, from: fromCaller, sdp: sampleSdp('answer') });
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMid: '0' };
    const toCaller = nextEvent(caller.socket, 'ice_candidate');
    const toPhone = nextEvent(phone.socket, 'ice_candidate');
    await ackData(phone.socket, 'ice_candidate', { callId, to: caller.deviceId, candidate });
    await ackData(caller.socket, 'ice_candidate', { callId, to: phone.deviceId, candidate });
    expect(await toCaller).toEqual({ callId, from: fromPhone, candidate });
    expect(await toPhone).toEqual({ callId, from: fromCaller, candidate });
    const media = nextEvent(caller.socket, 'call_media');
    await ackData(phone.socket, 'call_media', { callId, audio: true, video: false, screen: false });
    expect(await media).toEqual({ callId, ...fromPhone, audio: true, video: false, screen: false });

    // The device that did not answer is out of it.
    const again = await emitWithAck(laptop.socket, 'call_accept', { callId });
    expect(again).toMatchObject({ ok: false, error: { code: 'CALL_ANSWERED_ELSEWHERE' } });
    const stray = await emitWithAck(laptop.socket, 'call_offer', {
      callId,
      to: caller.deviceId,
      sdp: sampleSdp(),
    });
    expect(stray).toMatchObject({ ok: false, error: { code: 'CALL_NOT_FOUND' } });
    for (const name of ['call_offer', 'call_answer', 'ice_candidate', 'call_media']) {
      expect(eventsOf(laptopEvents, name, callId)).toHaveLength(0);
    }

    const left = nextEvent<CallParticipantLeftPayload>(caller.socket, 'call_participant_left');
    const ended = endedOnce(callId, [caller, phone, laptop]);
    await ackData(phone.socket, 'call_end', { callId });
    expect(await left).toEqual({ callId, userId: bob.id, deviceId: phone.deviceId, reason: 'left' });
    for (const payload of await ended) {
      expect(payload).toMatchObject({ callId, conversationId, reason: 'ended', endedBy: bob.id });
      expect(payload.durationSeconds).toEqual(expect.any(Number));
    }
    expect(await recordOf(b, alice, callId)).toMatchObject({
      direction: 'outgoing',
      missed: false,
      endReason: 'ended',
    });
  });

  it('ends a direct call as rejected on every device when the callee declines on one', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await direct(alice, bob);
    const caller = await callDevice(a, alice);
    const [phone, laptop] = [await callDevice(b, bob), await callDevice(b, bob, { fresh: true })];
    const { callId } = await invite(caller, conversationId, [phone, laptop]);

    const ended = endedOnce(callId, [caller, phone, laptop]);
    expect(await ackData(phone.socket, 'call_reject', { callId })).toEqual({ callId });
    for (const payload of await ended) {
      expect(payload).toMatchObject({ reason: 'rejected', endedBy: bob.id, durationSeconds: null });
    }
    const late = await emitWithAck(laptop.socket, 'call_accept', { callId });
    expect(late).toMatchObject({ ok: false, error: { code: 'CALL_ENDED' } });
    expect(await recordOf(a, bob, callId)).toMatchObject({ direction: 'incoming', endReason: 'rejected' });
  });

  it('ends a direct call as busy when the callee is in a call held on the other instance', async () => {
    const [alice, bob, carol] = [await registerUser(a), await registerUser(b), await registerUser(a)];
    const [busyLine, conversationId] = [await direct(carol, bob), await direct(alice, bob)];
    const [caller, callee, other] = [
      await callDevice(a, alice),
      await callDevice(b, bob),
      await callDevice(a, carol),
    ];
    const first = await invite(other, busyLine, [callee]);
    await ackData(callee.socket, 'call_accept', { callId: first.callId });

    const calleeEvents = recordCallEvents(callee);
    const busy = nextEvent(caller.socket, 'call_busy');
    const ended = nextEvent<CallEndedPayload>(caller.socket, 'call_ended');
    const ack = await ackData<CallJoinAck>(caller.socket, 'call_invite', { conversationId, type: 'audio' });
    expect(ack.call).toMatchObject({ status: 'ended', endReason: 'busy' });
    const { callId } = ack.call;
    expect(await busy).toEqual({ callId, conversationId, userId: bob.id });
    expect(await ended).toMatchObject({ callId, reason: 'busy' });
    await pause(DUPLICATE_WINDOW_MS);
    expect(eventsOf(calleeEvents, 'incoming_call', callId)).toHaveLength(0);

    // The call bob is in goes on.
    const offer = nextEvent(other.socket, 'call_offer');
    await ackData(callee.socket, 'call_offer', {
      callId: first.callId,
      to: other.deviceId,
      sdp: sampleSdp(),
    });
    await offer;
    expect(await recordOf(b, alice, callId)).toMatchObject({ endReason: 'busy' });
  });

  it('times an unanswered call out once across the cluster, ending it no_answer on each device and recording it missed', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await direct(alice, bob);
    const caller = await callDevice(a, alice);
    const [phone, laptop] = [await callDevice(b, bob), await callDevice(b, bob, { fresh: true })];
    const { callId } = await invite(caller, conversationId, [phone, laptop]);

    const ended = await endedOnce(callId, [caller, phone, laptop], RING_SECONDS * 1000 + 5000);
    for (const payload of ended) {
      expect(payload).toEqual({
        callId,
        conversationId,
        reason: 'no_answer',
        endedBy: null,
        durationSeconds: null,
      });
    }
    expect(await recordOf(a, bob, callId)).toMatchObject({ direction: 'incoming', missed: true });
    expect(await recordOf(b, alice, callId)).toMatchObject({ direction: 'outgoing', missed: false });
    const [message] = await callMessages(b, bob, conversationId);
    expect(message.call).toMatchObject({ callId, status: 'missed', endReason: 'no_answer' });
  });

  it('ends the call as cancelled on every callee device when the caller hangs up while it rings', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await direct(alice, bob);
    const caller = await callDevice(a, alice);
    const [phone, laptop] = [await callDevice(b, bob), await callDevice(b, bob, { fresh: true })];
    const { callId } = await invite(caller, conversationId, [phone, laptop]);

    const ended = endedOnce(callId, [phone, laptop]);
    await ackData(caller.socket, 'call_end', { callId });
    for (const payload of await ended) {
      expect(payload).toMatchObject({ reason: 'cancelled', endedBy: alice.id, durationSeconds: null });
    }
    expect(await recordOf(b, bob, callId)).toMatchObject({ endReason: 'cancelled' });
  });

  it('lets group members on both instances join up to the limit, refuses one more, and ends when the last leaves', async () => {
    const users = [
      await registerUser(a),
      await registerUser(b),
      await registerUser(a),
      await registerUser(b),
    ];
    const conversationId = await group(users[0], users.slice(1));
    const owner = await callDevice(a, users[0]);
    const [first, second, third] = [
      await callDevice(b, users[1]),
      await callDevice(proxied(), users[2], proxiedOptions),
      await callDevice(a, users[3]),
    ];
    const { callId } = await invite(owner, conversationId, [first, second, third]);

    const joinedAt = (device: CallDevice, joiner: CallDevice) =>
      nextEvent(device.socket, 'call_participant_joined', (e: { participant: { deviceId: string } }) => {
        return e.participant.deviceId === joiner.deviceId;
      });
    let heard = [joinedAt(owner, first)];
    await ackData(first.socket, 'call_accept', { callId });
    await Promise.all(heard);
    heard = [joinedAt(owner, second), joinedAt(first, second)];
    const full = await ackData<CallJoinAck>(second.socket, 'call_accept', { callId });
    expect(full.call.participants).toHaveLength(3);
    await Promise.all(heard);
    expect(await emitWithAck(third.socket, 'call_accept', { callId })).toMatchObject({
      ok: false,
      error: { code: 'CALL_FULL' },
    });

    const left = [owner, second].map((device) =>
      nextEvent<CallParticipantLeftPayload>(device.socket, 'call_participant_left'),
    );
    await ackData(first.socket, 'call_end', { callId });
    for (const payload of await Promise.all(left)) {
      expect(payload).toEqual({ callId, userId: users[1].id, deviceId: first.deviceId, reason: 'left' });
    }
    await ackData(third.socket, 'call_accept', { callId });

    const ended = endedOnce(callId, [owner, first, second, third]);
    for (const device of [second, third, owner]) {
      await ackData(device.socket, 'call_end', { callId });
    }
    for (const payload of await ended) {
      expect(payload).toMatchObject({ reason: 'ended', endedBy: users[0].id });
    }
    expect(await recordOf(a, users[1], callId)).toMatchObject({ direction: 'incoming', endReason: 'ended' });
  });

  it('lets exactly one of two devices on different instances win a simultaneous accept', async () => {
    const [alice, bob] = [await registerUser(b), await registerUser(a)];
    const conversationId = await direct(alice, bob);
    const caller = await callDevice(b, alice);
    const phones = [await callDevice(a, bob), await callDevice(b, bob, { fresh: true })];
    for (let round = 0; round < 3; round += 1) {
      const { callId } = await invite(caller, conversationId, phones);
      const callerEvents = recordCallEvents(caller);
      const phoneEvents = phones.map(recordCallEvents);
      const acks = await Promise.all(
        phones.map((phone) => emitWithAck<CallJoinAck>(phone.socket, 'call_accept', { callId })),
      );
      const winner = acks.findIndex((ack) => ack.ok);
      expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
      expect(acks[1 - winner]).toMatchObject({ ok: false, error: { code: 'CALL_ANSWERED_ELSEWHERE' } });
      await eventually(async () =>
        expect(eventsOf(phoneEvents[1 - winner], 'call_answered_elsewhere', callId)).toEqual([
          { callId, conversationId, deviceId: phones[winner].deviceId },
        ]),
      );
      await pause(DUPLICATE_WINDOW_MS / 2);
      expect(eventsOf(callerEvents, 'call_accepted', callId)).toHaveLength(1);
      expect(eventsOf(callerEvents, 'call_participant_joined', callId)).toHaveLength(1);
      expect(eventsOf(phoneEvents[winner], 'call_answered_elsewhere', callId)).toHaveLength(0);
      await ackData(caller.socket, 'call_end', { callId });
    }
  });

  it('keeps a call whose callee drops and rejoins on the other instance within the grace', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await direct(alice, bob);
    const caller = await callDevice(a, alice);
    const phone = await callDevice(b, bob);
    const { callId } = await invite(caller, conversationId, [phone]);
    await ackData(phone.socket, 'call_accept', { callId });

    const callerEvents = recordCallEvents(caller);
    phone.socket.disconnect();
    // Long enough for its instance to mark it disconnected (and start its grace) before it comes back.
    await pause(500);
    const back = await callDevice(a, bob);
    expect(back.deviceId).toBe(phone.deviceId);
    const rejoined = nextEvent(caller.socket, 'call_participant_joined');
    const ack = await ackData<CallJoinAck>(back.socket, 'call_accept', { callId });
    expect(ack.call.participants).toContainEqual(
      expect.objectContaining({ deviceId: phone.deviceId, connected: true }),
    );
    // The others drop their old peer connection to it and take its new offer.
    expect(await rejoined).toMatchObject({ callId, participant: { deviceId: phone.deviceId } });
    const offer = nextEvent(caller.socket, 'call_offer');
    await ackData(back.socket, 'call_offer', { callId, to: caller.deviceId, sdp: sampleSdp() });
    expect(await offer).toMatchObject({ from: { userId: bob.id, deviceId: phone.deviceId } });

    await pause(GRACE_SECONDS * 1000 + DUPLICATE_WINDOW_MS);
    expect(eventsOf(callerEvents, 'call_participant_left', callId)).toHaveLength(0);
    expect(eventsOf(callerEvents, 'call_ended', callId)).toHaveLength(0);
    const ended = endedOnce(callId, [caller, back]);
    await ackData(back.socket, 'call_end', { callId });
    expect((await ended).map((end) => end.reason)).toEqual(['ended', 'ended']);
  });

  it('makes one call of two direct invites crossing between instances: the later joins the earlier', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await direct(alice, bob);
    const [ours, theirs] = [await callDevice(a, alice), await callDevice(b, bob)];
    for (let round = 0; round < 12; round += 1) {
      const acks = await Promise.all(
        [ours, theirs].map((device) =>
          ackData<CallJoinAck>(device.socket, 'call_invite', { conversationId, type: 'audio' }),
        ),
      );
      const [callId] = acks.map((ack) => ack.call.callId);
      // Not the later one's own call ended `busy` because the callee is "in a call" (the one ringing them).
      expect(acks.map((ack) => [ack.call.callId, ack.call.endReason])).toEqual([
        [callId, null],
        [callId, null],
      ]);
      expect(acks.map((ack) => ack.call.status)).toContain('active');
      const ended = [ours, theirs].map((device) => nextEvent<CallEndedPayload>(device.socket, 'call_ended'));
      await ackData(ours.socket, 'call_end', { callId });
      expect((await Promise.all(ended)).map((end) => [end.callId, end.reason])).toEqual([
        [callId, 'ended'],
        [callId, 'ended'],
      ]);
    }
  });

  it('ends a call cleanly for the others, once, and records it when the instance holding the caller is SIGKILLed; a group call it started goes on, and still stops ringing', async () => {
    const [alice, bob] = [await registerUser(victim), await registerUser(b)];
    const conversationId = await direct(alice, bob);
    const caller = await callDevice(victim, alice);
    const [phone, laptop] = [await callDevice(b, bob), await callDevice(a, bob, { fresh: true })];
    const { callId } = await invite(caller, conversationId, [phone, laptop]);
    await ackData(phone.socket, 'call_accept', { callId });
    // A group call the same instance started (and scheduled the ring timeout of) just before it dies.
    const team = [await registerUser(victim), await registerUser(a), await registerUser(b)];
    const teamId = await group(team[0], team.slice(1));
    const host = await callDevice(victim, team[0]);
    const [joiner, unanswered] = [await callDevice(a, team[1]), await callDevice(b, team[2])];
    const groupCall = await invite(host, teamId, [joiner, unanswered]);
    await ackData(joiner.socket, 'call_accept', { callId: groupCall.callId });

    const [phoneEvents, joinerEvents, unansweredEvents] = [phone, joiner, unanswered].map(recordCallEvents);
    const left = nextEvent<CallParticipantLeftPayload>(
      phone.socket,
      'call_participant_left',
      () => true,
      DEAD_CALLER_DEADLINE_MS,
    ).then((payload) => ({ payload, at: Date.now() }));
    const hostLeft = nextEvent(joiner.socket, 'call_participant_left', () => true, DEAD_CALLER_DEADLINE_MS);
    const ended = endedOnce(callId, [phone, laptop], DEAD_CALLER_DEADLINE_MS);
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await victim.exited();

    const { payload, at } = await left;
    expect(payload).toEqual({ callId, userId: alice.id, deviceId: caller.deviceId, reason: 'disconnected' });
    // The caller had its reconnect grace before it was let go.
    expect(at - killedAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000);
    for (const end of await ended) {
      expect(end).toMatchObject({ callId, conversationId, reason: 'disconnected' });
    }
    expect(eventsOf(phoneEvents, 'call_participant_left', callId)).toHaveLength(1);

    // The group call rang out on a surviving instance, and lost its host, but not its other participant.
    expect(await hostLeft).toEqual({
      callId: groupCall.callId,
      userId: team[0].id,
      deviceId: host.deviceId,
      reason: 'disconnected',
    });
    expect(eventsOf(unansweredEvents, 'call_missed', groupCall.callId)).toEqual([
      { callId: groupCall.callId, conversationId: teamId },
    ]);
    expect(eventsOf(joinerEvents, 'call_ended', groupCall.callId)).toHaveLength(0);
    const groupEnded = endedOnce(groupCall.callId, [joiner, unanswered]);
    await ackData(joiner.socket, 'call_end', { callId: groupCall.callId });
    for (const end of await groupEnded) {
      expect(end).toMatchObject({ reason: 'ended' });
    }

    // Nothing of the 1:1 call lingers: the chat holds no live call, and bob is in none (a new call starts).
    const active = await b
      .http()
      .get(`/api/v1/conversations/${conversationId}/calls/active`)
      .set(...bearer(bob));
    expect(active.body).toEqual({ call: null });
    const next = await ackData<CallJoinAck>(phone.socket, 'call_invite', { conversationId, type: 'audio' });
    expect(next.call.callId).not.toBe(callId);
    expect(await recordOf(a, bob, callId)).toMatchObject({
      direction: 'incoming',
      endReason: 'disconnected',
    });
    expect(await recordOf(b, team[2], groupCall.callId)).toMatchObject({ missed: true, endReason: 'ended' });
  });
});
