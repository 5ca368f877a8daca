import { getConnectionToken } from '@nestjs/mongoose';
import fc from 'fast-check';
import { Db, MongoClient, ObjectId } from 'mongodb';
import { Connection } from 'mongoose';
import { Socket } from 'socket.io-client';
import { generateVAPIDKeys } from 'web-push';
import { CallClientEvent, ClientEvent } from '../../src/realtime/events';
import { sendText } from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { discoverRoutes, discoverSocketEvents } from '../support/fuzz/discovery';
import { callsSettled, CallWorld, joinLiveCall, startCalls } from '../support/fuzz/call-world';
import { SOCKET_EVENT_FUZZ } from '../support/fuzz/event-table';
import {
  checkAck,
  checkNothingStored,
  checkPrototypeClean,
  checkResponse,
  documentCount,
} from '../support/fuzz/checks';
import { httpCaseArb, requestOf } from '../support/fuzz/http-case';
import { hostileFrameJson, hostileString, mutateObject } from '../support/fuzz/hostile';
import { ROUTE_FUZZ } from '../support/fuzz/route-table';
import { adminToken, buildWorld, freshSession, freshUser, World } from '../support/fuzz/world';
import { OAuthStandIn } from '../support/oauth-provider';
import { PushServiceStandIn } from '../support/push-service-stand-in';
import { rawRequest } from '../support/raw-http';
import { SmtpSink } from '../support/smtp-sink';
import { closeSockets, connectChat } from '../support/socket-client';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

