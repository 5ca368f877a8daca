import { AppError } from '../common/errors/app-error';
import { ServerEvent } from '../realtime/events';
import { CallAnnouncement } from './call-announcement';
import { CallDeviceRef, CallState, toEndedCall } from './call-state';
import {
  markDisconnected,
  reconnectGraceExpired,
  removeMember,
  ringTimedOut,
} from './call-timer-transitions';
import {
  endCall,
  joinCall,
  leaveCall,
  rejectCall,
  requireParticipant,
  setMedia,
  startCall,
} from './call-transitions';

const T0 = '2024-01-01T10:00:00.000Z';
const T1 = '2024-01-01T10:00:05.000Z';
const T2 = '2024-01-01T10:01:05.000Z';
const limits = { now: T1, maxParticipants: 3 };

const device = (userId: string, n = 1): CallDeviceRef => ({
  userId,
  deviceId: `${userId}-d${n}`.padEnd(16, '0').slice(0, 16),
  sessionId: `${userId}-session-${n}`,
});
const alice = device('alice');
const bob = device('bob');
const bobPhone = device('bob', 2);
const carol = device('carol');
const dave = device('dave');

function direct(): CallState {
  return startCall({
    callId: 'call1',
    conversationId: 'conv1',
    kind: 'direct',
    type: 'video',
    initiator: alice,
    invitedUserIds: ['bob'],
    now: T0,
  });
}

function group(): CallState {
  return startCall({
    callId: 'call2',
    conversationId: 'conv2',
    kind: 'group',
    type: 'audio',
    initiator: alice,
    invitedUserIds: ['bob', 'carol', 'dave', 'alice'],
    now: T0,
  });
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return error instanceof AppError ? error.code : `not coded: ${String(error)}`;
  }
  return 'no error';
}

function events(announce: readonly CallAnnouncement[]): string[] {
  return announce.map((a) => a.event);
}

function find<E extends CallAnnouncement['event']>(announce: readonly CallAnnouncement[], event: E) {
  const found = announce.find((a) => a.event === event);
  if (!found) {
    throw new Error(`no ${event} in ${events(announce).join(', ')}`);
  }
  return found as Extract<CallAnnouncement, { event: E }>;
}

