import { createZodDto } from 'nestjs-zod';
import { SessionRecord } from './sessions.repository';
import { z } from 'zod';
import { UserResponse } from '../users/users.dto';

const email = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const registerSchema = z
  .strictObject({
    email,
    password: z.string().min(10, 'must be at least 10 characters').max(256),
    displayName: z.string().trim().min(1).max(64),
  })
  .refine((body) => body.password.toLowerCase() !== body.email, {
    path: ['password'],
    message: 'must not be your email address',
  });

export const loginSchema = z.strictObject({
  email,
  password: z.string().min(1).max(256),
});

export class RegisterDto extends createZodDto(registerSchema) {}
export class LoginDto extends createZodDto(loginSchema) {}

export interface TokenPair {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export interface AuthResponse extends TokenPair {
  user: UserResponse;
}

/** Non-browser clients send the refresh token in the body; browsers rely on the cookie. */
export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(512).optional() });
export class RefreshDto extends createZodDto(refreshSchema) {}

export interface SessionResponse {
  id: string;
  deviceLabel: string;
  ip: string;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
  /** Whether a socket of this session is connected on any instance. */
  connected: boolean;
}

export function toSessionResponse(
  session: SessionRecord,
  currentId: string,
  connected: Set<string>,
): SessionResponse {
  const id = session._id.toHexString();
  return {
    id,
    deviceLabel: session.deviceLabel,
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    current: id === currentId,
    connected: connected.has(id),
  };
}
