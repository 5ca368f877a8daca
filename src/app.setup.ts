import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { bindRequestContext } from './common/context/request-context';
import { assignRequestId } from './common/logging/request-id';
import { CommonError, CommonErrorCode } from './common/errors/common-errors';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { RedisIoAdapter } from './realtime/redis-io.adapter';

export const API_PREFIX = 'api/v1';

/** Trust-proxy setting as Express understands it: a hop count, or names/addresses. */
function trustProxy(value: string): number | string | boolean {
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** body-parser's parse failures would otherwise reach the filter as an anonymous 400. */
function rejectMalformedJson(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const malformed = (error as { type?: unknown } | null)?.type === 'entity.parse.failed';
  next(malformed ? new CommonError(CommonErrorCode.MalformedJson) : error);
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
  app.use(helmet());
  app.use(compression());
  app.use(cookieParser());
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  app.use(rejectMalformedJson);
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
