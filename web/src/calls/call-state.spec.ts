import { describe, expect, it } from 'vitest';
import type { CallParticipantView, CallView, IncomingCallPayload } from '../api/types';
import { type CallUiState, idleCalls, offerTargets, othersIn, reduceCalls } from './call-state';

const device = (userId: string, deviceId: string): CallParticipantView => ({
  userId,
  deviceId,
  joinedAt: '2026-03-10T12:00:00.000Z',
  audio: true,
  video: true,
  screen: false,
  connected: true,
});

const call = (participants: CallParticipantView[], change: Partial<CallView> = {}): CallView => ({
  callId: 'call1',
  conversationId: 'conv1',
  kind: 'group',
  type: 'video',
  initiatorId: 'ana',
  status: 'active',
  createdAt: '2026-03-10T12:00:00.000Z',
  answeredAt: '2026-03-10T12:00:05.000Z',
  endedAt: null,
  endReason: null,
  participants,
  ringUntil: '2026-03-10T12:00:45.000Z',
  ...change,
});

const ringing = (callId = 'call1'): IncomingCallPayload => ({
  callId,
  conversationId: 'conv1',
  callerId: 'ana',
  callerName: 'Ana',
  type: 'video',
  participants: [device('ana', 'a1')],
  iceServers: [],
  ttlSeconds: 3600,
  ringUntil: '2026-03-10T12:00:45.000Z',
});

const media = { audio: true, video: true, screen: false };
const ended = {
  callId: 'call1',
  conversationId: 'conv1',
  reason: 'ended' as const,
  endedBy: 'ana',
  durationSeconds: 60,
};

function joinedAsBo(): CallUiState {
  const state = reduceCalls(idleCalls, { kind: 'incoming', payload: ringing() });
  return reduceCalls(state, {
    kind: 'joined',
    call: call([device('ana', 'a1'), device('cy', 'c1'), device('bo', 'b1')]),
    myUserId: 'bo',
    media,
  });
}

describe('reduceCalls', () => {
  it('rings once per call, and stops for any of the reasons a ring stops', () => {
    let state = reduceCalls(idleCalls, { kind: 'incoming', payload: ringing() });
    state = reduceCalls(state, { kind: 'incoming', payload: ringing() });
    state = reduceCalls(state, { kind: 'incoming', payload: ringing('call2') });
    expect(state.incoming.map((c) => c.callId)).toEqual(['call1', 'call2']);
    state = reduceCalls(state, { kind: 'stop-ringing', callId: 'call1' });
    expect(state.incoming.map((c) => c.callId)).toEqual(['call2']);
    const same = reduceCalls(state, { kind: 'stop-ringing', callId: 'call1' });
    expect(same).toBe(state);
    // A call that ends while it rings leaves no notice: it was never this device's call.
    state = reduceCalls(idleCalls, { kind: 'incoming', payload: ringing() });
    state = reduceCalls(state, { kind: 'ended', payload: ended });
    expect(state.incoming).toEqual([]);
  });

  it('joins: finds this device in the ack, stops ringing for that call, and lists the others', () => {
    const state = joinedAsBo();
    expect(state.incoming).toEqual([]);
    expect(state.current?.myDeviceId).toBe('b1');
    expect(othersIn(state.current!).map((p) => p.deviceId)).toEqual(['a1', 'c1']);
    expect(offerTargets(state.current!.call, 'b1').map((p) => p.deviceId)).toEqual(['a1', 'c1']);
    // An ack that does not list me (it cannot happen, but must not crash) changes nothing.
    expect(
      reduceCalls(idleCalls, { kind: 'joined', call: call([device('ana', 'a1')]), myUserId: 'bo', media }),
    ).toBe(idleCalls);
    // No ringing for the call this device is in.
    expect(reduceCalls(state, { kind: 'incoming', payload: ringing() })).toBe(state);
  });

  it('follows participants joining (a rejoin replaces the entry), leaving and changing media', () => {
    let state = joinedAsBo();
    state = reduceCalls(state, {
      kind: 'participant-joined',
      callId: 'call1',
      participant: device('dee', 'd1'),
    });
    state = reduceCalls(state, {
      kind: 'participant-joined',
      callId: 'call1',
      participant: { ...device('cy', 'c1'), joinedAt: '2026-03-10T12:01:00.000Z' },
    });
    expect(state.current!.call.participants.map((p) => p.deviceId)).toEqual(['a1', 'b1', 'd1', 'c1']);
    state = reduceCalls(state, { kind: 'participant-left', callId: 'call1', deviceId: 'a1' });
    state = reduceCalls(state, {
      kind: 'media',
      callId: 'call1',
      deviceId: 'd1',
      flags: { audio: false, video: false, screen: true },
    });
    expect(state.current!.call.participants.find((p) => p.deviceId === 'd1')).toMatchObject({
      audio: false,
      screen: true,
    });
    expect(state.current!.call.participants.map((p) => p.deviceId)).toEqual(['b1', 'd1', 'c1']);
    // Events of another call change nothing.
    expect(reduceCalls(state, { kind: 'participant-left', callId: 'other', deviceId: 'd1' })).toBe(state);
  });

  it('becomes active when answered, and keeps the first answer time', () => {
    let state = reduceCalls(idleCalls, {
      kind: 'joined',
      call: call([device('ana', 'a1')], { kind: 'direct', status: 'ringing', answeredAt: null }),
      myUserId: 'ana',
      media,
    });
    state = reduceCalls(state, { kind: 'accepted', callId: 'call1', answeredAt: '2026-03-10T12:00:09.000Z' });
    state = reduceCalls(state, { kind: 'accepted', callId: 'call1', answeredAt: '2026-03-10T12:00:20.000Z' });
    expect(state.current!.call).toMatchObject({ status: 'active', answeredAt: '2026-03-10T12:00:09.000Z' });
  });

  it('ends: the call goes, the notice stays until dismissed, and my media flags follow my toggles', () => {
    let state = reduceCalls(joinedAsBo(), {
      kind: 'my-media',
      flags: { audio: false, video: true, screen: false },
    });
    expect(state.current!.media.audio).toBe(false);
    state = reduceCalls(state, { kind: 'ended', payload: ended });
    expect(state.current).toBeNull();
    expect(state.ended).toEqual(ended);
    state = reduceCalls(state, { kind: 'dismiss-ended' });
    expect(state.ended).toBeNull();
    expect(reduceCalls(state, { kind: 'my-media', flags: media })).toBe(state);
  });
});
