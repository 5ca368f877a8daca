import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Role } from '../common/auth/role';
import { UserStatus } from './user.schema';
import { UserRecord } from './users.repository';

export interface UserResponse {
  id: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string;
  avatarUrl: string | null;
  role: Role;
  hideLastSeen: boolean;
  identities: Array<{ provider: string }>;
  createdAt: string;
}

/** The signed-in user's own view of their account; never includes secrets. */
export function toUserResponse(user: UserRecord): UserResponse {
  return {
    id: user._id.toHexString(),
    email: user.email ?? null,
    emailVerified: user.emailVerified,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl ?? null,
    role: user.role,
    hideLastSeen: user.hideLastSeen ?? false,
    // Only password logins exist so far; OAuth identities join this list when they are linked.
    identities: user.passwordHash ? [{ provider: 'local' }] : [],
    createdAt: user.createdAt.toISOString(),
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

export const UpdateStatusSchema = z.strictObject({ status: z.enum(UserStatus) });
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
