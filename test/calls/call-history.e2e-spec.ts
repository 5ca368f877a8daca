import { getQueueToken } from '@nestjs/bullmq';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Queue } from 'bullmq';
import { Types } from 'mongoose';
import { CallEndedEvent, CallsDomainEvent, EndedCall } from '../../src/calls/calls.events';
import { CallHistoryService } from '../../src/calls/history/call-history.service';
import { QueueName } from '../../src/common/queue/jobs';
import { MessageType, type MessageResponse } from '../../src/realtime/server-events';
import { bearer, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { eventuallyInbox, inboxIdle, inboxOf } from '../support/inbox';
import { collect, connectChat, emitWithAck, nextEvent, noEvent } from '../support/socket-client';
import { users, webPushHarness } from '../support/web-push-harness';

/**
 * Call history through the real app, driven across its real boundary with the call core: the
 * `calls.ended` domain event, emitted here as the instance whose state change ended a call emits it.
 */
describe('Calls: history', () => {
  const h = webPushHarness();

  const device = (user: RegisteredUser) => user.id.slice(-16);
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

  /** An ended call of `initiator` in the conversation; by default a direct call nobody answered. */
  function ended(
    conversationId: string,
    initiator: RegisteredUser,
    invited: RegisteredUser[],
    overrides: Partial<EndedCall> = {},
  ): EndedCall {
    return {
      callId: new Types.ObjectId().toHexString(),
      conversationId,
      kind: invited.length > 1 ? 'group' : 'direct',
      type: 'video',
      initiatorId: initiator.id,
      createdAt: at(60),
      answeredAt: null,
      endedAt: at(15),
      endReason: 'no_answer',
      endedBy: null,
      invitedUserIds: invited.map((user) => user.id),
      rejectedUserIds: [],
      missedUserIds: invited.map((user) => user.id),
      participations: [
        { userId: initiator.id, deviceId: device(initiator), joinedAt: at(60), leftAt: at(15) },
      ],
      ...overrides,
    };
  }

  const endCall = (call: EndedCall) =>
    h.t.app.get(EventEmitter2).emit(CallsDomainEvent.Ended, { call } satisfies CallEndedEvent);

  async function recorded(callId: string): Promise<void> {
    const queue = h.t.app.get<Queue>(getQueueToken(QueueName.CallHistory), { strict: false });
    await eventually(async () => expect(await queue.getJobState(`record-${callId}`)).toBe('completed'));
  }

  const get = async (user: RegisteredUser, path: string, query: Record<string, string> = {}) =>
    h.t
      .http()
      .get(`/api/v1${path}`)
      .query(query)
      .set(...bearer(user));

  async function timeline(user: RegisteredUser, conversationId: string): Promise<MessageResponse[]> {
    const res = await get(user, `/conversations/${conversationId}/messages`);
    expect(res.status).toBe(200);
    return res.body.items as MessageResponse[];
  }

  it('records a missed direct call: the record, a call message with a seq everywhere, a missed_call entry and a Web Push to the offline callee', async () => {
    const [ana, ben] = await users(h.t, 2);
    const chat = await directConversation(h.t, ana, ben);
    const hello = await sendText(h.t, ana, chat, 'call me');
    const phone = await h.subscribe(ben);
    const { cursor } = (await get(ben, '/sync')).body as { cursor: string };
    const anaSocket = await connectChat(h.t, ana);
    const live = nextEvent<MessageResponse>(anaSocket, 'new_message');

    const call = ended(chat, ana, [ben]);
    endCall(call);

    const message = await live;
    expect(message).toMatchObject({
      conversationId: chat,
      seq: hello.seq + 1,
      senderId: ana.id,
      clientMessageId: `call:${call.callId}`,
      type: 'call',
      content: null,
      attachments: [],
      call: {
        callId: call.callId,
        type: 'video',
        status: 'missed',
        endReason: 'no_answer',
        durationSeconds: null,
        participantIds: [ana.id],
        missedUserIds: [ben.id],
      },
    });
    await recorded(call.callId);

    expect((await timeline(ben, chat)).map((m) => [m.seq, m.type])).toEqual([
      [hello.seq, 'text'],
      [message.seq, 'call'],
    ]);
    const sync = (await get(ben, '/sync', { since: cursor })).body as { messages: MessageResponse[] };
    expect(sync.messages.find((m) => m.id === message.id)).toEqual(message);
    // A missed call is unread for the callee; the initiator's own entry is not.
    expect((await get(ben, `/conversations/${chat}`)).body.unreadCount).toBe(2);
    expect((await get(ana, `/conversations/${chat}`)).body.unreadCount).toBe(0);

    const calls = (await get(ben, '/calls')).body;
    expect(calls).toEqual({
      items: [
        {
          callId: call.callId,
          conversationId: chat,
          kind: 'direct',
          type: 'video',
          initiatorId: ana.id,
          direction: 'incoming',
          missed: true,
          status: 'missed',
          startedAt: call.createdAt,
          answeredAt: null,
          endedAt: call.endedAt,
          endReason: 'no_answer',
          endedBy: null,
          durationSeconds: null,
          invitedUserIds: [ben.id],
          participants: [call.participations[0]],
          missedUserIds: [ben.id],
          rejectedUserIds: [],
          messageId: message.id,
        },
      ],
      nextCursor: null,
    });

    const [entry] = (await eventuallyInbox(h.t, ben, (inbox) => expect(inbox.items).toHaveLength(1))).items;
    expect(entry).toMatchObject({
      kind: 'missed_call',
      conversationId: chat,
      messageId: message.id,
      actors: [{ id: ana.id, displayName: ana.displayName }],
      count: 1,
      data: { callId: call.callId, media: 'video' },
    });
    await eventually(async () => expect(h.pushService.pushesTo(phone)).toHaveLength(1));
    expect(h.pushService.pushesTo(phone)[0]).toMatchObject({
      payload: {
        type: 'notification',
        notificationId: entry.id,
        kind: 'missed_call',
        conversationId: chat,
        messageId: message.id,
        body: `Missed call from ${ana.displayName}`,
      },
      urgency: 'high',
    });
    // The call message itself queued no message push (nor any inbox job of a message).
    expect(await h.pushJobState(message.id)).toBe('unknown');
  });

  it('stores a call once however often it ends or its job runs: one record, one message, one entry, one push', async () => {
    const [ana, ben] = await users(h.t, 2);
    const chat = await directConversation(h.t, ana, ben);
    const phone = await h.subscribe(ben);
    const anaSocket = await connectChat(h.t, ana);
    const got = collect<MessageResponse>(anaSocket, 'new_message');
    const call = ended(chat, ana, [ben], { type: 'audio', endReason: 'cancelled', endedBy: ana.id });

    endCall(call);
    endCall(call);
    await recorded(call.callId);
    // A retried job runs the same handler again.
    await h.t.app.get(CallHistoryService).record(call);
    endCall(call);
    await inboxIdle(h.t);
    await noEvent(anaSocket, 'no_such_event', 500);

    expect(got).toHaveLength(1);
    expect(got[0].call).toMatchObject({ status: 'cancelled', type: 'audio' });
    expect((await timeline(ana, chat)).filter((m) => m.type === MessageType.Call)).toHaveLength(1);
    expect((await get(ana, `/conversations/${chat}/calls`)).body.items).toHaveLength(1);
    const inbox = await inboxOf(h.t, ben);
    expect(inbox.items.map((item) => [item.kind, item.count])).toEqual([['missed_call', 1]]);
    await eventually(async () => expect(h.pushService.pushesTo(phone)).toHaveLength(1));
    await noEvent(anaSocket, 'no_such_event', 300);
    expect(h.pushService.pushesTo(phone)).toHaveLength(1);
  });

  it('gives missed_call entries and pushes only to group invitees who neither joined nor declined', async () => {
    const [ana, ben, cy, dan] = await users(h.t, 4);
    const group = await groupConversation(h.t, ana, [ben, cy, dan]);
    const phones = new Map(
      await Promise.all([ben, cy, dan].map(async (user) => [user.id, await h.subscribe(user)] as const)),
    );
    const call = ended(group, ana, [ben, cy, dan], {
      answeredAt: at(50),
      endedAt: at(20),
      endReason: 'ended',
      endedBy: ben.id,
      rejectedUserIds: [cy.id],
      missedUserIds: [dan.id],
      participations: [
        { userId: ana.id, deviceId: device(ana), joinedAt: at(60), leftAt: at(20) },
        { userId: ben.id, deviceId: device(ben), joinedAt: at(50), leftAt: at(20) },
      ],
    });

    endCall(call);
    await recorded(call.callId);
    await inboxIdle(h.t);

    const [message] = (await timeline(cy, group)).filter((m) => m.type === MessageType.Call);
    expect(message.call).toMatchObject({
      status: 'completed',
      durationSeconds: 30,
      participantIds: [ana.id, ben.id],
      missedUserIds: [dan.id],
    });
    const missedCalls = (user: RegisteredUser) =>
      inboxOf(h.t, user).then((inbox) => inbox.items.filter((item) => item.kind === 'missed_call'));
    expect(await missedCalls(dan)).toEqual([expect.objectContaining({ conversationId: group, count: 1 })]);
    await eventually(async () => expect(h.pushService.pushesTo(phones.get(dan.id)!)).toHaveLength(1));
    for (const user of [ben, cy]) {
      expect(await missedCalls(user)).toEqual([]);
      expect(h.pushService.pushesTo(phones.get(user.id)!)).toEqual([]);
    }
    const views = await Promise.all(
      [ana, ben, cy, dan].map(async (user) => (await get(user, '/calls')).body.items[0]),
    );
    expect(views.map((view) => [view.direction, view.missed, view.status])).toEqual([
      ['outgoing', false, 'completed'],
      ['incoming', false, 'completed'],
      ['incoming', false, 'completed'],
      ['incoming', true, 'completed'],
    ]);
  });

  it('lists calls newest first in pages, to the people in them and to the conversation’s members only', async () => {
    const [ana, ben, cy, outsider] = await users(h.t, 4);
    const chat = await directConversation(h.t, ana, ben);
    const group = await groupConversation(h.t, ana, [ben, cy]);
    const calls = [
      ended(chat, ana, [ben], { createdAt: at(300), endedAt: at(290) }),
      ended(group, ben, [ana, cy], { createdAt: at(200), endedAt: at(190), missedUserIds: [cy.id] }),
      ended(chat, ben, [ana], {
        createdAt: at(100),
        endedAt: at(90),
        endReason: 'rejected',
        missedUserIds: [],
        rejectedUserIds: [ana.id],
      }),
    ];
    for (const call of calls) {
      endCall(call);
      await recorded(call.callId);
    }

    const first = (await get(ana, '/calls', { limit: '2' })).body;
    expect(first.items.map((item: { callId: string }) => item.callId)).toEqual([
      calls[2].callId,
      calls[1].callId,
    ]);
    expect(
      first.items.map((item: { direction: string; status: string }) => [item.direction, item.status]),
    ).toEqual([
      ['incoming', 'rejected'],
      ['incoming', 'missed'],
    ]);
    const second = (await get(ana, '/calls', { limit: '2', cursor: first.nextCursor })).body;
    expect(
      second.items.map((item: { callId: string; direction: string; missed: boolean }) => [
        item.callId,
        item.direction,
        item.missed,
      ]),
    ).toEqual([[calls[0].callId, 'outgoing', false]]);
    expect(second.nextCursor).toBeNull();

    expect(
      (await get(cy, '/calls')).body.items.map((item: { callId: string; missed: boolean }) => [
        item.callId,
        item.missed,
      ]),
    ).toEqual([[calls[1].callId, true]]);
    expect((await get(outsider, '/calls')).body).toEqual({ items: [], nextCursor: null });
    expect((await get(cy, `/conversations/${chat}/calls`)).status).toBe(404);
    expect((await get(cy, `/conversations/${chat}/calls`)).body.code).toBe('CONVERSATION_NOT_FOUND');
    expect((await get(outsider, `/conversations/${group}/calls`)).body.code).toBe('CONVERSATION_NOT_FOUND');
    expect(
      (await get(outsider, `/conversations/${new Types.ObjectId().toHexString()}/calls`)).body.code,
    ).toBe('CONVERSATION_NOT_FOUND');
    const ofChat = (await get(ben, `/conversations/${chat}/calls`)).body;
    expect(
      ofChat.items.map((item: { callId: string; direction: string }) => [item.callId, item.direction]),
    ).toEqual([
      [calls[2].callId, 'outgoing'],
      [calls[0].callId, 'incoming'],
    ]);
  });

  it('refuses bad list queries with 400', async () => {
    const [ana] = await users(h.t, 1);
    for (const [path, query] of [
      ['/calls', { limit: '0' }],
      ['/calls', { limit: '101' }],
      ['/calls', { limit: 'many' }],
      ['/calls', { cursor: 'not-a-cursor' }],
      ['/calls', { cursor: Buffer.from(JSON.stringify({ t: -1, id: 'x' })).toString('base64url') }],
      ['/calls', { unknown: '1' }],
      ['/conversations/not-an-id/calls', {}],
    ] as const) {
      const res = await get(ana, path, query);
      expect({ path, query, status: res.status, code: res.body.code }).toEqual({
        path,
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await h.t.http().get('/api/v1/calls')).status).toBe(401);
  });

  it('keeps the call message the server’s: nobody sends, edits or deletes one; members may react to it', async () => {
    const [ana, ben] = await users(h.t, 2);
    const group = await groupConversation(h.t, ana, [ben]);
    const call = ended(group, ana, [ben], { kind: 'group' });
    endCall(call);
    await recorded(call.callId);
    const [message] = (await timeline(ana, group)).filter((m) => m.type === MessageType.Call);

    const sent = await h.t
      .http()
      .post(`/api/v1/conversations/${group}/messages`)
      .set(...bearer(ana))
      .send({ type: 'call', content: 'fake', attachments: [] });
    expect({ status: sent.status, code: sent.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const socket = await connectChat(h.t, ana);
    expect(
      await emitWithAck(socket, 'send_message', {
        conversationId: group,
        type: 'call',
        content: '',
        attachments: [{ uploadId: message.id }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const path = `/api/v1/conversations/${group}/messages/${message.id}`;
    for (const user of [ana, ben]) {
      const edited = await h.t
        .http()
        .patch(path)
        .set(...bearer(user))
        .send({ content: 'rewritten' });
      expect({ status: edited.status, code: edited.body.code }).toEqual({
        status: 403,
        code: 'CALL_MESSAGE_READ_ONLY',
      });
      const deleted = await h.t
        .http()
        .delete(path)
        .set(...bearer(user));
      expect({ status: deleted.status, code: deleted.body.code }).toEqual({
        status: 403,
        code: 'CALL_MESSAGE_READ_ONLY',
      });
    }
    expect(
      await emitWithAck(socket, 'edit_message', {
        conversationId: group,
        messageId: message.id,
        content: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CALL_MESSAGE_READ_ONLY' } });
    const reacted = await h.t
      .http()
      .put(`${path}/reactions/${encodeURIComponent('👍')}`)
      .set(...bearer(ben));
    expect(reacted.status).toBe(200);

    const [after] = (await timeline(ana, group)).filter((m) => m.type === MessageType.Call);
    expect(after).toMatchObject({ content: null, deletedAt: null, editedAt: null, call: message.call });
    expect(after.reactions).toEqual([{ emoji: '👍', userIds: [ben.id] }]);
  });
});
