/**
 * The search scenario's seeder, a child process on the server's runtime and core: Parley's application
 * context from the measured build (bench/.build/dist, no HTTP server), sending the corpus through
 * `MessagesService.send`, the code REST and the socket both call (membership, flood check, encryption,
 * insert with its seq, pointers, the domain events), so its search indexer indexes them exactly as in the
 * server. HTTP and sockets are left out because the scenario measures the indexer and the queries, not the
 * transport, whose cost per send scenario 1 measures. For a backfill, the live indexing is detached and the
 * re-index job (what `search:reindex` runs) indexes every message. Commands arrive over IPC (see
 * search-seeding.ts).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { IpcEnvelope } from './protocol';
import { BUILD_DIR, ROOT } from './root';
import { buildCorpus, Corpus, messageAt } from './search-corpus';

export type SeederCommand =
  | {
      cmd: 'seed';
      seed: number;
      from: number;
      to: number;
      /** Index = the corpus' conversation number; members[0] is the searcher. */
      conversations: Array<{ id: string; memberIds: string[] }>;
      concurrency: number;
      /** False: the search listener is detached first, for good (the messages wait for the re-index job). */
      live: boolean;
    }
  | { cmd: 'drain' }
  | { cmd: 'reindex' };

export interface SeedResult {
  sent: number;
  failed: number;
  firstError?: string;
  ms: number;
  /** Re-index: messages the job had read at its last progress report (up to a second before it ended). */
  reindexed?: number;
}

interface Sender {
  send(userId: string, conversationId: string, input: object): Promise<unknown>;
}
interface Flushable {
  flush(): Promise<void>;
}
interface Reindex {
  rebuild(report: (progress: { messages: number }) => void): Promise<void>;
}
interface Emitter {
  removeAllListeners(event: string): unknown;
}

const dist = (path: string) => join(ROOT, BUILD_DIR, path);

let app: INestApplicationContext | undefined;
let messages: Sender;
let indexer: Flushable;
let reindex: Reindex;
let detach: () => void;
let detached = false;
let corpus: Corpus | undefined;

async function boot(): Promise<void> {
  const { NestFactory } = await import('@nestjs/core');
  const { loadConfig } = await import(dist('config/load-config.js'));
  const { AppModule } = await import(dist('app.module.js'));
  const { MessagesService } = await import(dist('messages/messages.service.js'));
  const { SearchIndexer } = await import(dist('search/indexing/search-indexer.js'));
  const { SearchReindexService } = await import(dist('search/indexing/search-reindex.service.js'));
  const { MessagesDomainEvent } = await import(dist('messages/messages.events.js'));
  const { EventEmitter2 } = await import('@nestjs/event-emitter');
  loadConfig(process.env);
  const context = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  app = context;
  messages = context.get<Sender>(MessagesService);
  indexer = context.get<Flushable>(SearchIndexer);
  reindex = context.get<Reindex>(SearchReindexService);
  detach = () => context.get<Emitter>(EventEmitter2).removeAllListeners(MessagesDomainEvent.TextChanged);
}

async function seed(command: Extract<SeederCommand, { cmd: 'seed' }>): Promise<SeedResult> {
  if (corpus?.seed !== command.seed) {
    corpus = buildCorpus(command.seed);
  }
  if (command.live && detached) {
    throw new Error('live indexing was detached by an earlier backfill');
  }
  if (!command.live && !detached) {
    detach();
    detached = true;
  }
  const words = corpus;
  let [next, sent, failed] = [command.from, 0, 0];
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (next < command.to) {
      const message = messageAt(words, next++);
      const { id, memberIds } = command.conversations[message.conversation];
      const sender = memberIds[Math.floor(message.sender * memberIds.length)];
      try {
        await messages.send(sender, id, {
          content: message.content,
          attachments: [],
          clientMessageId: randomUUID(),
        });
        sent += 1;
      } catch (error) {
        failed += 1;
        firstError ??= String((error as Error)?.message ?? error);
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  return { sent, failed, firstError, ms: Math.round(performance.now() - started) };
}

/** Writes what the indexer still holds; returns how long that took. */
async function drain(): Promise<SeedResult> {
  const started = performance.now();
  await indexer.flush();
  return { sent: 0, failed: 0, ms: Math.round(performance.now() - started) };
}

/** Runs the re-index job over every message (queued; any instance's worker, this one's or the server's, runs it). */
async function rebuild(): Promise<SeedResult> {
  let reindexed = 0;
  const started = performance.now();
  await reindex.rebuild((progress) => (reindexed = progress.messages));
  return { sent: 0, failed: 0, ms: Math.round(performance.now() - started), reindexed };
}

const ready = boot();
// A failed boot is answered to the first command (and printed by the harness), not an unhandled rejection.
ready.catch(() => undefined);

process.on('message', ({ id, body }: IpcEnvelope) => {
  const command = body as SeederCommand;
  const reply = (message: unknown) => process.send?.({ id, body: message } satisfies IpcEnvelope);
  const run = async () => {
    await ready;
    const result =
      command.cmd === 'seed'
        ? await seed(command)
        : command.cmd === 'drain'
          ? await drain()
          : await rebuild();
    reply({ ok: true, result });
  };
  run().catch((error: unknown) => reply({ ok: false, error: String((error as Error)?.stack ?? error) }));
});

// Managed.stop: a clean close (the indexer's shutdown flush included), as a server would on SIGTERM.
process.once('SIGTERM', () => {
  void (app?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
