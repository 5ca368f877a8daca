import type { CallJoinAck, CallRefAck } from '../../src/calls/call-events';
import { MessageType, type MessageResponse } from '../../src/realtime/server-events';
import { bearer, registerUser } from '../support/builders';
import { directConversation } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { ackData, closeSockets, connectChat, nextEvent } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

/** A real call over sockets, from its invite to its end, and what history keeps of it. */
describe('Calls: history of a real call', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await t.close();
  });

  it('records an answered call ended by the caller, with its call message in the conversation', async () => {
    const [ana, ben] = [await registerUser(t), await registerUser(t)];
    const chat = await directConversation(t, ana, ben);
    const [anaSocket, benSocket] = [await connectChat(t, ana), await connectChat(t, ben)];
    const ringing = nextEvent<{ callId: string }>(benSocket, 'incoming_call');

    const invited = await ackData<CallJoinAck>(anaSocket, 'call_invite', {
      conversationId: chat,
      type: 'audio',
    });
    const { callId } = invited.call;
    expect((await ringing).callId).toBe(callId);
    await ackData<CallJoinAck>(benSocket, 'call_accept', { callId });
    const ended = nextEvent<{ callId: string; reason: string; durationSeconds: number | null }>(
      benSocket,
      'call_ended',
    );
    const posted = nextEvent<MessageResponse>(benSocket, 'new_message');
    await ackData<CallRefAck>(anaSocket, 'call_end', { callId });
    const event = await ended;
    expect(event).toMatchObject({ callId, reason: 'ended' });

    const message = await posted;
    expect(message).toMatchObject({
      conversationId: chat,
      senderId: ana.id,
      type: MessageType.Call,
      call: {
        callId,
        type: 'audio',
        status: 'completed',
        endReason: 'ended',
        durationSeconds: event.durationSeconds,
        participantIds: [ana.id, ben.id],
        missedUserIds: [],
      },
    });
    await eventually(async () => {
      const res = await t
        .http()
        .get(`/api/v1/conversations/${chat}/calls`)
        .set(...bearer(ben));
      expect(res.body.items).toEqual([
        expect.objectContaining({
          callId,
          direction: 'incoming',
          missed: false,
          status: 'completed',
          endedBy: ana.id,
          invitedUserIds: [ben.id],
          participants: [
            expect.objectContaining({ userId: ana.id }),
            expect.objectContaining({ userId: ben.id }),
          ],
          messageId: message.id,
        }),
      ]);
    });
  });
});
