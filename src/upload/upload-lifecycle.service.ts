import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { JobName, JobPayloads } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MediaReleasedEvent, MessagesDomainEvent } from '../messages/messages.events';
import { CloudinaryClient } from './cloudinary.client';
import { MediaUploadRecord, UploadReferencesRepository } from './upload-references.repository';

/** Uploads looked at per batch of the orphan sweep. */
const SWEEP_BATCH = 100;
/** Batches per sweep: a backlog is worked off over several sweeps rather than in one long job. */
const SWEEP_MAX_BATCHES = 50;

/**
 * Media leaves Cloudinary with what it belonged to: an upload never attached within UPLOAD_ORPHAN_TTL_HOURS
 * (the scheduled sweep), the uploads of a deleted message (a job per message). Both are BullMQ jobs, so a
 * Cloudinary failure is retried and, after the last attempt, kept in the dead-letter queue.
 */
@Injectable()
export class UploadLifecycle implements OnApplicationBootstrap {
  private readonly logger = new Logger(UploadLifecycle.name);

  constructor(
    private readonly references: UploadReferencesRepository,
    private readonly cloudinary: CloudinaryClient,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Boot does not wait for Redis to take the schedule (see JobsService.repeat). */
  onApplicationBootstrap(): void {
    if (!this.cloudinary.configured) {
      return;
    }
    this.jobs.repeat(JobName.SweepOrphanUploads, {}, this.config.media.orphanSweepMs);
  }

  @OnEvent(MessagesDomainEvent.MediaReleased)
  async mediaReleased(event: MediaReleasedEvent): Promise<void> {
    try {
      await this.jobs.enqueue(JobName.DeleteMessageMedia, { ...event, uploadIds: [...event.uploadIds] });
    } catch (error) {
      // The records stay attached to the tombstone: an operator finds them by message id.
      this.logger.error({ err: error, messageId: event.messageId }, 'Deleted message media not scheduled');
    }
  }

  /**
   * Deletes the uploads still unattached past the TTL. Each record goes first, atomically and only while
   * unattached (a send claiming it meanwhile wins), then its asset; a Cloudinary failure puts the record back
   * for the next attempt and fails the job. Answers how many went.
   */
  async sweepOrphans(): Promise<number> {
    if (!this.cloudinary.configured) {
      return 0;
    }
    const cutoff = new Date(Date.now() - this.config.media.orphanTtlMs);
    let deleted = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
      const orphans = await this.references.listUnattachedBefore(cutoff, SWEEP_BATCH);
      for (const orphan of orphans) {
        if (await this.references.removeIfUnattached(orphan._id)) {
          await this.destroyOrRestore(orphan);
          deleted++;
        }
      }
      if (orphans.length < SWEEP_BATCH) {
        break;
      }
    }
    if (deleted > 0) {
      this.logger.log(`Deleted ${deleted} upload(s) never attached since before ${cutoff.toISOString()}`);
    }
    return deleted;
  }

  /** Deletes at Cloudinary then the record, one upload at a time, so a retry finds what is left. */
  async deleteMessageMedia(job: JobPayloads[JobName.DeleteMessageMedia]): Promise<void> {
    const uploads = await this.references.findAttachedTo(job.uploadIds, job);
    for (const upload of uploads) {
      await this.cloudinary.destroy(upload.publicId, upload.resourceType, upload.deliveryType);
      await this.references.remove(upload._id);
    }
  }

  private async destroyOrRestore(orphan: MediaUploadRecord): Promise<void> {
    try {
      await this.cloudinary.destroy(orphan.publicId, orphan.resourceType, orphan.deliveryType);
    } catch (error) {
      await this.references.restore(orphan);
      throw error;
    }
  }
}
