import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Role } from '../common/auth/role';
import { UserStatus } from './user.schema';
import { UserRecord } from './users.repository';

export const SetRoleSchema = z.strictObject({ role: z.enum(Role) });
export class SetRoleDto extends createZodDto(SetRoleSchema) {}

/** `durationHours` may be fractional; left out, the suspension lasts until lifted by hand. */
export const SuspendSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  durationHours: z
    .number()
    .positive()
    .max(24 * 3650)
    .optional(),
});
export class SuspendDto extends createZodDto(SuspendSchema) {}

export const AdminListUsersSchema = z.strictObject({
  role: z.enum(Role).optional(),
  q: z.string().trim().min(1).max(64).optional(),
});
export class AdminListUsersDto extends createZodDto(AdminListUsersSchema) {}

/** What admins and moderators see of an account: role and standing, never secrets. */
export interface AdminUserResponse {
  id: string;
  email: string | null;
  displayName: string;
  role: Role;
  status: UserStatus;
  suspendedUntil: string | null;
  suspensionReason: string | null;
  createdAt: string;
}

export function toAdminUserResponse(user: UserRecord): AdminUserResponse {
  const suspended = user.status === UserStatus.Suspended;
  return {
    id: user._id.toHexString(),
    email: user.email ?? null,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    suspendedUntil: suspended ? (user.suspendedUntil?.toISOString() ?? null) : null,
    suspensionReason: suspended ? (user.suspensionReason ?? null) : null,
    createdAt: user.createdAt.toISOString(),
  };
}
