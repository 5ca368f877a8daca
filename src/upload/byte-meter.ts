import { AppError } from '../common/errors/app-error';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { UploadError, UploadErrorCode } from './upload.errors';

const KIND_NAMES: Record<string, string> = {
  image: 'an image',
  audio: 'audio',
  video: 'a video',
  file: 'a file',
};

/**
 * Counts a file's bytes as they stream in and stops it the moment it passes its kind's limit (413) or what
 * is left of its owner's daily quota (429), before the excess is passed on.
 */
export class ByteMeter {
  private total = 0;

  constructor(
    private readonly limit: { bytes: number; kind: string },
    private readonly quota: { remaining: number; resetsAt: Date },
  ) {}

  get bytes(): number {
    return this.total;
  }

  add(length: number): void {
    this.total += length;
    if (this.total > this.limit.bytes) {
      throw new CommonError(
        CommonErrorCode.PayloadTooLarge,
        `The file is larger than this server accepts for ${KIND_NAMES[this.limit.kind] ?? 'a file'} (${this.limit.bytes} bytes)`,
        { kind: this.limit.kind, limitBytes: this.limit.bytes },
      );
    }
    if (this.total > this.quota.remaining) {
      throw quotaExceeded(this.quota.resetsAt);
    }
  }
}

export function quotaExceeded(resetsAt: Date): AppError {
  return new UploadError(UploadErrorCode.QuotaExceeded, undefined, { resetsAt: resetsAt.toISOString() });
}
