import type { IncomingCallPayload } from '../../src/realtime/server-events';
import { bearer, registerUser } from '../support/builders';
import { callOk, connectDevice } from '../support/calls';
import { groupConversation } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { closeSockets, nextEvent } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

/** `GET /conversations/:id/calls/active`: what a client opening a conversation shows as "join the call". */
describe('A conversation’s live call', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('shows members the live group call with its participants, and nothing once it ended', async () => {
    const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const conversationId = await groupConversation(t, alice, [bob, carol]);
    const active = (user: typeof alice) =>
      t
        .http()
        .get(`/api/v1/conversations/${conversationId}/calls/active`)
        .set(...bearer(user));

    expect((await active(carol)).body).toEqual({ call: null });

    const [aliceDevice, bobDevice] = await Promise.all([connectDevice(t, alice), connectDevice(t, bob)]);
    const rung = nextEvent<IncomingCallPayload>(bobDevice.socket, 'incoming_call');
    const { call } = await callOk(aliceDevice, 'call_invite', { conversationId, type: 'video' });
    await rung;
    await callOk(bobDevice, 'call_accept', { callId: call.callId });

    // Carol was offline when it rang: the conversation tells her there is a call to join.
    const seen = await active(carol);
    expect(seen.status).toBe(200);
    expect(seen.headers['cache-control']).toBe('no-store');
    expect(seen.body.call).toMatchObject({
      callId: call.callId,
      conversationId,
      status: 'active',
      type: 'video',
    });
    expect(seen.body.call.participants.map((p: { userId: string }) => p.userId).sort()).toEqual(
      [alice.id, bob.id].sort(),
    );
    expect(JSON.stringify(seen.body)).not.toContain('sessionId');

    await callOk(aliceDevice, 'call_end', { callId: call.callId });
    await callOk(bobDevice, 'call_end', { callId: call.callId });
    await eventually(async () => expect((await active(carol)).body).toEqual({ call: null }));
  });

  it('answers 404 to outsiders, as for any conversation they are not in', async () => {
    const [alice, bob, outsider] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const conversationId = await groupConversation(t, alice, [bob]);
    const aliceDevice = await connectDevice(t, alice);
    await connectDevice(t, bob);
    await callOk(aliceDevice, 'call_invite', { conversationId, type: 'audio' });

    const res = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/calls/active`)
      .set(...bearer(outsider));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CONVERSATION_NOT_FOUND');
    expect(JSON.stringify(res.body)).not.toContain(aliceDevice.user.id);
  });
});
