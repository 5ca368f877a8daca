import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Wraps the file interceptor: multer reports an oversized file as a bare "File too large", so the client
 * would not learn what it may send. The limit goes into the message; the code stays PAYLOAD_TOO_LARGE.
 */
@Injectable()
export class FileTooLargeInterceptor implements NestInterceptor {
  private readonly message: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.message = `The file is larger than this server accepts (${config.upload.maxBytes} bytes)`;
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException
              ? new CommonError(CommonErrorCode.PayloadTooLarge, this.message)
              : error,
          ),
        ),
      );
  }
}
