import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AuditAction, AuditTargetType } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { ApiKeyCaller } from '../common/auth/api-key-caller';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { ApiKeyScope } from './api-key.schema';
import { apiKeyOfHeader, formatApiKey, hashSecret, newSecret, secretHashesMatch } from './api-key-secret';
import { ApiKeyResponse, CreateApiKeyInput, CreatedApiKeyResponse, toApiKeyResponse } from './api-keys.dto';
import { ApiKeysError, ApiKeysErrorCode } from './api-keys.errors';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';

/** `lastUsedAt` is this precise: a key used all the time costs one write a minute, not one per request. */
export const API_KEY_LAST_USED_PRECISION_MS = 60_000;
/** Keys listed at most; a deployment has a handful, one per calling service. */
const MAX_LISTED = 1000;
/** Hashed in place of a missing or malformed key, so every refusal costs the same work. */
const DUMMY_HASH = hashSecret('');

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
    private readonly background: BackgroundWork,
  ) {}

  async create(adminId: string, input: CreateApiKeyInput): Promise<CreatedApiKeyResponse> {
    const _id = new Types.ObjectId();
    const secret = newSecret();
    const record: ApiKeyRecord = {
      _id,
      name: input.name,
      scopes: input.scopes,
      secretHash: hashSecret(secret),
      createdBy: new Types.ObjectId(adminId),
      createdAt: new Date(),
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.keys.insert(record);
    this.audit.record({
      action: AuditAction.ApiKeyCreated,
      target: { type: AuditTargetType.ApiKey, id: _id.toHexString() },
      details: {
        name: record.name,
        scopes: record.scopes.join(' '),
        expiresAt: record.expiresAt?.toISOString() ?? null,
      },
    });
    const { id, ...rest } = toApiKeyResponse(record);
    return { id, ...rest, key: formatApiKey({ keyId: id, secret }) };
  }

  async list(): Promise<ApiKeyResponse[]> {
    return (await this.keys.list(MAX_LISTED)).map(toApiKeyResponse);
  }

  /** Revokes a key, at once for every instance (keys are read on every use); revoking again changes nothing. */
  async revoke(id: string): Promise<void> {
    const revoked = await this.keys.revoke(id, new Date());
    if (revoked) {
      this.audit.record({
        action: AuditAction.ApiKeyRevoked,
        target: { type: AuditTargetType.ApiKey, id },
        details: { name: revoked.name },
      });
      return;
    }
    if (!(await this.keys.findById(id))) {
      throw new ApiKeysError(ApiKeysErrorCode.NotFound);
    }
  }

  /**
   * The key an `Authorization` header carries, if it is live and holds `scope`. Every reason a key is not
   * accepted (missing, malformed, unknown, revoked, expired, wrong secret) is the same error, so a caller
   * cannot probe which key ids exist or were revoked.
   */
  async authenticate(header: string | undefined, scope: ApiKeyScope): Promise<ApiKeyCaller> {
    const parts = apiKeyOfHeader(header);
    const presented = parts ? hashSecret(parts.secret) : DUMMY_HASH;
    const record = parts ? await this.keys.findById(parts.keyId) : null;
    const now = new Date();
    if (
      !record ||
      !secretHashesMatch(presented, record.secretHash) ||
      record.revokedAt ||
      (record.expiresAt && record.expiresAt <= now)
    ) {
      throw new ApiKeysError(ApiKeysErrorCode.Invalid);
    }
    if (!record.scopes.includes(scope)) {
      throw new ApiKeysError(ApiKeysErrorCode.Scope);
    }
    this.noteUse(record, now);
    return { keyId: record._id.toHexString(), name: record.name, scopes: record.scopes };
  }

  private noteUse(record: ApiKeyRecord, now: Date): void {
    const notAfter = new Date(now.getTime() - API_KEY_LAST_USED_PRECISION_MS);
    if (record.lastUsedAt && record.lastUsedAt > notAfter) {
      return;
    }
    this.background.run('API key last use', () => this.keys.touch(record._id.toHexString(), now, notAfter));
  }
}