/**
 * A bounded property-based fuzz of every REST route and socket event, as a hostile client would try them.
 * The seed is fixed so that a run is repeatable; explore with another one and more runs:
 * FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx jest test/common/fuzz.e2e-spec.ts (a failure prints its seed, path and
 * shrunk counterexample).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 3607);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const fuzzOptions = { seed: SEED, numRuns: RUNS };
const SOCKET_EVENTS: string[] = [...Object.values(ClientEvent), ...Object.values(CallClientEvent)];
const CALL_EVENTS: string[] = Object.values(CallClientEvent);
const SUBJECT = 'mailto:ops@parley.test';

describe('fuzz: every route and socket event, tried as a hostile client', () => {
  const vapid = generateVAPIDKeys();
  const pushService = new PushServiceStandIn({ publicKey: vapid.publicKey, subject: SUBJECT });
  const smtp = new SmtpSink();
  let cloudinary: CloudinaryStandIn;
  let oauth: OAuthStandIn;
  let t: TestApp;
  let mongo: MongoClient;
  let db: Db;
  let shared: World;
  let collections: string[];

  beforeAll(async () => {
    [cloudinary, oauth] = await Promise.all([
      CloudinaryStandIn.start(),
      OAuthStandIn.start(),
      pushService.start(),
    ]);
    t = await createTestApp({
      ...cloudinary.env(),
      ...oauth.env(),
      SMTP_URL: await smtp.start(),
      PUBLIC_API_URL: 'http://127.0.0.1:9',
      OAUTH_ALLOWED_REDIRECTS: 'http://127.0.0.1:5173',
      WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
      WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
      WEB_PUSH_SUBJECT: SUBJECT,
      WEB_PUSH_ENDPOINT_HOSTS: '127.0.0.1',
      UPLOAD_RATE_LIMIT_PER_MINUTE: '100000',
      // Calls: every ICE server kind, so the signed TURN credential is part of what is fuzzed.
      STUN_URLS: 'stun:127.0.0.1:3478',
      TURN_URLS: 'turn:127.0.0.1:3478',
      TURN_SHARED_SECRET: 'fuzz-turn-secret-of-enough-length',
      // The world's live call rings for `me` as long as the suite runs: a timeout would end it, and its
      // record would be written while a refusal is checked.
      CALL_RING_TIMEOUT_SECONDS: '600',
    });
    mongo = await connectTestMongo();
    db = mongo.db(t.databaseName);
    // Every collection the app's models write but four written off the request path, so that they may change
    // while a refusal is checked: audit records (refusals are audited too: a failed sign-in is one), the
    // chunks of an export archive, which its job stores, inbox entries, which jobs make from accepted
    // sends, reactions and membership changes, and search postings, which the indexer writes a moment after
    // accepted sends, edits and deletes.
    collections = Object.values(t.app.get<Connection>(getConnectionToken()).models)
      .map((model) => model.collection.collectionName)
      .filter(
        (name) =>
          !['audit_records', 'account_export_chunks', 'notifications', 'search_postings'].includes(name),
      );
    shared = await buildWorld(t, pushService);
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([mongo.close(), cloudinary.close(), oauth.close(), pushService.close(), smtp.close()]);
  });

  it('has a fuzz entry for exactly the routes the app serves', () => {
    expect(Object.keys(ROUTE_FUZZ).sort()).toEqual(discoverRoutes(t.app).sort());
  });

  it('has a fuzz entry for exactly the socket events the gateways handle, chat and calls', () => {
    expect(Object.keys(SOCKET_EVENT_FUZZ).sort()).toEqual(discoverSocketEvents(t.app).sort());
    expect(Object.keys(SOCKET_EVENT_FUZZ).sort()).toEqual([...SOCKET_EVENTS].sort());
  });

  /** The count to compare a refused request against; retaken only after something may have stored data. */
  function snapshots() {
    let known: number | undefined;
    return {
      before: async () => (known ??= await documentCount(db, collections)),
      settle: async (refused: boolean, what: string, mayDelete?: boolean) => {
        if (!refused) {
          known = undefined;
          return;
        }
        const after = await documentCount(db, collections);
        checkNothingStored(known!, after, what, mayDelete);
        known = after;
      },
      invalidate: () => (known = undefined),
    };
  }

  describe('REST', () => {
    it.each(Object.keys(ROUTE_FUZZ))('%s', async (route) => {
      const spec = ROUTE_FUZZ[route];
      const world = spec.ownWorld ? await buildWorld(t, pushService) : shared;
      const admin = spec.as === 'admin' ? await adminToken(t) : undefined;
      const counts = snapshots();
      await fc.assert(
        fc.asyncProperty(httpCaseArb(spec.shape(world)), async (c) => {
          let valid = admin ?? (spec.as === 'api-key' ? world.serviceKey.key : world.me.accessToken);
          if (spec.as === 'fresh-session' || spec.as === 'fresh-user') {
            valid =
              spec.as === 'fresh-session'
                ? await freshSession(t, world.me)
                : (await freshUser(t)).accessToken;
            counts.invalidate();
          }
          await counts.before();
          const request = requestOf(route, c, { valid, other: world.other.accessToken });
          const res = await rawRequest(t.url, request);
          const what = `${request.method} ${request.path.slice(0, 300)}`;
          checkResponse(res, what);
          checkPrototypeClean(what);
          await counts.settle(res.status >= 400, what, spec.refusalMayDelete);
          if (res.status < 400) {
            await spec.accepted?.({ world, case: c, token: valid, db });
          }
        }),
        fuzzOptions,
      );
    });
  });

  describe('Socket.IO', () => {
    let world: CallWorld;
    let socket: Socket;

    beforeAll(async () => {
      const built = await buildWorld(t, pushService);
      // A connecting member's catch-up writes a delivered-pointer document per conversation with messages
      // pending for them, in the background. Both of the socket's conversations get theirs now, so that
      // none appears while a refused event is checked.
      await sendText(t, built.other, built.direct, 'pending for me');
      socket = await connectChat(t, built.me);
      const pointers = db.collection('delivery_pointers');
      const mine = { _id: { $in: [built.group, built.direct].map((id) => new ObjectId(id)) } };
      await eventually(async () => expect(await pointers.countDocuments(mine)).toBe(2));
      world = await startCalls(t, built, db, collections);
    });

    afterAll(() => closeSockets());

    /** Arguments of an emit: the valid payload, a mutated one, none, several, binary. */
    const argsArb = (valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown[]> =>
      fc.oneof(
        { weight: 4, arbitrary: valid.map((payload) => [payload]) },
        { weight: 6, arbitrary: mutateObject(valid, hostileFrameJson).map((payload) => [payload]) },
        { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
        { weight: 1, arbitrary: fc.tuple(valid, hostileFrameJson) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 32 }).map((bytes) => [Buffer.from(bytes)]) },
        { weight: 1, arbitrary: valid.map((payload) => [{ ...payload, blob: Buffer.from('binary') }]) },
      );

    it.each(SOCKET_EVENTS)('%s', async (event) => {
      if (CALL_EVENTS.includes(event)) {
        await joinLiveCall(socket, world);
      }
      const counts = snapshots();
      await fc.assert(
        fc.asyncProperty(
          argsArb(SOCKET_EVENT_FUZZ[event as keyof typeof SOCKET_EVENT_FUZZ](world)),
          async (args) => {
            await counts.before();
            const ack = (await socket.timeout(5000).emitWithAck(event, ...args)) as { ok: boolean };
            const what = `${event} ${JSON.stringify(args).slice(0, 300)}`;
            checkAck(ack, what);
            checkPrototypeClean(what);
            if (ack.ok && CALL_EVENTS.includes(event)) {
              // It may have ended a call (a hang-up, a busy callee), which history records in the background.
              await callsSettled(t, db, collections);
            }
            await counts.settle(!ack.ok, what);
            expect(socket.connected).toBe(true);
          },
        ),
        fuzzOptions,
      );
    });

    it('answers event names outside the protocol with UNKNOWN_EVENT and changes nothing', async () => {
      const reserved = [
        'connect',
        'connect_error',
        'disconnect',
        'disconnecting',
        'newListener',
        'removeListener',
      ];
      const known = SOCKET_EVENTS;
      const names = fc
        .oneof(hostileString, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
        .filter((name) => !reserved.includes(String(name)) && !known.includes(String(name)));
      const counts = snapshots();
      await fc.assert(
        fc.asyncProperty(names, hostileFrameJson, async (name, payload) => {
          await counts.before();
          const ack = (await socket.timeout(5000).emitWithAck(name as string, payload)) as {
            ok: boolean;
            error?: { code: string };
          };
          checkAck(ack, `event ${String(name)}`);
          expect(ack.error?.code).toBe('UNKNOWN_EVENT');
          await counts.settle(true, `event ${String(name)}`);
        }),
        fuzzOptions,
      );
    });
  });
});
