import { describe, expect, it } from 'vitest';
import type { MessageResponse } from '../api/types';
import {
  type CallMessageInfo,
  callErrorText,
  callInfoOf,
  callMessageText,
  clockDuration,
  endedText,
  isMissedFor,
  spokenDuration,
} from './call-text';

const info = (change: Partial<CallMessageInfo> = {}): CallMessageInfo => ({
  callId: 'c1',
  type: 'video',
  status: 'completed',
  endReason: 'ended',
  durationSeconds: 185,
  participantIds: ['ana', 'bo'],
  missedUserIds: [],
  ...change,
});

/** A message type by its wire value (the enum is server code). */
const typed = (type: string) => type as MessageResponse['type'];

describe('callInfoOf', () => {
  it('reads the call of a call message and nothing else', () => {
    expect(callInfoOf({ type: typed('call'), call: info() })).toEqual(info());
    expect(callInfoOf({ type: typed('text'), call: info() })).toBeNull();
    expect(callInfoOf({ type: typed('call') })).toBeNull();
  });
});

describe('durations', () => {
  it('speaks a call length the way a timeline does', () => {
    expect(spokenDuration(42)).toBe('42 s');
    expect(spokenDuration(185)).toBe('3 min');
    expect(spokenDuration(3600)).toBe('1 h');
    expect(spokenDuration(3900)).toBe('1 h 5 min');
  });

  it('runs a clock', () => {
    expect(clockDuration(0)).toBe('0:00');
    expect(clockDuration(7.9)).toBe('0:07');
    expect(clockDuration(750)).toBe('12:30');
    expect(clockDuration(3723)).toBe('1:02:03');
  });
});

describe('callMessageText', () => {
  it('gives the caller the fate of their call and the others what it was to them', () => {
    expect(callMessageText(info(), 'ana', 'bo')).toBe('Video call · 3 min');
    expect(callMessageText(info({ type: 'audio', durationSeconds: null }), 'ana', 'ana')).toBe('Voice call');
    expect(callMessageText(info({ status: 'missed' }), 'ana', 'ana')).toBe('Video call · No answer');
    const missedBy = (status: CallMessageInfo['status']) => info({ status, missedUserIds: ['bo'] });
    expect(callMessageText(missedBy('missed'), 'ana', 'bo')).toBe('Missed video call');
    expect(callMessageText(info({ status: 'rejected', type: 'audio' }), 'ana', 'ana')).toBe(
      'Voice call · Declined',
    );
    expect(callMessageText(info({ status: 'rejected' }), 'ana', 'bo')).toBe('Declined video call');
    expect(callMessageText(info({ status: 'cancelled' }), 'ana', 'ana')).toBe('Video call · Cancelled');
    expect(callMessageText(missedBy('cancelled'), 'ana', 'bo')).toBe('Missed video call');
    expect(callMessageText(info({ status: 'busy' }), 'ana', 'ana')).toBe('Video call · Busy');
    expect(callMessageText(missedBy('unavailable'), 'ana', 'bo')).toBe('Missed video call');
    expect(callMessageText(info({ status: 'failed' }), 'ana', 'bo')).toBe('Video call · Failed');
  });

  it('tells a member who missed a group call others answered', () => {
    const group = info({ missedUserIds: ['cy'] });
    expect(callMessageText(group, 'ana', 'cy')).toBe('Missed video call');
    expect(isMissedFor(group, 'ana', 'cy')).toBe(true);
    expect(callMessageText(group, 'ana', 'bo')).toBe('Video call · 3 min');
    expect(isMissedFor(group, 'ana', 'bo')).toBe(false);
  });

  it('marks as missed only what the viewer missed', () => {
    expect(isMissedFor(info({ status: 'missed', missedUserIds: ['bo'] }), 'ana', 'bo')).toBe(true);
    expect(isMissedFor(info({ status: 'missed', missedUserIds: ['bo'] }), 'ana', 'ana')).toBe(false);
    expect(isMissedFor(info({ status: 'rejected' }), 'ana', 'bo')).toBe(false);
    expect(isMissedFor(info(), 'ana', 'bo')).toBe(false);
  });
});

describe('endedText', () => {
  const by = (endedByMe: boolean, durationSeconds: number | null = null) => ({
    endedByMe,
    peerName: 'Bo',
    durationSeconds,
  });

  it('says why the call ended', () => {
    expect(endedText('ended', by(true, 65))).toBe('Call ended · 1:05');
    expect(endedText('rejected', by(false))).toBe('Bo declined the call');
    expect(endedText('no_answer', by(false))).toBe('No answer');
    expect(endedText('busy', by(false))).toBe('Bo is on another call');
    expect(endedText('unavailable', by(false))).toBe('Bo cannot be reached right now');
    expect(endedText('cancelled', by(true))).toBe('Call cancelled');
    expect(endedText('disconnected', by(false, 30))).toBe('Call dropped: the connection was lost · 0:30');
    expect(endedText('failed', by(false))).toBe('The call failed');
    expect(endedText('busy', { endedByMe: false, peerName: null, durationSeconds: null })).toBe(
      'They are on another call',
    );
  });

  it('words refused actions', () => {
    expect(callErrorText('CALL_FULL', 'x')).toBe('This call is full.');
    expect(callErrorText('SOMETHING_NEW', 'the server says so')).toBe('the server says so');
  });
});
