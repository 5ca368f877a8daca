import { SetMetadata } from '@nestjs/common';

export const UPLOAD_RATE_LIMITED = 'parley:upload-rate-limited';

/**
 * Marks an upload route: besides the general limit it gets the per-user `upload` limit, because each upload
 * holds a file in memory and costs a call to the media host.
 */
export const UploadRateLimit = (): MethodDecorator => SetMetadata(UPLOAD_RATE_LIMITED, true);
