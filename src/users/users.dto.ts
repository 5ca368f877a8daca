import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Role } from '../common/auth/role';
import { IdentityRecord } from './identities/identities.repository';
import { OAuthProvider } from './identities/identity.schema';
import { UserStatus } from './user.schema';
import { UserRecord } from './users.repository';

/** A way to log in to the account: `local` is the password, the others are linked provider accounts. */
export type IdentityResponse =
  { provider: 'local' } | { provider: OAuthProvider; email: string | null; linkedAt: string };

export interface UserResponse {
  id: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string;
  avatarUrl: string | null;
  role: Role;
  hideLastSeen: boolean;
  identities: IdentityResponse[];
  createdAt: string;
}

/** The signed-in user's own view of their account; never includes secrets. */
export function toUserResponse(user: UserRecord, identities: readonly IdentityRecord[]): UserResponse {
  return {
    id: user._id.toHexString(),
    email: user.email ?? null,
    emailVerified: user.emailVerified,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl ?? null,
    role: user.role,
    hideLastSeen: user.hideLastSeen ?? false,
    identities: [
      ...(user.passwordHash ? [{ provider: 'local' as const }] : []),
      ...identities.map(toIdentityResponse),
    ],
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * Enough for a client to show and unlink a provider. The provider's subject id stays out: it is the key a
 * login is matched by, and a client has no use for it.
 */
function toIdentityResponse(identity: IdentityRecord): IdentityResponse {
  return {
    provider: identity.provider,
    email: identity.email ?? null,
    linkedAt: identity.linkedAt.toISOString(),
  };
}

export const UpdateProfileSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(64).optional(),
    avatarUrl: z
      .url({ protocol: /^https$/ })
      .max(2048)
      .optional(),
    hideLastSeen: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update' });
export class UpdateProfileDto extends createZodDto(UpdateProfileSchema) {}

export const SearchUsersSchema = z.strictObject({ q: z.string().trim().min(1).max(64) });
export class SearchUsersDto extends createZodDto(SearchUsersSchema) {}

// Suspensions have their own routes (`/admin/users/:id/suspend`): they carry a reason and maybe an end.
export const UpdateStatusSchema = z.strictObject({
  status: z.enum([UserStatus.Active, UserStatus.Disabled]),
});
export class UpdateStatusDto extends createZodDto(UpdateStatusSchema) {}

export interface PublicProfile {
  id: string;
  displayName: string;
  avatarUrl: string | null;
}

/** What any signed-in user may see of another: no email, role or settings. */
export function toPublicProfile(user: UserRecord): PublicProfile {
  return { id: user._id.toHexString(), displayName: user.displayName, avatarUrl: user.avatarUrl ?? null };
}
