import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { RefreshToken } from './refresh-token.schema';
import { Session } from './session.schema';

export type SessionRecord = Session & { _id: Types.ObjectId };
export type RefreshTokenRecord = RefreshToken;

/** What authenticating a request or socket needs of its session. */
export type SessionLiveness = Pick<Session, 'revokedAt' | 'expiresAt'>;

export interface NewSession {
  userId: string;
  refreshTokenHash: string;
  expiresAt: Date;
  deviceLabel: string;
  ip: string;
}

const oid = (id: string) => new Types.ObjectId(id);

@Injectable()
export class SessionsRepository {
  constructor(
    @InjectModel(Session.name) private readonly sessions: Model<Session>,
    @InjectModel(RefreshToken.name) private readonly tokens: Model<RefreshToken>,
  ) {}

  async create(session: NewSession): Promise<SessionRecord> {
    const created = await this.sessions.create({
      ...session,
      userId: oid(session.userId),
      lastUsedAt: new Date(),
    });
    await this.addToken(created._id.toHexString(), session.refreshTokenHash);
    return created.toObject<SessionRecord>();
  }

  findById(id: string): Promise<SessionRecord | null> {
    if (!Types.ObjectId.isValid(id)) {
      return Promise.resolve(null);
    }
    return this.sessions.findById(id).lean<SessionRecord>().exec();
  }

  /**
   * What the session liveness cache loads for requests and socket handshakes: two fields by `_id`, raw driver (no
   * hydration). Not batched into `$in` reads: FerretDB v1 answers only an `_id` equality without a scan.
   */
  async livenessOf(id: string): Promise<SessionLiveness | null> {
    if (!Types.ObjectId.isValid(id)) {
      return null;
    }
    const row = await this.sessions.collection.findOne(
      { _id: oid(id) },
      { projection: { revokedAt: 1, expiresAt: 1 } },
    );
    return (
      row && { revokedAt: (row.revokedAt as Date | null) ?? undefined, expiresAt: row.expiresAt as Date }
    );
  }

  /** The user's sessions that are neither revoked nor expired, newest first. */
  listActive(userId: string): Promise<SessionRecord[]> {
    return this.sessions
      .find({ userId: oid(userId), revokedAt: null, expiresAt: { $gt: new Date() } })
      .sort({ lastUsedAt: -1 })
      .lean<SessionRecord[]>()
      .exec();
  }

  async activeIdsOf(userId: string): Promise<string[]> {
    return (await this.listActive(userId)).map((session) => session._id.toHexString());
  }

  async revoke(sessionIds: readonly string[]): Promise<void> {
    await this.sessions
      .updateMany({ _id: { $in: sessionIds.map(oid) }, revokedAt: null }, { $set: { revokedAt: new Date() } })
      .exec();
  }

  findToken(hash: string): Promise<RefreshTokenRecord | null> {
    return this.tokens.findById(hash).lean<RefreshTokenRecord>().exec();
  }

  async addToken(sessionId: string, hash: string): Promise<void> {
    await this.tokens.collection.insertOne({
      _id: hash,
      sessionId: oid(sessionId),
      issuedAt: new Date(),
      retiredAt: null,
    } as never);
  }

  /** Retires `oldHash` and makes `newHash` the session's current token. */
  async rotate(sessionId: string, oldHash: string, newHash: string): Promise<void> {
    await this.addToken(sessionId, newHash);
    await this.tokens.updateOne({ _id: oldHash }, { $set: { retiredAt: new Date() } }).exec();
    await this.sessions
      .updateOne({ _id: oid(sessionId) }, { $set: { refreshTokenHash: newHash, lastUsedAt: new Date() } })
      .exec();
  }

  /** Every session of the user, ended ones too, newest first (their data export lists them). */
  listAll(userId: string): Promise<SessionRecord[]> {
    return this.sessions
      .find({ userId: oid(userId) })
      .sort({ createdAt: -1 })
      .lean<SessionRecord[]>()
      .exec();
  }

  /** Deletes the user's sessions and their refresh-token hashes; tokens first, so a retry finds the sessions. */
  async deleteAllOf(userId: string): Promise<void> {
    const ids = (
      await this.sessions
        .find({ userId: oid(userId) }, { _id: 1 })
        .lean()
        .exec()
    ).map((s) => s._id);
    if (ids.length === 0) {
      return;
    }
    await this.tokens.deleteMany({ sessionId: { $in: ids } }).exec();
    await this.sessions.deleteMany({ _id: { $in: ids } }).exec();
  }
}
