import type { EndedCall } from '../calls.events';
import { callDurationSeconds, callMessageInfoOf, callStatusOf, joinedUserIds } from './call-outcome';

const ana = '64b7f0c2a1b2c3d4e5f60701';
const ben = '64b7f0c2a1b2c3d4e5f60702';
const cy = '64b7f0c2a1b2c3d4e5f60703';

function ended(overrides: Partial<EndedCall> = {}): EndedCall {
  return {
    callId: '64b7f0c2a1b2c3d4e5f607ff',
    conversationId: '64b7f0c2a1b2c3d4e5f607aa',
    kind: 'direct',
    type: 'video',
    initiatorId: ana,
    createdAt: '2030-01-01T10:00:00.000Z',
    answeredAt: null,
    endedAt: '2030-01-01T10:00:45.000Z',
    endReason: 'no_answer',
    endedBy: null,
    invitedUserIds: [ben],
    rejectedUserIds: [],
    missedUserIds: [ben],
    participations: [
      {
        userId: ana,
        deviceId: 'a'.repeat(16),
        joinedAt: '2030-01-01T10:00:00.000Z',
        leftAt: '2030-01-01T10:00:45.000Z',
      },
    ],
    ...overrides,
  };
}

describe('call outcome', () => {
  it.each([
    ['no_answer', 'missed'],
    ['rejected', 'rejected'],
    ['busy', 'busy'],
    ['unavailable', 'unavailable'],
    ['cancelled', 'cancelled'],
    ['ended', 'cancelled'],
    ['disconnected', 'cancelled'],
    ['failed', 'failed'],
  ] as const)('an unanswered call that ended %s reads as %s', (endReason, status) => {
    expect(callStatusOf({ answeredAt: null, endReason })).toBe(status);
  });

  it.each(['ended', 'disconnected', 'rejected', 'no_answer'] as const)(
    'an answered call that ended %s reads as completed',
    (endReason) => {
      expect(callStatusOf({ answeredAt: '2030-01-01T10:00:05.000Z', endReason })).toBe('completed');
    },
  );

  it('an answered call the server lost reads as failed', () => {
    expect(callStatusOf({ answeredAt: '2030-01-01T10:00:05.000Z', endReason: 'failed' })).toBe('failed');
  });

  it('counts the seconds from the first answer to the end, rounded, none when unanswered', () => {
    expect(callDurationSeconds({ answeredAt: null, endedAt: '2030-01-01T10:01:00.000Z' })).toBeNull();
    expect(
      callDurationSeconds({ answeredAt: '2030-01-01T10:00:05.000Z', endedAt: '2030-01-01T10:01:07.499Z' }),
    ).toBe(62);
    expect(
      callDurationSeconds({ answeredAt: '2030-01-01T10:00:05.000Z', endedAt: '2030-01-01T10:01:07.500Z' }),
    ).toBe(63);
    expect(
      callDurationSeconds({ answeredAt: '2030-01-01T10:00:05.000Z', endedAt: '2030-01-01T10:00:04.000Z' }),
    ).toBe(0);
  });

  it('lists each joined user once, in the order they first joined', () => {
    const at = (s: number) => `2030-01-01T10:00:${String(s).padStart(2, '0')}.000Z`;
    expect(
      joinedUserIds({
        participations: [
          { userId: cy, deviceId: 'c'.repeat(16), joinedAt: at(9), leftAt: at(30) },
          { userId: ana, deviceId: 'a'.repeat(16), joinedAt: at(0), leftAt: at(30) },
          { userId: ben, deviceId: 'b'.repeat(16), joinedAt: at(5), leftAt: at(8) },
          { userId: ben, deviceId: 'b'.repeat(16), joinedAt: at(12), leftAt: at(30) },
        ],
      }),
    ).toEqual([ana, ben, cy]);
  });

  it('describes a missed call for its message', () => {
    expect(callMessageInfoOf(ended())).toEqual({
      callId: '64b7f0c2a1b2c3d4e5f607ff',
      type: 'video',
      status: 'missed',
      endReason: 'no_answer',
      durationSeconds: null,
      participantIds: [ana],
      missedUserIds: [ben],
    });
  });

  it('describes a completed call with its duration and everyone who joined', () => {
    const info = callMessageInfoOf(
      ended({
        type: 'audio',
        answeredAt: '2030-01-01T10:00:10.000Z',
        endedAt: '2030-01-01T10:02:10.000Z',
        endReason: 'ended',
        endedBy: ben,
        missedUserIds: [],
        participations: [
          {
            userId: ana,
            deviceId: 'a'.repeat(16),
            joinedAt: '2030-01-01T10:00:00.000Z',
            leftAt: '2030-01-01T10:02:10.000Z',
          },
          {
            userId: ben,
            deviceId: 'b'.repeat(16),
            joinedAt: '2030-01-01T10:00:10.000Z',
            leftAt: '2030-01-01T10:02:10.000Z',
          },
        ],
      }),
    );
    expect(info).toMatchObject({
      type: 'audio',
      status: 'completed',
      durationSeconds: 120,
      participantIds: [ana, ben],
    });
  });
});
