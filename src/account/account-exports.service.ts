import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AuditAction, AuditTargetType } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { REDIS } from '../common/redis/redis.constants';
import { tryLock } from '../common/redis/redis-lock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailService } from '../mail/mail.service';
import { ServerEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { UserStatus } from '../users/user.schema';
import { UsersService } from '../users/users.service';
import { ExportState } from './account-export.schema';
import { AccountExportRecord, AccountExportsRepository } from './account-exports.repository';
import { ExportResponse, toExportResponse } from './account.dto';
import { AccountError, AccountErrorCode } from './account.errors';
import { exportLinkKey, exportLinkSignatureValid, signExportLink } from './export-link';
import { ExportArchiveService } from './export-archive.service';

const gzipAsync = promisify(gzip);
/** Well under MongoDB's 16 MB document limit, and small enough to hold a few in memory while serving. */
const CHUNK_BYTES = 1024 * 1024;
/** Two requests racing: only one creates the export (FerretDB v1 has no partial unique index to say so). */
const REQUEST_LOCK_MS = 10_000;

export interface ExportDownload {
  fileName: string;
  archive: Buffer;
}

/** Data exports (GDPR articles 15 and 20): requested, built by a job, downloaded by a signed link, expired. */
@Injectable()
export class AccountExportsService {
  private readonly logger = new Logger(AccountExportsService.name);
  private readonly linkKey: Buffer;

  constructor(
    private readonly repository: AccountExportsRepository,
    private readonly archives: ExportArchiveService,
    private readonly users: UsersService,
    private readonly jobs: JobsService,
    private readonly mail: MailService,
    private readonly publisher: RealtimePublisher,
    private readonly audit: AuditService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.linkKey = exportLinkKey(config.auth.accessTokenSecret);
  }

  /**
   * Starts an export, or returns the one under way (`created: false`), or the ready one while the user may not
   * ask again yet. Refused when the last one was asked for too recently and has expired since.
   */
  async request(userId: string): Promise<{ export: ExportResponse; created: boolean }> {
    const release = await tryLock(
      this.redis,
      `${this.config.redis.keyPrefix}:account-export:${userId}`,
      REQUEST_LOCK_MS,
    );
    if (release === null) {
      throw new AccountError(AccountErrorCode.ExportTooSoon, 'An export is being requested already');
    }
    try {
      const latest = await this.repository.latestOf(userId);
      if (latest && this.blocksNew(latest)) {
        if (latest.state === ExportState.Expired) {
          throw new AccountError(AccountErrorCode.ExportTooSoon);
        }
        return { export: this.toResponse(latest), created: false };
      }
      const created = await this.repository.create(userId);
      const exportId = created._id.toHexString();
      try {
        await this.jobs.enqueue(JobName.BuildAccountExport, { exportId }, { jobId: `export-${exportId}` });
      } catch (error) {
        // Not left pending with no job to finish it: the user may ask again at once.
        await this.failed(exportId);
        throw error;
      }
      this.audit.record({
        action: AuditAction.ExportRequested,
        target: { type: AuditTargetType.User, id: userId },
        details: { exportId },
      });
      return { export: this.toResponse(created), created: true };
    } finally {
      await release();
    }
  }

  async latest(userId: string): Promise<ExportResponse> {
    const latest = await this.repository.latestOf(userId);
    if (!latest) {
      throw new AccountError(AccountErrorCode.ExportNotFound, 'No export was requested');
    }
    return this.toResponse(latest);
  }

  /**
   * The archive behind a signed link. A signature that does not match is a link that does not exist (404);
   * a genuine link past its expiry is gone (410), whatever became of the export.
   */
  async download(exportId: string, expires: number, signature: string): Promise<ExportDownload> {
    if (!exportLinkSignatureValid(this.linkKey, exportId, expires, signature)) {
      throw new AccountError(AccountErrorCode.ExportNotFound);
    }
    const record = await this.repository.findById(exportId);
    if (expires * 1000 <= Date.now() || record?.state === ExportState.Expired) {
      throw new AccountError(AccountErrorCode.ExportLinkExpired);
    }
    if (!record || record.state !== ExportState.Ready) {
      throw new AccountError(AccountErrorCode.ExportNotFound);
    }
    const archive = await this.repository.readArchive(exportId, record.chunks);
    this.audit.record({
      action: AuditAction.ExportDownloaded,
      actor: { id: record.userId.toHexString() },
      target: { type: AuditTargetType.User, id: record.userId.toHexString() },
      details: { exportId },
    });
    return { fileName: `parley-export-${exportId}.json.gz`, archive };
  }

  /** The job: builds and stores the archive, schedules its expiry, tells the user. Safe to retry. */
  async build(exportId: string): Promise<void> {
    const record = await this.repository.findById(exportId);
    if (!record || record.state !== ExportState.Pending) {
      return;
    }
    const userId = record.userId.toHexString();
    const user = await this.users.findById(userId);
    if (!user || user.status === UserStatus.Deleting || user.status === UserStatus.Deleted) {
      // Deletion removes exports; an archive built now would outlive the account.
      await this.failed(exportId);
      return;
    }
    const archive = await gzipAsync(JSON.stringify(await this.archives.build(userId, exportId)));
    const chunks = await this.repository.writeArchive(exportId, archive, CHUNK_BYTES);
    const readyAt = new Date();
    // Whole seconds: the link carries the expiry in epoch seconds.
    const expiresAt = new Date(
      Math.floor((readyAt.getTime() + this.config.account.exportLinkTtlMs) / 1000) * 1000,
    );
    const ready = await this.repository.finish(exportId, {
      state: ExportState.Ready,
      readyAt,
      expiresAt,
      bytes: archive.length,
      chunks,
    });
    if (!ready) {
      return;
    }
    await this.jobs.enqueue(
      JobName.ExpireAccountExport,
      { exportId },
      { jobId: `export-expiry-${exportId}`, delay: Math.max(0, expiresAt.getTime() - Date.now()) },
    );
    await this.tell(ready);
  }

  /** A build that failed its last attempt: the user may ask again at once. */
  async failed(exportId: string): Promise<void> {
    await this.repository.finish(exportId, {
      state: ExportState.Failed,
      readyAt: null,
      expiresAt: null,
      bytes: 0,
      chunks: 0,
    });
  }

  async expire(exportId: string): Promise<void> {
    await this.repository.expire(exportId);
  }

  /** Account deletion: every export and archive of the user goes. */
  deleteAllOf(userId: string): Promise<void> {
    return this.repository.deleteAllOf(userId);
  }

  private async tell(record: AccountExportRecord): Promise<void> {
    const userId = record.userId.toHexString();
    const response = this.toResponse(record);
    this.publisher.toUsers([userId], ServerEvent.ExportReady, {
      exportId: response.id,
      expiresAt: response.expiresAt,
    });
    const user = await this.users.findById(userId);
    if (!user?.email || !response.downloadUrl || !record.expiresAt) {
      return;
    }
    const ttlSeconds = Math.max(1, Math.floor((record.expiresAt.getTime() - Date.now()) / 1000));
    await this.mail.queue(
      {
        to: user.email,
        subject: 'Your Parley data export is ready',
        text: [
          `Hello ${user.displayName},`,
          '',
          'The copy of your Parley data you asked for is ready. Download it here:',
          '',
          response.downloadUrl,
          '',
          `The link works until ${record.expiresAt.toISOString()}; after that, ask for a new export.`,
          'Anyone holding this link can download your data: do not forward it.',
        ].join('\n'),
      },
      ttlSeconds,
    );
    this.logger.log({ userId, exportId: response.id }, 'Data export ready');
  }

  /** A ready export blocks a new one for the minimum interval; a pending one always; a failed one never. */
  private blocksNew(latest: AccountExportRecord): boolean {
    if (latest.state === ExportState.Pending) {
      return true;
    }
    if (latest.state === ExportState.Failed) {
      return false;
    }
    return latest.requestedAt.getTime() + this.config.account.exportMinIntervalMs > Date.now();
  }

  private toResponse(record: AccountExportRecord): ExportResponse {
    const live =
      record.state === ExportState.Ready &&
      record.expiresAt !== null &&
      record.expiresAt.getTime() > Date.now();
    return toExportResponse(
      record,
      live && record.expiresAt ? this.linkOf(record._id.toHexString(), record.expiresAt) : null,
    );
  }

  private linkOf(exportId: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const signature = signExportLink(this.linkKey, exportId, expires);
    return `${this.config.oauth.publicApiUrl}/api/v1/users/me/export/${exportId}/download?expires=${expires}&signature=${signature}`;
  }
}
