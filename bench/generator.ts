/**
 * A load-generator process (pinned to its own core by the harness). Senders and receivers live here, so one
 * clock measures send -> ack and send -> new_message. Sends are open-loop: each message has an intended send
 * time and latency is measured from it, so a stalled server (or a late generator) cannot hide delay.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LeanClient } from './lean-client';
import {
  ClientSpec,
  ConnectResult,
  ConversationSpec,
  GeneratorCommand,
  IpcEnvelope,
  LoadResult,
  LoadSpec,
} from './protocol';
import { searchLoad } from './search-load';
import { newHistogram, summarize } from './stats';

interface Sent {
  conversationId: string;
  clientMessageId: string;
  answered: boolean;
  intended: number;
  senderId: string;
  recipients: string[];
  received: Set<string>;
  acked: boolean;
}

const CONTENT = 'benchmark message '.padEnd(120, 'x');
const STORM_QUIET_MS = 2000;
const clients: LeanClient[] = [];
const byUser = new Map<string, { client: LeanClient; spec: ClientSpec }>();
const inFlight = new Map<string, Sent>();
let onDeliver: (userId: string, payload: { clientMessageId?: string; senderId?: string }) => void = () => {};

function makeClient(spec: ClientSpec): LeanClient {
  return new LeanClient({
    url: spec.url,
    namespace: '/chat',
    auth: { token: spec.token },
    onEvent: (event, payload) => {
      if (event === 'new_message') {
        onDeliver(spec.userId, payload as { clientMessageId?: string });
      }
    },
  });
}

async function runPool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await task(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function connect(specs: ClientSpec[], concurrency: number): Promise<ConnectResult> {
  const started = Date.now();
  let failed = 0;
  let firstError: string | undefined;
  await runPool(specs, concurrency, async (spec) => {
    const client = makeClient(spec);
    try {
      await client.connect(120_000);
      clients.push(client);
      if (!byUser.has(spec.userId)) {
        byUser.set(spec.userId, { client, spec });
      }
    } catch (error) {
      failed += 1;
      firstError ??= (error as Error).message;
    }
  });
  return { connected: specs.length - failed, failed, firstError, elapsedMs: Date.now() - started };
}

function disconnect(): void {
  clients.splice(0).forEach((client) => client.close());
  byUser.clear();
}

/** Every socket drops at once and reconnects (fresh sockets, same users). */
async function storm(): Promise<void> {
  const users = [...byUser.values()];
  users.forEach(({ client }) => client.kill());
  clients.length = 0;
  byUser.clear();
  await connect(
    users.map(({ spec }) => spec),
    200,
  );
}