describe('call transitions', () => {
  describe('startCall', () => {
    it('rings every invitee but the initiator, whose device is already in', () => {
      const state = group();
      expect(state).toMatchObject({
        status: 'ringing',
        invitedUserIds: ['bob', 'carol', 'dave'],
        ringingUserIds: ['bob', 'carol', 'dave'],
        joinedUserIds: ['alice'],
        answeredAt: null,
      });
      expect(state.participants).toEqual([
        expect.objectContaining({ userId: 'alice', audio: true, video: false, disconnectedAt: null }),
      ]);
      expect(direct().participants[0].video).toBe(true);
    });
  });

  describe('joinCall', () => {
    it('answers a direct call: active, answered, and everyone told', () => {
      const { state, announce } = joinCall(direct(), bob, limits);
      expect(state).toMatchObject({
        status: 'active',
        answeredAt: T1,
        ringingUserIds: [],
        joinedUserIds: ['alice', 'bob'],
      });
      expect(events(announce)).toEqual([
        ServerEvent.CallAccepted,
        ServerEvent.CallAnsweredElsewhere,
        ServerEvent.CallParticipantJoined,
      ]);
      expect(find(announce, ServerEvent.CallAccepted).to).toEqual({ userIds: ['alice', 'bob'] });
      expect(find(announce, ServerEvent.CallAnsweredElsewhere).to).toEqual({
        userIds: ['bob'],
        exceptSessionIds: [bob.sessionId],
      });
      const joined = find(announce, ServerEvent.CallParticipantJoined);
      expect(joined.to).toEqual({ sessionIds: [alice.sessionId] });
      expect(joined.payload.participant).toMatchObject({
        userId: 'bob',
        deviceId: bob.deviceId,
        connected: true,
      });
    });

    it('refuses a second device of a user already in the call (answered elsewhere)', () => {
      const answered = joinCall(direct(), bob, limits).state;
      expect(codeOf(() => joinCall(answered, bobPhone, limits))).toBe('CALL_ANSWERED_ELSEWHERE');
    });

    it('refuses a device beyond the participant limit', () => {
      let state = group();
      state = joinCall(state, bob, limits).state;
      state = joinCall(state, carol, limits).state;
      expect(codeOf(() => joinCall(state, dave, limits))).toBe('CALL_FULL');
    });

    it('refuses an ended call to those it concerned, and as unknown to others', () => {
      const ended = endCall(direct(), 'cancelled', 'alice', T1).state;
      expect(codeOf(() => joinCall(ended, bob, limits))).toBe('CALL_ENDED');
      expect(codeOf(() => joinCall(ended, device('mallory'), limits))).toBe('CALL_NOT_FOUND');
    });

    it('rejoins a disconnected device: connected again, its peers told it joined anew', () => {
      const answered = joinCall(direct(), bob, limits).state;
      const dropped = markDisconnected(answered, bob.deviceId, T1).state;
      const { state, announce } = joinCall(dropped, bob, { ...limits, now: T2 });
      expect(state.participants.find((p) => p.userId === 'bob')).toMatchObject({
        disconnectedAt: null,
        joinedAt: T1,
      });
      expect(events(announce)).toEqual([ServerEvent.CallParticipantJoined]);
      expect(state.joinedUserIds).toEqual(['alice', 'bob']);
    });

    it('changes nothing for a connected device that joins again, but tells its peers', () => {
      const answered = joinCall(direct(), bob, limits).state;
      const again = joinCall(answered, bob, limits);
      expect(again.state).toBe(answered);
      expect(events(again.announce)).toEqual([ServerEvent.CallParticipantJoined]);
    });

    it('lets a missed or declining group member join later, no longer missed nor declined', () => {
      let state = joinCall(group(), bob, limits).state;
      state = rejectCall(state, carol, T1).state;
      state = ringTimedOut(state, T2).state;
      expect(state.missedUserIds).toEqual(['dave']);
      state = joinCall(state, dave, { ...limits, now: T2 }).state;
      state = joinCall(state, carol, { ...limits, now: T2, maxParticipants: 8 }).state;
      expect(state).toMatchObject({ missedUserIds: [], rejectedUserIds: [], answeredAt: T1 });
    });
  });

  describe('rejectCall', () => {
    it('ends a direct call as rejected by the callee', () => {
      const { state, announce } = rejectCall(direct(), bob, T1);
      expect(state).toMatchObject({
        status: 'ended',
        endReason: 'rejected',
        endedBy: 'bob',
        rejectedUserIds: ['bob'],
        missedUserIds: [],
      });
      expect(find(announce, ServerEvent.CallEnded)).toMatchObject({
        payload: { reason: 'rejected', endedBy: 'bob', durationSeconds: null },
        to: { userIds: ['alice', 'bob'] },
      });
    });

    it('stops a group call ringing for the decliner only', () => {
      const { state, announce } = rejectCall(group(), carol, T1);
      expect(state).toMatchObject({
        status: 'ringing',
        ringingUserIds: ['bob', 'dave'],
        rejectedUserIds: ['carol'],
      });
      expect(announce.map((a) => a.to)).toEqual([
        { userIds: ['carol'], exceptSessionIds: [carol.sessionId] },
        { sessionIds: [alice.sessionId] },
      ]);
    });

    it('ends an unanswered group call once every invitee declined', () => {
      let state = group();
      state = rejectCall(state, bob, T1).state;
      state = rejectCall(state, carol, T1).state;
      const last = rejectCall(state, dave, T1);
      expect(last.state).toMatchObject({ status: 'ended', endReason: 'rejected', endedBy: 'dave' });
    });

    it('refuses someone not ringing, and an ended call', () => {
      const answered = joinCall(direct(), bob, limits).state;
      expect(codeOf(() => rejectCall(answered, bob, T1))).toBe('CALL_NOT_FOUND');
      expect(codeOf(() => rejectCall(direct(), alice, T1))).toBe('CALL_NOT_FOUND');
      const ended = endCall(direct(), 'no_answer', null, T1).state;
      expect(codeOf(() => rejectCall(ended, bob, T1))).toBe('CALL_ENDED');
    });
  });

  describe('leaveCall', () => {
    it('cancels a direct call the caller hangs up while it rings; the callee missed it', () => {
      const { state, announce } = leaveCall(direct(), alice, 'left', T1);
      expect(state).toMatchObject({
        status: 'ended',
        endReason: 'cancelled',
        endedBy: 'alice',
        missedUserIds: ['bob'],
        participants: [],
      });
      expect(state.history).toEqual([
        { userId: 'alice', deviceId: alice.deviceId, joinedAt: T0, leftAt: T1 },
      ]);
      expect(events(announce)).toEqual([ServerEvent.CallParticipantLeft, ServerEvent.CallEnded]);
    });

    it('ends an answered direct call with its duration when either side leaves', () => {
      const answered = joinCall(direct(), bob, limits).state;
      const { state, announce } = leaveCall(answered, bob, 'left', T2);
      expect(state).toMatchObject({ endReason: 'ended', endedBy: 'bob', missedUserIds: [] });
      expect(find(announce, ServerEvent.CallEnded).payload.durationSeconds).toBe(60);
      expect(state.history.map((h) => h.userId).sort()).toEqual(['alice', 'bob']);
    });

    it('ends a direct call as disconnected when a participant never came back', () => {
      const answered = joinCall(direct(), bob, limits).state;
      const { state } = leaveCall(answered, bob, 'disconnected', T2);
      expect(state).toMatchObject({ endReason: 'disconnected', endedBy: null });
    });

    it('ends a direct call as failed, by who hung up, when their connection failed', () => {
      const answered = joinCall(direct(), bob, limits).state;
      const { state, announce } = leaveCall(answered, bob, 'failed', T2);
      expect(state).toMatchObject({ endReason: 'failed', endedBy: 'bob' });
      expect(find(announce, ServerEvent.CallParticipantLeft).payload).toMatchObject({ reason: 'failed' });
    });

    it('keeps a group call going until its last device leaves', () => {
      let state = joinCall(group(), bob, limits).state;
      const left = leaveCall(state, alice, 'left', T2);
      expect(left.state.status).toBe('active');
      expect(find(left.announce, ServerEvent.CallParticipantLeft)).toMatchObject({
        payload: { userId: 'alice', reason: 'left' },
        to: { sessionIds: [bob.sessionId] },
      });
      state = leaveCall(left.state, bob, 'left', T2).state;
      expect(state).toMatchObject({
        status: 'ended',
        endReason: 'ended',
        endedBy: 'bob',
        missedUserIds: ['carol', 'dave'],
      });
    });

    it('cancels a group call its initiator leaves before anyone joined', () => {
      expect(leaveCall(group(), alice, 'left', T1).state).toMatchObject({ endReason: 'cancelled' });
    });

    it('refuses a device not in the call', () => {
      expect(codeOf(() => leaveCall(direct(), bob, 'left', T1))).toBe('CALL_NOT_FOUND');
    });
  });

  describe('endCall', () => {
    it('tells a busy caller alone, with call_busy first; the callee is missed', () => {
      const { state, announce } = endCall(direct(), 'busy', null, T0);
      expect(events(announce)).toEqual([ServerEvent.CallBusy, ServerEvent.CallEnded]);
      expect(announce.every((a) => 'userIds' in a.to && a.to.userIds.join() === 'alice')).toBe(true);
      expect(find(announce, ServerEvent.CallBusy).payload.userId).toBe('bob');
      expect(state.missedUserIds).toEqual(['bob']);
    });

    it('changes nothing on a call that already ended', () => {
      const ended = endCall(direct(), 'unavailable', null, T0).state;
      const again = endCall(ended, 'ended', 'alice', T1);
      expect(again.state).toBe(ended);
      expect(again.announce).toEqual([]);
    });

    it('yields the ended call history records', () => {
      const answered = joinCall(direct(), bob, limits).state;
      expect(toEndedCall(leaveCall(answered, alice, 'left', T2).state)).toMatchObject({
        callId: 'call1',
        endReason: 'ended',
        answeredAt: T1,
        endedAt: T2,
        invitedUserIds: ['bob'],
        participations: [
          { userId: 'alice', leftAt: T2 },
          { userId: 'bob', leftAt: T2 },
        ],
      });
      expect(() => toEndedCall(answered)).toThrow();
    });
  });

  describe('ringTimedOut', () => {
    it('ends a call nobody answered as no_answer, every ringing invitee missed', () => {
      const { state, announce } = ringTimedOut(group(), T2);
      expect(state).toMatchObject({
        endReason: 'no_answer',
        endedBy: null,
        missedUserIds: ['bob', 'carol', 'dave'],
      });
      expect(events(announce)).toEqual([ServerEvent.CallEnded]);
    });

    it('marks the group invitees still ringing as missed and keeps an answered call', () => {
      const answered = rejectCall(joinCall(group(), bob, limits).state, carol, T1).state;
      const { state, announce } = ringTimedOut(answered, T2);
      expect(state).toMatchObject({
        status: 'active',
        ringingUserIds: [],
        missedUserIds: ['dave'],
        rejectedUserIds: ['carol'],
      });
      expect(find(announce, ServerEvent.CallMissed).to).toEqual({ userIds: ['dave'] });
    });

    it('changes nothing on an answered direct call or an ended one', () => {
      const answered = joinCall(direct(), bob, limits).state;
      expect(ringTimedOut(answered, T2).state).toBe(answered);
      const ended = endCall(direct(), 'cancelled', 'alice', T1).state;
      expect(ringTimedOut(ended, T2).state).toBe(ended);
    });
  });

  describe('disconnects', () => {
    it('marks a participant once, and its grace ends it only if still the same disconnect', () => {
      const answered = joinCall(direct(), bob, limits).state;
      const marked = markDisconnected(answered, bob.deviceId, T1).state;
      expect(markDisconnected(marked, bob.deviceId, T2).state).toBe(marked);
      expect(reconnectGraceExpired(marked, bob.deviceId, T0, T2).state).toBe(marked);
      const rejoined = joinCall(marked, bob, { ...limits, now: T2 }).state;
      expect(reconnectGraceExpired(rejoined, bob.deviceId, T1, T2).state).toBe(rejoined);
      expect(reconnectGraceExpired(marked, bob.deviceId, T1, T2).state).toMatchObject({
        endReason: 'disconnected',
      });
    });

    it('lets a group participant past its grace leave as disconnected', () => {
      let state = joinCall(joinCall(group(), bob, limits).state, carol, limits).state;
      state = markDisconnected(state, carol.deviceId, T1).state;
      const { state: after, announce } = reconnectGraceExpired(state, carol.deviceId, T1, T2);
      expect(after.status).toBe('active');
      expect(find(announce, ServerEvent.CallParticipantLeft).payload.reason).toBe('disconnected');
    });

    it('ignores devices not in the call', () => {
      const state = direct();
      expect(markDisconnected(state, bob.deviceId, T1).state).toBe(state);
    });
  });

  describe('removeMember', () => {
    it('stops ringing for a removed member without recording them as missed', () => {
      const { state, announce } = removeMember(group(), 'carol', T1);
      expect(state).toMatchObject({ ringingUserIds: ['bob', 'dave'], missedUserIds: [] });
      expect(find(announce, ServerEvent.CallMissed).to).toEqual({ userIds: ['carol'] });
    });

    it('takes a removed participant out of the call, telling the others and them', () => {
      const state = joinCall(joinCall(group(), bob, limits).state, carol, limits).state;
      const removed = removeMember(state, 'carol', T2);
      expect(removed.state.participants.map((p) => p.userId)).toEqual(['alice', 'bob']);
      const left = removed.announce.filter((a) => a.event === ServerEvent.CallParticipantLeft);
      expect(left.map((a) => a.to)).toEqual([
        { sessionIds: [alice.sessionId, bob.sessionId] },
        { userIds: ['carol'] },
      ]);
    });

    it('ends the call when the removed member was the last one in it', () => {
      const state = leaveCall(joinCall(group(), bob, limits).state, alice, 'left', T1).state;
      expect(removeMember(state, 'bob', T2).state).toMatchObject({ status: 'ended', endReason: 'ended' });
    });
  });

  describe('media and participants', () => {
    it("stores a participant's media and tells the others", () => {
      const answered = joinCall(direct(), bob, limits).state;
      const { state, announce } = setMedia(answered, bob, { audio: false, video: true, screen: true });
      expect(state.participants[1]).toMatchObject({ audio: false, video: true, screen: true });
      expect(announce[0]).toMatchObject({
        event: ServerEvent.CallMedia,
        to: { sessionIds: [alice.sessionId] },
      });
    });

    it('refuses media and signals from devices not in the call', () => {
      expect(codeOf(() => setMedia(direct(), bob, { audio: true, video: true, screen: false }))).toBe(
        'CALL_NOT_FOUND',
      );
      expect(codeOf(() => requireParticipant(direct(), { ...alice, userId: 'bob' }))).toBe('CALL_NOT_FOUND');
      expect(requireParticipant(direct(), alice).userId).toBe('alice');
    });
  });
});
