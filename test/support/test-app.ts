import { NestExpressApplication } from '@nestjs/platform-express';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import { Test } from '@nestjs/testing';
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { APP_CONFIG } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';

export interface TestApp {
  readonly app: NestExpressApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** The database this app uses; unique per app unless given. */
  readonly databaseName: string;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** The database server and Redis the e2e global setup started (or MONGODB_URI / REDIS_URL). */
export function testServices(): { mongoBase: string; redisUrl: string } {
  const mongoBase = process.env.PARLEY_TEST_MONGODB_URI ?? process.env.MONGODB_URI;
  const redisUrl = process.env.PARLEY_TEST_REDIS_URL ?? process.env.REDIS_URL;
  if (!mongoBase || !redisUrl) {
    throw new Error('The e2e global setup did not run (no PARLEY_TEST_MONGODB_URI / PARLEY_TEST_REDIS_URL)');
  }
  return { mongoBase, redisUrl };
}

/** A driver connection to the test database server, for tests that set up or read raw documents. */
export function connectTestMongo(): Promise<MongoClient> {
  return MongoClient.connect(testServices().mongoBase);
}

/** Test environment: the harness's FerretDB/MongoDB and Redis, quiet logs, and a dev-grade secret. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const { redisUrl } = testServices();
  const databaseName = overrides.DATABASE_NAME ?? uniqueName('parley_test');
  const { DATABASE_NAME: _ignored, ...rest } = overrides;
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: testMongoUri(databaseName),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: uniqueName('t'),
    JWT_ACCESS_SECRET: 'test-access-secret-that-is-long-enough',
    JOB_BACKOFF_MS: '100',
    // Generous socket limits so behaviour tests are not throttled; limit tests override them.
    SOCKET_HANDSHAKES_PER_MINUTE: '100000',
    SOCKET_EVENTS_PER_SECOND: '100000',
    SOCKET_MESSAGES_PER_MINUTE: '100000',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    FLOOD_MAX_CONVERSATIONS: '100000',
    // No sign-up emails unless a suite runs an SMTP sink for them.
    EMAIL_VERIFY_ON_REGISTER: 'false',
    // No web client, whether or not web/dist was built; test/web gives its own.
    WEB_DIST_DIR: '',
    // The jest process hosts every suite's apps one after another: its heap says nothing about one app's.
    HEALTH_HEAP_LIMIT_MB: '65536',
    ...rest,
  };
}

/** The test database server's URI for one database, with driver options (`monitorCommands`, say) if given. */
export function testMongoUri(databaseName: string, options: Record<string, string> = {}): string {
  const url = new URL(testServices().mongoBase);
  url.pathname = `/${databaseName}`;
  Object.entries(options).forEach(([name, value]) => url.searchParams.set(name, value));
  return url.toString();
}

/** A loopback port free right now, for an app whose own URL must be in its configuration. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the real app on a free loopback port against the real database and Redis. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const env = testEnv(overrides);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(loadConfig(env))
    // ServeStaticModule picks its loader from the HTTP adapter, which a testing module does not have yet when
    // it compiles (it would pick the no-op loader); NestFactory.create has it, and picks this one.
    .overrideProvider(AbstractLoader)
    .useValue(new ExpressLoader())
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  // A free port, unless the test must know the URL before the app starts (PUBLIC_API_URL for OAuth).
  await app.listen(Number(overrides.PORT ?? 0), '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    url: url.replace('[::1]', '127.0.0.1'),
    databaseName: new URL(env.MONGODB_URI).pathname.slice(1),
    http: () => request(url),
    close: () => app.close(),
  };
}

/**
 * Two instances of the app sharing one database and one Redis prefix, as two replicas behind a load
 * balancer: what one changes (caches, rooms, locks, jobs) the other must see.
 */
export async function createTestInstances(
  overrides: Record<string, string> = {},
): Promise<[TestApp, TestApp]> {
  const prefix = overrides.REDIS_KEY_PREFIX ?? uniqueName('t');
  const a = await createTestApp({ ...overrides, REDIS_KEY_PREFIX: prefix });
  const b = await createTestApp({ ...overrides, DATABASE_NAME: a.databaseName, REDIS_KEY_PREFIX: prefix });
  return [a, b];
}
