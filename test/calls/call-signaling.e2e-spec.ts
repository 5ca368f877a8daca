import type {
  CallMediaPayload,
  CallSdpSignalPayload,
  IceCandidateSignalPayload,
  IncomingCallPayload,
} from '../../src/realtime/server-events';
import { registerUser } from '../support/builders';
import {
  callEvent,
  callOk,
  callRefused,
  callState,
  connectDevice,
  Device,
  sampleSdp,
} from '../support/calls';
import { directConversation } from '../support/chat-builders';
import { closeSockets, collect, nextEvent, noEvent } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

const SIGNALS_PER_SECOND = 30;

describe('Call signaling relay', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      CALL_SIGNAL_MAX_BYTES: '2048',
      CALL_SIGNALS_PER_SECOND: String(SIGNALS_PER_SECOND),
      // Low, to show signaling is not counted by the general per-second socket limit.
      SOCKET_EVENTS_PER_SECOND: '10',
    });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  /** An answered direct call: alice and bob in it, bob's phone ringing no more, and the device ids. */
  async function answeredCall() {
    const [a, b] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, a, b);
    const alice = await connectDevice(t, a);
    const bob = await connectDevice(t, b);
    const bobPhone = await connectDevice(t, b, { newSession: true });
    const incoming = nextEvent<IncomingCallPayload>(bob.socket, 'incoming_call');
    const { call } = await callOk(alice, 'call_invite', { conversationId, type: 'audio' });
    await incoming;
    const accepted = await callOk(bob, 'call_accept', { callId: call.callId });
    const [aliceDevice, bobDevice] = accepted.call.participants.map((p) => p.deviceId);
    return { callId: call.callId, conversationId, alice, bob, bobPhone, aliceDevice, bobDevice };
  }

  it('relays offers, answers and candidates to the addressed device only, naming the sender', async () => {
    const call = await answeredCall();
    const offer = nextEvent<CallSdpSignalPayload>(call.alice.socket, 'call_offer');
    const phoneGetsNothing = noEvent(call.bobPhone.socket, 'call_offer');

    // The mesh rule: the device that joined offers to those already in the call.
    expect(
      await callOk(call.bob, 'call_offer', { callId: call.callId, to: call.aliceDevice, sdp: sampleSdp() }),
    ).toEqual({ callId: call.callId });
    expect(await offer).toEqual({
      callId: call.callId,
      from: { userId: call.bob.user.id, deviceId: call.bobDevice },
      sdp: sampleSdp(),
    });
    await phoneGetsNothing;

    const answer = nextEvent<CallSdpSignalPayload>(call.bob.socket, 'call_answer');
    await callOk(call.alice, 'call_answer', {
      callId: call.callId,
      to: call.bobDevice,
      sdp: sampleSdp('answer'),
    });
    expect(await answer).toMatchObject({ from: { userId: call.alice.user.id, deviceId: call.aliceDevice } });

    const candidate = {
      candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    const relayed = nextEvent<IceCandidateSignalPayload>(call.bob.socket, 'ice_candidate');
    await callOk(call.alice, 'ice_candidate', { callId: call.callId, to: call.bobDevice, candidate });
    expect(await relayed).toEqual({
      callId: call.callId,
      from: { userId: call.alice.user.id, deviceId: call.aliceDevice },
      candidate,
    });
    const endOfCandidates = nextEvent<IceCandidateSignalPayload>(call.bob.socket, 'ice_candidate');
    await callOk(call.alice, 'ice_candidate', {
      callId: call.callId,
      to: call.bobDevice,
      candidate: { candidate: '' },
    });
    expect((await endOfCandidates).candidate).toEqual({ candidate: '' });
  });

  it('refuses signals from or to devices not in the call, and to foreign calls, as not found', async () => {
    const call = await answeredCall();
    const other = await answeredCall();
    const received = collect(call.alice.socket, 'call_offer');
    const offer = (to: string, callId = call.callId) => ({ callId, to, sdp: sampleSdp() });

    // Bob's phone is not in the call; nor is a device of another call; nor a made-up device.
    expect(await callRefused(call.bobPhone, 'call_offer', offer(call.aliceDevice))).toBe('CALL_NOT_FOUND');
    expect(await callRefused(other.alice, 'call_offer', offer(call.aliceDevice))).toBe('CALL_NOT_FOUND');
    expect(await callRefused(call.bob, 'call_offer', offer('0123456789abcdef'))).toBe('CALL_NOT_FOUND');
    expect(await callRefused(call.bob, 'call_offer', offer(call.bobDevice))).toBe('CALL_NOT_FOUND');
    expect(await callRefused(call.bob, 'call_offer', offer(other.aliceDevice, other.callId))).toBe(
      'CALL_NOT_FOUND',
    );
    expect(
      await callRefused(call.bob, 'call_offer', offer(call.aliceDevice, '0123456789abcdef01234567')),
    ).toBe('CALL_NOT_FOUND');
    expect(
      await callRefused(call.bobPhone, 'call_media', {
        callId: call.callId,
        audio: false,
        video: false,
        screen: false,
      }),
    ).toBe('CALL_NOT_FOUND');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([]);
    expect(await callState(t, call.callId)).toMatchObject({ version: 1, status: 'active' });
  });

  it('refuses malformed and oversized signals', async () => {
    const call = await answeredCall();
    const send = (sdp: unknown) =>
      callRefused(call.bob, 'call_offer', { callId: call.callId, to: call.aliceDevice, sdp });
    expect(await send('hello')).toBe('VALIDATION_FAILED');
    expect(await send('v=0\r\ns=-\r\n')).toBe('VALIDATION_FAILED');
    expect(await send(`${sampleSdp()}<script>\r\n`)).toBe('VALIDATION_FAILED');
    expect(await send('')).toBe('VALIDATION_FAILED');
    expect(await send(42)).toBe('VALIDATION_FAILED');
    expect(await send(`${sampleSdp()}${'a=x\r\n'.repeat(500)}`)).toBe('CALL_SIGNAL_TOO_LARGE');
    const candidate = (value: string) =>
      callRefused(call.bob, 'ice_candidate', {
        callId: call.callId,
        to: call.aliceDevice,
        candidate: { candidate: value },
      });
    expect(await candidate('not a candidate')).toBe('VALIDATION_FAILED');
    expect(await candidate(`candidate:${'x'.repeat(3000)}`)).toBe('VALIDATION_FAILED');
    expect(
      await callRefused(call.bob, 'call_offer', {
        callId: call.callId,
        to: call.aliceDevice,
        sdp: sampleSdp(),
        extra: 1,
      }),
    ).toBe('VALIDATION_FAILED');
  });

  it("stores a participant's media state and tells the others", async () => {
    const call = await answeredCall();
    const media = nextEvent<CallMediaPayload>(call.alice.socket, 'call_media');
    await callOk(call.bob, 'call_media', { callId: call.callId, audio: false, video: true, screen: true });
    expect(await media).toEqual({
      callId: call.callId,
      userId: call.bob.user.id,
      deviceId: call.bobDevice,
      audio: false,
      video: true,
      screen: true,
    });
    const state = await callState(t, call.callId);
    expect(state?.participants.find((p) => p.deviceId === call.bobDevice)).toMatchObject({
      audio: false,
      video: true,
      screen: true,
    });
  });

  it('limits signaling per user per second on its own, apart from the general socket limit', async () => {
    const call = await answeredCall();
    const burst = (device: Device, count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          callEvent(device, 'ice_candidate', {
            callId: call.callId,
            to: device === call.bob ? call.aliceDevice : call.bobDevice,
            candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 1 typ host' },
          }),
        ),
      );
    // More than the general limit (10/s) and within the signaling one: all relayed.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const within = await burst(call.alice, 20);
    expect(within.every((ack) => ack.ok)).toBe(true);

    // Over two windows' worth: some are refused, on every device of the user.
    const over = await burst(call.bob, 2 * SIGNALS_PER_SECOND + 10);
    const refused = over.filter((ack) => !ack.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
