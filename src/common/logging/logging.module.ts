import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { requestIdOf } from './request-id';

/** Log paths that may hold credentials or message content; pino replaces them with "[Redacted]". */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.content',
  '*.secret',
];

/**
 * Query strings carry search terms, OAuth codes and states, and one-time tokens; the path is enough to tell
 * which route was served.
 */
export function withoutQuery(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Every route, in the path syntax of Express 5 (the default '*' triggers a conversion warning at boot).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.log.level,
          genReqId: requestIdOf,
          customProps: (request: IncomingMessage) => ({ requestId: request.id }),
          redact: { paths: REDACTED_LOG_PATHS, censor: '[Redacted]' },
          serializers: {
            req: (req: {
              id: unknown;
              method: string;
              url: string;
              remoteAddress?: string;
              headers?: unknown;
            }) => ({
              id: req.id,
              method: req.method,
              url: withoutQuery(req.url),
              remoteAddress: req.remoteAddress,
              headers: req.headers,
            }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/api/v1/health') ?? false },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
