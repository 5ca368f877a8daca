import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import type { AuthUser } from '../common/auth/auth-user';
import { currentRequestContext, RequestContext } from '../common/context/request-context';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { AuditRecordPayload, JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuditAction, AuditTargetType } from './audit-action';
import { AuditPage, AuditQueryDto, auditCursorKeySchema, toAuditRecordResponse } from './audit.dto';
import { AuditRecordRow, AuditRepository } from './audit.repository';
import { emailFingerprint, fingerprintKey } from './email-fingerprint';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditTarget {
  type: AuditTargetType;
  id: string;
}

export interface AuditEntry {
  action: AuditAction;
  /**
   * Who acted. Left out: the signed-in caller of the current request (none: null). A role left out is the
   * caller's when the actor is the caller, else unknown (null).
   */
  actor?: { id: string; role?: AuthUser['role'] } | null;
  target?: AuditTarget;
  /** Small values about the action; never passwords, tokens or codes. */
  details?: AuditDetails;
}

/** User agents are client-chosen; a record keeps enough of one to recognise it. */
const MAX_USER_AGENT = 512;
/** How long shutdown waits for records still being written (MongoDB and Redis may both be down). */
const SHUTDOWN_WAIT_MS = 5000;

/**
 * Records what users and operators did, for admins to read back (`GET /admin/audit`). Recording never
 * waits on or fails the caller: the record is written in the background, and a failed write is logged and
 * retried as a BullMQ job (attempts with backoff, then the dead-letter queue).
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  /** Writes under way, with their records (to name them if shutdown cannot wait for them). */
  private readonly writing = new Map<Promise<void>, AuditRecordRow>();
  private readonly emailKey: Buffer;

  constructor(
    private readonly repository: AuditRepository,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.emailKey = fingerprintKey(config.auth.accessTokenSecret);
  }

  /**
   * Records `entry` with the time and the request's client address, user agent and id. Returns at once;
   * a failed write is logged and retried, never thrown.
   */
  record(entry: AuditEntry): void {
    const record = toRecord(entry, currentRequestContext());
    const write = this.write(record);
    this.writing.set(write, record);
    void write.then(() => this.writing.delete(write));
  }

  /** The target of an attempt on an address no account has: a fingerprint, not the address. */
  emailTarget(email: string): AuditTarget {
    return { type: AuditTargetType.Email, id: emailFingerprint(this.emailKey, email) };
  }

  /** One attempt of a queued write; throws so BullMQ retries it. */
  async writeQueued(payload: AuditRecordPayload): Promise<void> {
    await this.repository.insert(fromPayload(payload));
  }

  async list(query: AuditQueryDto): Promise<AuditPage> {
    const after = query.cursor ? decodeCursor(query.cursor, auditCursorKeySchema) : undefined;
    const rows = await this.repository.page(
      query,
      after && { at: new Date(after.t), id: after.id },
      query.limit + 1,
    );
    const items = rows.slice(0, query.limit);
    const last = rows.length > query.limit ? items[items.length - 1] : undefined;
    return {
      items: items.map(toAuditRecordResponse),
      nextCursor: last ? encodeCursor({ t: last.at.getTime(), id: last._id.toHexString() }) : null,
    };
  }

  /** Records still being written finish before MongoDB and Redis close (an operator command ends at once). */
  async beforeApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => (timer = setTimeout(done, SHUTDOWN_WAIT_MS)));
    const settled = (async () => {
      while (this.writing.size > 0) {
        await Promise.all([...this.writing.keys()]);
      }
    })();
    await Promise.race([settled, timeout]);
    clearTimeout(timer);
    for (const record of this.writing.values()) {
      this.logger.error(idsOf(record), 'Audit record lost: still unwritten at shutdown');
    }
  }

  private async write(record: AuditRecordRow): Promise<void> {
    try {
      await this.repository.insert(record);
      return;
    } catch (error) {
      this.logger.warn(
        { ...idsOf(record), reason: (error as Error).message },
        'Audit record not written; retrying through the queue',
      );
    }
    try {
      // removeOnComplete: the payload holds a client address and user agent, which the record keeps.
      await this.jobs.enqueue(JobName.WriteAuditRecord, toPayload(record), {
        jobId: `audit-${record._id.toHexString()}`,
        removeOnComplete: true,
      });
    } catch (error) {
      this.logger.error(
        { ...idsOf(record), reason: (error as Error).message },
        'Audit record lost: neither written nor queued for a retry',
      );
    }
  }
}

function toRecord(entry: AuditEntry, context: RequestContext | undefined): AuditRecordRow {
  const http = context?.source === 'http' ? context : undefined;
  const caller = http?.caller();
  const actor =
    entry.actor === undefined
      ? caller && { id: caller.userId, role: caller.role }
      : entry.actor && {
          id: entry.actor.id,
          role: entry.actor.role ?? (caller?.userId === entry.actor.id ? caller.role : undefined),
        };
  return {
    _id: new Types.ObjectId(),
    at: new Date(),
    actorId: actor ? new Types.ObjectId(actor.id) : null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: http?.ip || null,
    userAgent: http?.userAgent.slice(0, MAX_USER_AGENT) || null,
    requestId: http?.requestId ?? null,
    // Without a request, the record says where the action came from instead.
    details: { ...entry.details, ...(http ? {} : { source: context?.source ?? 'system' }) },
  };
}

/** What a log line about a record may name: its ids, never the address or user agent. */
function idsOf(record: AuditRecordRow): Record<string, string | null> {
  return {
    auditRecordId: record._id.toHexString(),
    action: record.action,
    actorId: record.actorId?.toHexString() ?? null,
    targetType: record.targetType,
    targetId: record.targetId,
    requestId: record.requestId,
  };
}

function toPayload(record: AuditRecordRow): AuditRecordPayload {
  const { _id, at, actorId, ...rest } = record;
  return { ...rest, id: _id.toHexString(), at: at.toISOString(), actorId: actorId?.toHexString() ?? null };
}

function fromPayload(payload: AuditRecordPayload): AuditRecordRow {
  const { id, at, actorId, ...rest } = payload;
  return {
    ...rest,
    _id: new Types.ObjectId(id),
    at: new Date(at),
    actorId: actorId === null ? null : new Types.ObjectId(actorId),
  };
}
