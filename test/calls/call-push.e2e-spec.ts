import { callOk, callState, connectDevice } from '../support/calls';
import { directConversation } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { users, webPushHarness } from '../support/web-push-harness';

describe('Incoming calls by Web Push', () => {
  const h = webPushHarness({ CALL_RING_TIMEOUT_SECONDS: '30' });

  it('rings a callee with no socket open on their push devices, briefly and urgently, one topic per call', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const bobPhone = await h.subscribe(bob);
    const caller = await connectDevice(h.t, alice);

    const { call } = await callOk(caller, 'call_invite', { conversationId, type: 'video' });

    expect(call.status).toBe('ringing');
    await eventually(async () => expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1));
    const [push] = h.pushService.pushesTo(bobPhone);
    expect(push).toMatchObject({
      payload: {
        kind: 'incoming_call',
        callId: call.callId,
        conversationId,
        callerName: alice.displayName,
        type: 'video',
        url: `/c/${conversationId}`,
      },
      urgency: 'high',
      topic: call.callId,
    });
    expect(Number(push.ttl)).toBeGreaterThan(0);
    expect(Number(push.ttl)).toBeLessThanOrEqual(30);
    expect(await callState(h.t, call.callId)).toMatchObject({ ringingUserIds: [bob.id] });
  });
});
