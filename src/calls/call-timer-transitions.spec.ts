import { ServerEvent } from '../realtime/events';
import { CallDeviceRef, CallState } from './call-state';
import { markDisconnected, overdueTimers } from './call-timer-transitions';
import { joinCall, startCall } from './call-transitions';

const T0 = '2024-01-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const deadlines = { ringTimeoutMs: 45_000, graceMs: 20_000 };

const device = (userId: string): CallDeviceRef => ({
  userId,
  deviceId: `${userId}-device`.padEnd(16, '0').slice(0, 16),
  sessionId: `${userId}-session`,
});
const [alice, bob, carol] = [device('alice'), device('bob'), device('carol')];

function call(kind: 'direct' | 'group'): CallState {
  return startCall({
    callId: 'call1',
    conversationId: 'conv1',
    kind,
    type: 'video',
    initiator: alice,
    invitedUserIds: kind === 'direct' ? ['bob'] : ['bob', 'carol'],
    now: T0,
  });
}

describe('overdueTimers (the sweep of calls whose timer jobs were lost)', () => {
  it('changes nothing before any deadline', () => {
    const ringing = call('direct');
    expect(overdueTimers(ringing, at(44), deadlines).state).toBe(ringing);
  });

  it('ends a call still unanswered after its ring timeout as no_answer', () => {
    const { state, announce } = overdueTimers(call('direct'), at(46), deadlines);
    expect(state).toMatchObject({ status: 'ended', endReason: 'no_answer', missedUserIds: ['bob'] });
    expect(announce.map((a) => a.event)).toContain(ServerEvent.CallEnded);
  });

  it('stops the ringing of an answered group call for those who never answered', () => {
    const answered = joinCall(call('group'), bob, { now: at(5), maxParticipants: 8 }).state;
    const { state } = overdueTimers(answered, at(46), deadlines);
    expect(state).toMatchObject({ status: 'active', ringingUserIds: [], missedUserIds: ['carol'] });
    // Applied again (the sweep a minute later): nothing more happens.
    expect(overdueTimers(state, at(106), deadlines).state).toBe(state);
  });

  it('takes out the devices whose grace ran out, ending a 1:1 call as disconnected', () => {
    const answered = joinCall(call('direct'), bob, { now: at(5), maxParticipants: 8 }).state;
    const dropped = markDisconnected(answered, bob.deviceId, at(10)).state;
    expect(overdueTimers(dropped, at(29), deadlines).state).toBe(dropped);
    const { state } = overdueTimers(dropped, at(31), deadlines);
    expect(state).toMatchObject({ status: 'ended', endReason: 'disconnected', endedBy: null });
  });

  it('leaves a group call going while a device in it is still connected', () => {
    let state = joinCall(call('group'), bob, { now: at(5), maxParticipants: 8 }).state;
    state = joinCall(state, carol, { now: at(6), maxParticipants: 8 }).state;
    state = markDisconnected(state, carol.deviceId, at(10)).state;
    const swept = overdueTimers(state, at(60), deadlines).state;
    expect(swept.status).toBe('active');
    expect(swept.participants.map((p) => p.userId).sort()).toEqual(['alice', 'bob']);
  });
});
