import { getConnectionToken } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { MessageInsertsRepository } from '../../src/messages/message-inserts.repository';
import { bearer, registerUser } from '../support/builders';
import { groupConversation, sendText, textMessageBuilder } from '../support/chat-builders';
import { connectChat, nextEvent } from '../support/socket-client';
import { createTestApp, TestApp, testMongoUri, uniqueName } from '../support/test-app';

interface Stored {
  id: string;
  seq: number;
  clientMessageId: string;
}

/** Two instances of the app on one database and one Redis, as in production behind the load balancer. */
describe('Sending through several instances', () => {
  let a: TestApp;
  let b: TestApp;
  let uri: string;

  const refusedInserts: string[] = [];
  /** The `find`s app `b` sent to the conversations collection, with their projections. */
  const conversationReadsOfB: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const prefix = uniqueName('t');
    // The driver reports each app's commands, so a test can tell a send that collided with another instance's.
    uri = testMongoUri(uniqueName('parley_test'), { monitorCommands: 'true' });
    a = await createTestApp({ MONGODB_URI: uri, REDIS_KEY_PREFIX: prefix });
    b = await createTestApp({ MONGODB_URI: uri, REDIS_KEY_PREFIX: prefix });
    for (const app of [a, b]) {
      const client = app.app.get<Connection>(getConnectionToken()).getClient();
      client.on('commandSucceeded', (event: CommandSucceededEvent) => {
        if (event.commandName === 'insert' && (event.reply as { writeErrors?: unknown }).writeErrors) {
          refusedInserts.push(JSON.stringify(event.reply));
        }
      });
      client.on('commandFailed', (event: CommandFailedEvent) => {
        if (event.commandName === 'insert') {
          refusedInserts.push(event.failure.message);
        }
      });
    }
    b.app
      .get<Connection>(getConnectionToken())
      .getClient()
      .on('commandStarted', (event: CommandStartedEvent) => {
        if (event.commandName === 'find' && event.command.find === 'conversations') {
          conversationReadsOfB.push((event.command.projection as Record<string, unknown>) ?? {});
        }
      });
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('numbers messages 1..N without gap or repeat, and stores a clientMessageId sent to both once', async () => {
    const members = await Promise.all(Array.from({ length: 4 }, () => registerUser(a)));
    const [owner, ...rest] = members;
    const conversationId = await groupConversation(a, owner, rest);
    const clientIds = Array.from({ length: 40 }, () => randomUUID());
    const send = (app: TestApp, i: number) =>
      app
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(members[i % members.length]))
        .send({ content: `m${i}`, clientMessageId: clientIds[i] });
    // Every message goes to both instances at once: the instances race for seqs and for the clientMessageId.
    const responses = await Promise.all(clientIds.flatMap((_, i) => [send(a, i), send(b, i)]));
    expect(responses.filter((response) => response.status !== 201).map((r) => r.body)).toEqual([]);
    const stored = responses.map((response) => response.body as Stored);
    for (let i = 0; i < clientIds.length; i += 1) {
      expect(stored[2 * i + 1].id).toBe(stored[2 * i].id);
    }
    const history = await b
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages?limit=100`)
      .set(...bearer(owner));
    expect(history.body.items.map((m: Stored) => m.seq)).toEqual(clientIds.map((_, i) => i + 1));
    expect(new Set(history.body.items.map((m: Stored) => m.clientMessageId))).toEqual(new Set(clientIds));
  });

  it('keeps every conversation gapless when the sends of many conversations share insert rounds on both instances', async () => {
    const members = await Promise.all(Array.from({ length: 3 }, () => registerUser(a)));
    const [owner, ...rest] = members;
    const conversationIds = await Promise.all(
      Array.from({ length: 6 }, () => groupConversation(a, owner, rest)),
    );
    const perConversation = 8;
    const sends = conversationIds.flatMap((conversationId, c) =>
      Array.from({ length: perConversation }, (_, i) => ({
        conversationId,
        app: (c + i) % 2 === 0 ? a : b,
        sender: members[i % members.length],
        clientMessageId: randomUUID(),
      })),
    );
    // All at once, alternating instances: each instance stores several conversations per round, and the
    // instances collide on seqs inside those rounds.
    const responses = await Promise.all(
      sends.map(({ conversationId, app, sender, clientMessageId }) =>
        app
          .http()
          .post(`/api/v1/conversations/${conversationId}/messages`)
          .set(...bearer(sender))
          .send({ content: 'm', clientMessageId }),
      ),
    );
    expect(responses.filter((response) => response.status !== 201).map((r) => r.body)).toEqual([]);
    for (const conversationId of conversationIds) {
      const history = await a
        .http()
        .get(`/api/v1/conversations/${conversationId}/messages?limit=100`)
        .set(...bearer(owner));
      expect(history.body.items.map((m: Stored) => m.seq)).toEqual(
        Array.from({ length: perConversation }, (_, i) => i + 1),
      );
      const sent = sends
        .filter((send) => send.conversationId === conversationId)
        .map((s) => s.clientMessageId);
      expect(new Set(history.body.items.map((m: Stored) => m.clientMessageId))).toEqual(new Set(sent));
    }
  });

  it('takes the next seq at once for a reply through the other instance, without colliding', async () => {
    const members = await Promise.all(Array.from({ length: 2 }, () => registerUser(a)));
    const conversationId = await groupConversation(a, members[0], [members[1]]);
    refusedInserts.length = 0;
    // Each send goes through the instance that did not store the one before (as replies do behind a load
    // balancer). Each instance hears of the other's seqs, so none of its inserts is refused for a taken seq.
    const seqs: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const response = await (i % 2 === 0 ? a : b)
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(members[i % 2]))
        .send({ content: `m${i}` });
      expect(response.status).toBe(201);
      seqs.push((response.body as Stored).seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(refusedInserts).toEqual([]);
  });

  it('lets a member who comes online through an instance send there without reading the conversation first', async () => {
    const [sender, member] = await Promise.all([registerUser(a), registerUser(a)]);
    const conversationId = await groupConversation(a, sender, [member]);
    for (let i = 0; i < 3; i += 1) {
      await sendText(a, sender, conversationId, `m${i}`);
    }
    // `b` has not numbered this conversation. The member's connect reads what is recorded on it (for the
    // delivered catch-up, which the sender sees), and `b` keeps those seqs as its floors.
    const senderSocket = await connectChat(a, sender);
    const caughtUp = nextEvent(senderSocket, 'messages_delivered');
    await connectChat(b, member);
    expect(await caughtUp).toEqual({ conversationId, userIds: [member.id], upToSeq: 3 });
    conversationReadsOfB.length = 0;
    refusedInserts.length = 0;
    expect((await sendText(b, member, conversationId, 'reply')).seq).toBe(4);
    expect(refusedInserts).toEqual([]);
    expect(conversationReadsOfB.filter((projection) => 'lastSeq' in projection)).toEqual([]);
  });

  it('continues a conversation’s numbering on an instance started later, without the shared seq hint', async () => {
    const members = await Promise.all(Array.from({ length: 3 }, () => registerUser(a)));
    const [owner, ...rest] = members;
    const conversationId = await groupConversation(a, owner, rest);
    const send = (app: TestApp, i: number) =>
      app
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(members[i % members.length]))
        .send({ content: `m${i}`, clientMessageId: randomUUID() });
    for (let i = 0; i < 5; i += 1) {
      expect((await send(a, i)).status).toBe(201);
    }
    // Another Redis prefix: no seq hint, so the new instance starts from the seq recorded on the conversation.
    const late = await createTestApp({ DATABASE_NAME: a.databaseName, REDIS_KEY_PREFIX: uniqueName('t') });
    try {
      const responses = await Promise.all(Array.from({ length: 4 }, (_, i) => send(late, 5 + i)));
      expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
      expect(responses.map((response) => (response.body as Stored).seq).sort((x, y) => x - y)).toEqual([
        6, 7, 8, 9,
      ]);
    } finally {
      await late.close();
    }
  });

  // One insert round carries the sends of many conversations. A send that collides with another instance's
  // seq must leave the sends after it untried and retried as new messages: none stored twice, none taken for
  // a resend (which is not announced, so its recipients would not get it live).
  it('stores a round of more than 100 messages behind a seq conflict as new messages, once each', async () => {
    const [owner, member] = await Promise.all([registerUser(a), registerUser(a)]);
    const [contested, busy] = await Promise.all([
      groupConversation(a, owner, [member]),
      groupConversation(a, owner, [member]),
    ]);
    await sendText(a, owner, contested, 'first');
    await sendText(a, owner, busy, 'first');
    // An instance sharing neither hints nor announcements with `a` takes seq 2: `a` still numbers from 1.
    const other = await createTestApp({ MONGODB_URI: uri, REDIS_KEY_PREFIX: uniqueName('t') });
    try {
      expect((await sendText(other, member, contested, 'second')).seq).toBe(2);
    } finally {
      await other.close();
    }
    const repository = a.app.get(MessageInsertsRepository, { strict: false });
    const insert = (conversationId: string) =>
      repository.insertWithNextSeq(conversationId, textMessageBuilder(a, conversationId, owner.id), () =>
        Promise.resolve(0),
      );
    // Written in one tick, so they share a round: the colliding send first, then 150 into another conversation.
    const results = await Promise.all([
      insert(contested),
      ...Array.from({ length: 150 }, () => insert(busy)),
    ]);

    expect(results.filter((result) => !result.inserted)).toEqual([]);
    expect(results[0].record.seq).toBe(3);
    expect(results.slice(1).map((result) => result.record.seq)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 2),
    );
    const messages = a.app.get<Connection>(getConnectionToken()).collection('messages');
    expect(await messages.countDocuments({ conversationId: new Types.ObjectId(busy) })).toBe(151);
  });

  // The seq recorded on a conversation lags behind what is stored while recordings are in flight, or for
  // good when an instance stopped between an insert and its recording; an instance without the shared hint
  // starts from it. A taken seq is stepped past; the highest stored seq is looked up only when stepping does
  // not find a free one soon (the lookup holds up every conversation of the insert round).
  it.each([
    ['one behind: the next seq is free', 1, 0],
    ['five behind: looked up once after three steps', 5, 1],
  ])(
    'numbers past stored messages the conversation has not recorded, %s',
    async (_, behind, expectedLookups) => {
      const [owner, member] = await Promise.all([registerUser(a), registerUser(a)]);
      const conversationId = await groupConversation(a, owner, [member]);
      for (let i = 0; i < 12; i += 1) {
        await sendText(a, owner, conversationId, `m${i}`);
      }
      await a.app
        .get<Connection>(getConnectionToken())
        .collection('conversations')
        .updateOne({ _id: new Types.ObjectId(conversationId) }, { $set: { lastSeq: 12 - behind } });
      const late = await createTestApp({ MONGODB_URI: uri, REDIS_KEY_PREFIX: uniqueName('t') });
      const lookups: unknown[] = [];
      late.app
        .get<Connection>(getConnectionToken())
        .getClient()
        .on('commandStarted', (event: CommandStartedEvent) => {
          if (event.commandName === 'find' && event.command.find === 'messages' && event.command.sort) {
            lookups.push(event.command.filter);
          }
        });
      try {
        expect((await sendText(late, member, conversationId, 'late')).seq).toBe(13);
        expect(lookups).toHaveLength(expectedLookups);
      } finally {
        await late.close();
      }
    },
  );
});
