import { RunningService, startFerretDb, startRedis } from './local-services';

declare global {
  var __PARLEY_SERVICES__: RunningService[] | undefined;
}

/** Starts FerretDB and redis-server once for the e2e run, unless MONGODB_URI / REDIS_URL point elsewhere. */
export default async function globalSetup(): Promise<void> {
  const services: RunningService[] = [];
  if (!process.env.MONGODB_URI) {
    const ferret = await startFerretDb();
    services.push(ferret);
    process.env.PARLEY_TEST_MONGODB_URI = ferret.url;
  } else {
    process.env.PARLEY_TEST_MONGODB_URI = process.env.MONGODB_URI;
  }
  if (!process.env.REDIS_URL) {
    const redis = await startRedis();
    services.push(redis);
    process.env.PARLEY_TEST_REDIS_URL = redis.url;
  } else {
    process.env.PARLEY_TEST_REDIS_URL = process.env.REDIS_URL;
  }
  globalThis.__PARLEY_SERVICES__ = services;
}
