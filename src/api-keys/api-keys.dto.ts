import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ApiKeyScope } from './api-key.schema';
import { keyPrefix } from './api-key-secret';
import { ApiKeyRecord } from './api-keys.repository';

export const createApiKeySchema = z.strictObject({
  /** What the key is for ("billing service"), for admins reading the list and the audit log. */
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.enum(ApiKeyScope))
    .min(1)
    .max(Object.values(ApiKeyScope).length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .refine((at) => at.getTime() > Date.now(), 'must be in the future')
    .optional(),
});
export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

/** A key as admins see it: never its secret nor the secret's hash. */
export interface ApiKeyResponse {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  /** `prk_<id>`: how every key made from this record begins. */
  prefix: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to a creation, the only one that holds the key. */
export type CreatedApiKeyResponse = ApiKeyResponse & { key: string };

export function toApiKeyResponse(record: ApiKeyRecord): ApiKeyResponse {
  const id = record._id.toHexString();
  return {
    id,
    name: record.name,
    scopes: record.scopes,
    prefix: keyPrefix(id),
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy.toHexString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
  };
}
