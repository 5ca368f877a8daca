import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { CallEndedEvent, CallsDomainEvent } from '../../src/calls/calls.events';
import type { CallJoinAck } from '../../src/calls/calls.dto';
import type {
  CallAcceptedPayload,
  CallAnsweredElsewherePayload,
  CallBusyPayload,
  CallEndedPayload,
  CallParticipantJoinedPayload,
  IncomingCallPayload,
} from '../../src/realtime/server-events';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { callEvent, callOk, callRefused, callState, connectDevice, Device, signIn } from '../support/calls';
import { directConversation } from '../support/chat-builders';
import { closeSockets, collect, nextEvent, noEvent, openChat } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

const TURN_SECRET = 'calls-lifecycle-turn-secret-long';

describe('Call lifecycle over /chat', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      STUN_URLS: 'stun:stun.parley.test:3478',
      TURN_URLS: 'turn:turn.parley.test:3478',
      TURN_SHARED_SECRET: TURN_SECRET,
    });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  /** Caller and callee in a direct chat, the callee with two devices. */
  async function directPair(): Promise<{
    conversationId: string;
    alice: Device;
    bob: Device;
    bobPhone: Device;
    users: RegisteredUser[];
  }> {
    const [a, b] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, a, b);
    const alice = await connectDevice(t, a);
    const bob = await connectDevice(t, b);
    const bobPhone = await connectDevice(t, b, { newSession: true });
    return { conversationId, alice, bob, bobPhone, users: [a, b] };
  }

  async function ringing(pair: Awaited<ReturnType<typeof directPair>>, type: 'audio' | 'video' = 'video') {
    const incoming = nextEvent<IncomingCallPayload>(pair.bob.socket, 'incoming_call');
    const invite = await callOk(pair.alice, 'call_invite', { conversationId: pair.conversationId, type });
    await incoming;
    return invite;
  }

  it('rings every device of the callee, each with the ICE servers and their own TURN credential', async () => {
    const pair = await directPair();
    const [onBob, onPhone] = [
      nextEvent<IncomingCallPayload>(pair.bob.socket, 'incoming_call'),
      nextEvent<IncomingCallPayload>(pair.bobPhone.socket, 'incoming_call'),
    ];
    const ack = await callOk(pair.alice, 'call_invite', {
      conversationId: pair.conversationId,
      type: 'video',
    });

    expect(ack.call).toMatchObject({
      conversationId: pair.conversationId,
      kind: 'direct',
      type: 'video',
      initiatorId: pair.alice.user.id,
      status: 'ringing',
      answeredAt: null,
      participants: [
        { userId: pair.alice.user.id, audio: true, video: true, screen: false, connected: true },
      ],
    });
    expect(ack.iceServers[1].username).toMatch(new RegExp(`^\\d+:${pair.alice.user.id}$`));
    for (const incoming of [await onBob, await onPhone]) {
      expect(incoming).toMatchObject({
        callId: ack.call.callId,
        conversationId: pair.conversationId,
        callerId: pair.alice.user.id,
        callerName: pair.alice.user.displayName,
        type: 'video',
        ringUntil: ack.call.ringUntil,
        ttlSeconds: 3600,
      });
      expect(incoming.participants).toEqual(ack.call.participants);
      expect(incoming.iceServers[0]).toEqual({ urls: ['stun:stun.parley.test:3478'] });
      expect(incoming.iceServers[1].username).toMatch(new RegExp(`^\\d+:${pair.bob.user.id}$`));
    }
  });

  it('answers on one device: both sides told, the other device stops ringing and cannot answer too', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    const accepted = [pair.alice, pair.bob, pair.bobPhone].map((d) =>
      nextEvent<CallAcceptedPayload>(d.socket, 'call_accepted'),
    );
    const elsewhere = nextEvent<CallAnsweredElsewherePayload>(
      pair.bobPhone.socket,
      'call_answered_elsewhere',
    );
    const joined = nextEvent<CallParticipantJoinedPayload>(pair.alice.socket, 'call_participant_joined');
    const noElsewhereHere = noEvent(pair.bob.socket, 'call_answered_elsewhere');

    const ack = await callOk(pair.bob, 'call_accept', { callId: call.callId });

    expect(ack.call.status).toBe('active');
    expect(ack.call.participants.map((p) => p.userId)).toEqual([pair.alice.user.id, pair.bob.user.id]);
    const bobDevice = ack.call.participants[1].deviceId;
    for (const event of await Promise.all(accepted)) {
      expect(event).toEqual({
        callId: call.callId,
        conversationId: pair.conversationId,
        userId: pair.bob.user.id,
        deviceId: bobDevice,
        answeredAt: ack.call.answeredAt,
      });
    }
    expect(await elsewhere).toEqual({
      callId: call.callId,
      conversationId: pair.conversationId,
      deviceId: bobDevice,
    });
    expect((await joined).participant).toMatchObject({
      userId: pair.bob.user.id,
      deviceId: bobDevice,
      connected: true,
    });
    await noElsewhereHere;

    const before = await callState(t, call.callId);
    expect(await callRefused(pair.bobPhone, 'call_accept', { callId: call.callId })).toBe(
      'CALL_ANSWERED_ELSEWHERE',
    );
    expect(await callState(t, call.callId)).toEqual(before);
  });

  it('lets exactly one of two devices accepting at once win', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    const acks = await Promise.all([
      callEvent<CallJoinAck>(pair.bob, 'call_accept', { callId: call.callId }),
      callEvent<CallJoinAck>(pair.bobPhone, 'call_accept', { callId: call.callId }),
    ]);

    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    expect(acks.find((ack) => !ack.ok)).toMatchObject({
      ok: false,
      error: { code: 'CALL_ANSWERED_ELSEWHERE' },
    });
    const state = await callState(t, call.callId);
    expect(state?.participants.filter((p) => p.userId === pair.bob.user.id)).toHaveLength(1);
    expect(state?.version).toBe(1);
  });

  it('ends a declined direct call as rejected, for the caller and every callee device', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    const ended = [pair.alice, pair.bobPhone].map((d) => nextEvent<CallEndedPayload>(d.socket, 'call_ended'));

    expect(await callOk(pair.bob, 'call_reject', { callId: call.callId })).toEqual({ callId: call.callId });

    for (const event of await Promise.all(ended)) {
      expect(event).toEqual({
        callId: call.callId,
        conversationId: pair.conversationId,
        reason: 'rejected',
        endedBy: pair.bob.user.id,
        durationSeconds: null,
      });
    }
    expect(await callState(t, call.callId)).toMatchObject({
      status: 'ended',
      rejectedUserIds: [pair.bob.user.id],
    });
    expect(await callRefused(pair.bobPhone, 'call_accept', { callId: call.callId })).toBe('CALL_ENDED');
    expect(await callRefused(pair.bob, 'call_reject', { callId: call.callId })).toBe('CALL_ENDED');
  });

  it('cancels a call its caller hangs up while it rings; the callee missed it', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    const ended = nextEvent<CallEndedPayload>(pair.bobPhone.socket, 'call_ended');

    await callOk(pair.alice, 'call_end', { callId: call.callId });

    expect(await ended).toMatchObject({
      reason: 'cancelled',
      endedBy: pair.alice.user.id,
      durationSeconds: null,
    });
    expect(await callState(t, call.callId)).toMatchObject({
      endReason: 'cancelled',
      missedUserIds: [pair.bob.user.id],
    });
  });

  it('rings a device that connects while the call rings (opened from the push), and none once answered', async () => {
    const [a, b] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, a, b);
    const alice = await connectDevice(t, a);
    const bob = await connectDevice(t, b);
    const invite = await callOk(alice, 'call_invite', { conversationId, type: 'audio' });

    // A second device of bob's comes online while it rings: it is rung too, with its own credential.
    const laptop = openChat(t.url, await signIn(t, b));
    const rung = nextEvent<IncomingCallPayload>(laptop, 'incoming_call');
    expect(await rung).toMatchObject({ callId: invite.call.callId, callerId: a.id, type: 'audio' });
    expect((await rung).iceServers[1].username).toMatch(new RegExp(`:${b.id}$`));

    await callOk(bob, 'call_accept', { callId: invite.call.callId });
    const tablet = openChat(t.url, await signIn(t, b));
    const lateRings = collect(tablet, 'incoming_call');
    await new Promise((connected) => tablet.once('connect', () => connected(undefined)));
    await noEvent(tablet, 'incoming_call', 500);
    expect(lateRings).toEqual([]);
  });

  it('ends a call as failed when a side hangs up because its connection failed', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    await callOk(pair.bob, 'call_accept', { callId: call.callId });
    const ended = nextEvent<CallEndedPayload>(pair.alice.socket, 'call_ended');
    const left = nextEvent(pair.alice.socket, 'call_participant_left');

    expect(await callRefused(pair.bob, 'call_end', { callId: call.callId, reason: 'gone' })).toBe(
      'VALIDATION_FAILED',
    );
    await callOk(pair.bob, 'call_end', { callId: call.callId, reason: 'failed' });

    expect(await left).toMatchObject({ userId: pair.bob.user.id, reason: 'failed' });
    expect(await ended).toMatchObject({ reason: 'failed', endedBy: pair.bob.user.id });
  });

  it('ends an answered call when either side leaves, with its duration; the conversation may call again', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    await callOk(pair.bob, 'call_accept', { callId: call.callId });
    const ended = nextEvent<CallEndedPayload>(pair.alice.socket, 'call_ended');
    const left = nextEvent(pair.alice.socket, 'call_participant_left');

    await callOk(pair.bob, 'call_end', { callId: call.callId });

    expect(await left).toMatchObject({ callId: call.callId, userId: pair.bob.user.id, reason: 'left' });
    expect(await ended).toMatchObject({
      reason: 'ended',
      endedBy: pair.bob.user.id,
      durationSeconds: expect.any(Number),
    });
    expect(await callRefused(pair.alice, 'call_end', { callId: call.callId })).toBe('CALL_ENDED');
    const again = await callOk(pair.alice, 'call_invite', {
      conversationId: pair.conversationId,
      type: 'audio',
    });
    expect(again.call.callId).not.toBe(call.callId);
    expect(again.call.status).toBe('ringing');
  });

  it('raises the ended domain event exactly once when both sides hang up at once', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    await callOk(pair.bob, 'call_accept', { callId: call.callId });
    const raised: CallEndedEvent[] = [];
    const events = t.app.get(EventEmitter2);
    const listener = (event: CallEndedEvent) => {
      if (event.call.callId === call.callId) {
        raised.push(event);
      }
    };
    events.on(CallsDomainEvent.Ended, listener);
    try {
      const acks = await Promise.all([
        callEvent(pair.alice, 'call_end', { callId: call.callId }),
        callEvent(pair.bob, 'call_end', { callId: call.callId }),
      ]);
      // The first leave ends a direct call; the other finds it ended.
      expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
      expect(acks.find((ack) => !ack.ok)).toMatchObject({ error: { code: 'CALL_ENDED' } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(raised).toHaveLength(1);
      expect(raised[0].call).toMatchObject({
        callId: call.callId,
        endReason: 'ended',
        invitedUserIds: [pair.bob.user.id],
        participations: expect.arrayContaining([
          expect.objectContaining({ userId: pair.alice.user.id }),
          expect.objectContaining({ userId: pair.bob.user.id }),
        ]),
      });
    } finally {
      events.off(CallsDomainEvent.Ended, listener);
    }
  });

  it('ends a call to a callee in another call as busy, telling only the caller', async () => {
    const pair = await directPair();
    const { call: first } = await ringing(pair);
    await callOk(pair.bob, 'call_accept', { callId: first.callId });
    const carolUser = await registerUser(t);
    const conversationId = await directConversation(t, carolUser, pair.bob.user);
    const carol = await connectDevice(t, carolUser);
    const busy = nextEvent<CallBusyPayload>(carol.socket, 'call_busy');
    const ended = nextEvent<CallEndedPayload>(carol.socket, 'call_ended');
    const bobHearsNothing = noEvent(pair.bobPhone.socket, 'incoming_call');

    const ack = await callOk(carol, 'call_invite', { conversationId, type: 'audio' });

    expect(ack.call).toMatchObject({ status: 'ended', endReason: 'busy' });
    expect(await busy).toEqual({ callId: ack.call.callId, conversationId, userId: pair.bob.user.id });
    expect(await ended).toMatchObject({ callId: ack.call.callId, reason: 'busy', endedBy: null });
    await bobHearsNothing;
    expect(await callState(t, first.callId)).toMatchObject({ status: 'active' });
  });

  it('ends a call nobody can be reached for as unavailable (callee offline, no push device)', async () => {
    const [a, b] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, a, b);
    const alice = await connectDevice(t, a);
    const ended = nextEvent<CallEndedPayload>(alice.socket, 'call_ended');

    const ack = await callOk(alice, 'call_invite', { conversationId, type: 'video' });

    expect(ack.call).toMatchObject({ status: 'ended', endReason: 'unavailable', participants: [] });
    expect(await ended).toMatchObject({ reason: 'unavailable', endedBy: null, durationSeconds: null });
    expect(await callState(t, ack.call.callId)).toMatchObject({ missedUserIds: [b.id] });
  });

  it('refuses a non-member as if the conversation did not exist, changing nothing', async () => {
    const pair = await directPair();
    const mallory = await connectDevice(t, await registerUser(t));
    expect(
      await callRefused(mallory, 'call_invite', { conversationId: pair.conversationId, type: 'audio' }),
    ).toBe('CONVERSATION_NOT_FOUND');
    const { call } = await ringing(pair);
    expect(call.initiatorId).toBe(pair.alice.user.id);
    expect(await callRefused(mallory, 'call_accept', { callId: call.callId })).toBe('CALL_NOT_FOUND');
    expect(await callRefused(mallory, 'call_reject', { callId: call.callId })).toBe('CALL_NOT_FOUND');
    expect(await callRefused(mallory, 'call_end', { callId: call.callId })).toBe('CALL_NOT_FOUND');
    expect(await callRefused(mallory, 'call_accept', { callId: '0123456789abcdef01234567' })).toBe(
      'CALL_NOT_FOUND',
    );
    expect(await callRefused(mallory, 'call_accept', { callId: 'nope' })).toBe('VALIDATION_FAILED');
    expect(await callState(t, call.callId)).toMatchObject({ version: 0, status: 'ringing' });
  });

  it('refuses a call in a direct chat where either side blocked the other', async () => {
    const pair = await directPair();
    await t
      .http()
      .put(`/api/v1/users/me/blocks/${pair.alice.user.id}`)
      .set(...bearer(pair.bob.user))
      .expect(204);
    expect(
      await callRefused(pair.alice, 'call_invite', { conversationId: pair.conversationId, type: 'audio' }),
    ).toBe('DIRECT_CONVERSATION_BLOCKED');
    expect(
      await callRefused(pair.bob, 'call_invite', { conversationId: pair.conversationId, type: 'audio' }),
    ).toBe('DIRECT_CONVERSATION_BLOCKED');
  });

  it('returns the same call for a repeated clientCallId, and joins the live call on a second invite', async () => {
    const pair = await directPair();
    const clientCallId = randomUUID();
    const incoming = collect<IncomingCallPayload>(pair.bob.socket, 'incoming_call');
    const first = await callOk(pair.alice, 'call_invite', {
      conversationId: pair.conversationId,
      type: 'video',
      clientCallId,
    });
    const retried = await callOk(pair.alice, 'call_invite', {
      conversationId: pair.conversationId,
      type: 'video',
      clientCallId,
    });
    expect(retried.call.callId).toBe(first.call.callId);
    const joined = nextEvent<CallParticipantJoinedPayload>(pair.alice.socket, 'call_participant_joined');

    const bobsInvite = await callOk(pair.bob, 'call_invite', {
      conversationId: pair.conversationId,
      type: 'audio',
    });

    expect(bobsInvite.call).toMatchObject({ callId: first.call.callId, status: 'active', type: 'video' });
    expect((await joined).participant.userId).toBe(pair.bob.user.id);
    expect(incoming).toHaveLength(1);
  });

  it('refuses a caller already in another call', async () => {
    const pair = await directPair();
    const { call } = await ringing(pair);
    const carolUser = await registerUser(t);
    const conversationId = await directConversation(t, pair.alice.user, carolUser);
    await connectDevice(t, carolUser);
    expect(await callRefused(pair.alice, 'call_invite', { conversationId, type: 'audio' })).toBe(
      'ALREADY_IN_CALL',
    );
    expect(await callState(t, call.callId)).toMatchObject({ version: 0 });
  });
});
