import fc from 'fast-check';
import { ApiKeyScope } from '../../../src/api-keys/api-key.schema';
import { NotifyChannel } from '../../../src/notifications/notify/notify.dto';
import { notifyRequestIdFor } from '../../../src/notifications/notify/notify-requests.repository';
import { eventually } from '../eventually';
import { fixtureId } from './hostile';
import { RouteFuzz } from './route-fuzz';
import { oneOf, user } from './valid-values';

/** The service API: admins' API key routes, and the notify routes services call with a key. */
export const SERVICE_ROUTES: Record<string, RouteFuzz> = {
  'POST /api/v1/admin/api-keys': {
    as: 'admin',
    shape: () => ({
      body: fc.record(
        {
          name: oneOf('billing', 'ci'),
          scopes: fc.constant([ApiKeyScope.NotifySend]),
          expiresAt: oneOf('2999-01-01T00:00:00Z', new Date(Date.now() + 86_400_000).toISOString()),
        },
        { requiredKeys: ['name', 'scopes'] },
      ),
    }),
  },
  'GET /api/v1/admin/api-keys': { as: 'admin', shape: () => ({}) },
  // Revoking the world's key would refuse every later notify request of the shared world.
  'DELETE /api/v1/admin/api-keys/:id': {
    as: 'admin',
    ownWorld: true,
    shape: (w) => ({ params: { id: fixtureId(w.serviceKey.id) } }),
  },
  'POST /api/v1/notify': {
    as: 'api-key',
    shape: (w) => ({
      body: fc.record(
        {
          userIds: fc.array(user(w), { minLength: 1, maxLength: 4 }),
          title: oneOf('Invoice ready', 'Build #42 passed'),
          body: oneOf('', 'Your invoice is ready.\nThanks!'),
          data: fc.record({ invoice: fc.nat(), url: oneOf('https://billing.example.test/i/1') }),
          channels: fc.subarray([NotifyChannel.InApp, NotifyChannel.Push], { minLength: 1 }),
          // A few keys, so resends (202) and reuses with another body (409) are tried too.
          idempotencyKey: oneOf('fuzz-1', 'fuzz-2', 'order:7 shipped'),
        },
        { requiredKeys: ['userIds', 'title', 'body', 'idempotencyKey'] },
      ),
    }),
    // Deliveries store inbox entries in the background: wait for the request to finish before going on.
    accepted: async ({ world, case: c, db }) => {
      const { idempotencyKey } = (c.body as { json: { idempotencyKey: string } }).json;
      const _id = notifyRequestIdFor(world.serviceKey.id, idempotencyKey);
      await eventually(async () => {
        const request = await db.collection('notify_requests').findOne({ _id });
        if (request?.status !== 'completed') {
          throw new Error(`notify request ${_id.toHexString()} is ${String(request?.status)}`);
        }
      }, 20_000);
    },
  },
  'GET /api/v1/notify/:id': {
    as: 'api-key',
    shape: (w) => ({ params: { id: fixtureId(w.myNotifyRequest) } }),
  },
};