async function syncAll(
  apiUrl: string,
  token: string,
  since?: string,
): Promise<{ cursor: string; ids: string[] }> {
  const ids: string[] = [];
  let cursor = since;
  for (;;) {
    const query = cursor ? `?since=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(`${apiUrl}/api/v1/sync${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as {
      messages: Array<{ clientMessageId: string }>;
      cursor: string;
      hasMore: boolean;
    };
    ids.push(...body.messages.map((message) => message.clientMessageId));
    cursor = body.cursor;
    if (!body.hasMore) {
      return { cursor, ids };
    }
  }
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const ackHistogram = newHistogram();
  const deliverHistogram = newHistogram();
  const lateness = newHistogram();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const counts = {
    resent: 0,
    acked: 0,
    errorAcks: 0,
    delivered: 0,
    duplicates: 0,
    unexpected: 0,
    expected: 0,
  };
  let firstErrorAck: string | undefined;
  inFlight.clear();
  const cursors = new Map<string, string>();
  if (spec.stormAtMs !== undefined && spec.apiUrl) {
    const apiUrl = spec.apiUrl;
    await runPool([...byUser.values()], 20, async ({ spec: client }) => {
      cursors.set(client.userId, (await syncAll(apiUrl, client.token)).cursor);
    });
  }
  onDeliver = (userId, payload) => {
    const sent = payload.clientMessageId ? inFlight.get(payload.clientMessageId) : undefined;
    if (!sent) {
      counts.unexpected += 1;
      return;
    }
    if (userId === sent.senderId) {
      return; // the sender's own echo (its other devices would get it); not a delivery to a recipient
    }
    if (sent.received.has(userId)) {
      counts.duplicates += 1;
      return;
    }
    sent.received.add(userId);
    counts.delivered += 1;
    deliverHistogram.recordValue(Math.max(1, Math.round((performance.now() - sent.intended) * 1000)));
  };
  // Recipients are fixed at the start: a socket dropped by the storm still owes its user every message.
  const present = new Set(byUser.keys());
  const convs: ConversationSpec[] = spec.conversations.filter((c) =>
    c.memberIds.some((id) => present.has(id)),
  );
  const total = Math.round((spec.rate * spec.durationMs) / 1000);
  const interval = 1000 / spec.rate;
  loopDelay.enable();
  const start = performance.now() + 20;
  let index = 0;
  let stormDone = spec.stormAtMs === undefined;
  let storming: Promise<void> | undefined;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      if (!stormDone && now - start >= (spec.stormAtMs ?? 0)) {
        stormDone = true;
        storming = storm().then(resendUnanswered);
      }
      while (index < total && start + index * interval <= now) {
        sendOne(convs[index % convs.length], start + index * interval, now);
        index += 1;
      }
      if (index < total) {
        setTimeout(tick, 1);
      } else {
        done();
      }
    };
    tick();
  });
  await storming;

  function sendOne(conversation: ConversationSpec, intended: number, now: number): void {
    const senders = conversation.memberIds.filter((id) => byUser.get(id)?.client.connected);
    if (senders.length === 0) {
      return;
    }
    const senderId = senders[Math.floor(Math.random() * senders.length)];
    const clientMessageId = randomUUID();
    const recipients = conversation.memberIds.filter((id) => id !== senderId && present.has(id));
    const sent: Sent = {
      conversationId: conversation.id,
      clientMessageId,
      answered: false,
      intended,
      senderId,
      recipients,
      received: new Set(),
      acked: false,
    };
    inFlight.set(clientMessageId, sent);
    lateness.recordValue(Math.max(1, Math.round((now - intended) * 1000)));
    emitSend(sent);
  }

  /** Sends (or, after a reconnect, resends with the same clientMessageId, as a real client must). */
  function emitSend(sent: Sent): void {
    const payload = {
      conversationId: sent.conversationId,
      clientMessageId: sent.clientMessageId,
      content: CONTENT,
    };
    byUser.get(sent.senderId)?.client.emit('send_message', payload, (ack) => {
      if (sent.answered) {
        return;
      }
      const result = ack as { ok: boolean; error?: { code: string; message: string } };
      sent.answered = true;
      ackHistogram.recordValue(Math.max(1, Math.round((performance.now() - sent.intended) * 1000)));
      if (result.ok) {
        sent.acked = true;
        counts.acked += 1;
        counts.expected += sent.recipients.length;
      } else {
        counts.errorAcks += 1;
        firstErrorAck ??= `${result.error?.code}: ${result.error?.message}`;
      }
    });
  }

  /** After the storm: every send whose ack died with its socket goes out again on the new socket. */
  function resendUnanswered(): void {
    for (const sent of inFlight.values()) {
      if (!sent.answered) {
        counts.resent += 1;
        emitSend(sent);
      }
    }
  }

  const sendEnd = performance.now();
  const drainDeadline = sendEnd + spec.drainMs;
  let lastDelivered = { count: counts.delivered, at: performance.now() };
  const waiting = () => {
    if (counts.acked + counts.errorAcks < inFlight.size) {
      return true;
    }
    if (counts.delivered !== lastDelivered.count) {
      lastDelivered = { count: counts.delivered, at: performance.now() };
    }
    // After a storm, what a dropped socket missed never comes live (it is recovered through /sync below):
    // stop once every ack is in and deliveries have gone quiet.
    const quiet = spec.stormAtMs !== undefined && performance.now() - lastDelivered.at > STORM_QUIET_MS;
    return counts.delivered < counts.expected && !quiet;
  };
  while (performance.now() < drainDeadline && waiting()) {
    await new Promise((done) => setTimeout(done, 10));
  }
  const elapsedMs = performance.now() - start;
  loopDelay.disable();
  let recovered = 0;
  if (spec.stormAtMs !== undefined && spec.apiUrl) {
    recovered = await recoverBySync(spec.apiUrl, cursors);
  }
  const lostDeliveries = [...inFlight.values()]
    .filter((sent) => sent.acked)
    .reduce((sum, sent) => sum + sent.recipients.filter((id) => !sent.received.has(id)).length, 0);
  return {
    offeredRate: spec.rate,
    sent: inFlight.size,
    acked: counts.acked,
    errorAcks: counts.errorAcks,
    firstErrorAck,
    lostAcks: inFlight.size - counts.acked - counts.errorAcks,
    expectedDeliveries: counts.expected,
    delivered: counts.delivered + recovered,
    duplicates: counts.duplicates,
    lostDeliveries,
    unexpectedDeliveries: counts.unexpected,
    recoveredBySync: recovered,
    resentAfterReconnect: counts.resent,
    elapsedMs: Math.round(elapsedMs),
    deliveriesPerSec: Math.round((counts.delivered * 1000) / (sendEnd - start)),
    ack: summarize(ackHistogram),
    deliver: summarize(deliverHistogram),
    sendLatenessP99Ms: summarize(lateness).p99,
    generatorLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e4) / 100,
  };
}

/** After a storm: what a recipient missed live must come back through /sync, exactly once per message. */
async function recoverBySync(apiUrl: string, cursors: Map<string, string>): Promise<number> {
  const missing = new Map<string, Set<string>>();
  for (const [clientMessageId, sent] of inFlight) {
    for (const userId of sent.acked ? sent.recipients.filter((id) => !sent.received.has(id)) : []) {
      missing.set(userId, (missing.get(userId) ?? new Set()).add(clientMessageId));
    }
  }
  let recovered = 0;
  await runPool([...missing], 20, async ([userId, wanted]) => {
    const client = byUser.get(userId)?.spec;
    if (!client) {
      return;
    }
    const { ids } = await syncAll(apiUrl, client.token, cursors.get(userId));
    for (const id of new Set(ids)) {
      const sent = inFlight.get(id);
      if (wanted.has(id) && sent) {
        sent.received.add(userId);
        recovered += 1;
      }
    }
  });
  return recovered;
}

process.on('message', ({ id, body }: IpcEnvelope) => {
  const command = body as GeneratorCommand;
  const reply = (message: unknown) => process.send?.({ id, body: message } satisfies IpcEnvelope);
  const run = async () => {
    if (command.cmd === 'connect') {
      reply({ ok: true, result: await connect(command.clients, command.concurrency) });
    } else if (command.cmd === 'disconnect') {
      disconnect();
      reply({ ok: true });
    } else if (command.cmd === 'search') {
      reply({ ok: true, result: await searchLoad(command.spec) });
    } else {
      reply({ ok: true, result: await load(command.spec) });
    }
  };
  run().catch((error: unknown) => reply({ ok: false, error: String((error as Error)?.stack ?? error) }));
});
