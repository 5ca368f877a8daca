import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { bindRequestContext } from './common/context/request-context';
import { codeBodyParserErrors } from './common/errors/body-parser-errors';
import { assignRequestId } from './common/logging/request-id';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { RedisIoAdapter } from './realtime/redis-io.adapter';
import { contentSecurityPolicy } from './web-client/content-security-policy';

export const API_PREFIX = 'api/v1';

/** Trust-proxy setting as Express understands it: a hop count, or names/addresses. */
function trustProxy(value: string): number | string | boolean {
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** Everything about the HTTP app that main.ts and the test harness must share. */
export function configureApp(app: NestExpressApplication): AppConfig {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.set('trust proxy', trustProxy(config.http.trustProxy));
  app.disable('x-powered-by');
  app.setGlobalPrefix(API_PREFIX);
  app.use(assignRequestId);
  app.use(
    helmet({ contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) } }),
  );
  app.use(compression());
  app.use(cookieParser());
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  app.use(codeBodyParserErrors);
  app.use(bindRequestContext);
  app.enableCors({
    // Only listed origins get CORS headers (and so credentials); others are simply not allowed.
    origin: (origin, callback) =>
      callback(null, origin !== undefined && config.http.corsOrigins.includes(origin)),
    credentials: true,
  });
  app.useWebSocketAdapter(new RedisIoAdapter(app));
  return config;
}

/** Closes the app on SIGTERM/SIGINT; exits anyway when shutdown takes longer than configured. */
export function closeOnSignals(app: INestApplication, timeoutMs: number): void {
  const shutdown = (signal: NodeJS.Signals) => {
    const logger = app.get(Logger);
    logger.log(`Received ${signal}; shutting down`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${timeoutMs} ms; forcing exit`);
      process.exit(1);
    }, timeoutMs).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
