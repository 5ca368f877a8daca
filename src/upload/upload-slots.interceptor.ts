import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Semaphore, SemaphoreInterface, withTimeout } from 'async-mutex';
import { finalize, from, Observable, switchMap } from 'rxjs';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * At most UPLOAD_MAX_CONCURRENT uploads are received at once by this process: a streamed file costs only a
 * few buffers, but an image is held whole and decoded, and each upload has a connection to Cloudinary. The
 * others wait before their bodies are read (TCP, or Nginx, holds them meanwhile) and are answered 503 after
 * UPLOAD_SLOT_WAIT_MS.
 */
@Injectable()
export class UploadSlotsInterceptor implements NestInterceptor {
  private readonly slots: SemaphoreInterface;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.slots = withTimeout(
      new Semaphore(config.upload.maxConcurrent),
      config.upload.slotWaitMs,
      new CommonError(CommonErrorCode.ServiceUnavailable, 'Too many uploads in progress; try again shortly'),
    );
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.slots.acquire()).pipe(switchMap(([, release]) => next.handle().pipe(finalize(release))));
  }
}
