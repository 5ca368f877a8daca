import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const token = z.string().min(16).max(128);
const newPassword = z.string().min(10, 'must be at least 10 characters').max(256);

export const verifyEmailSchema = z.strictObject({ token });
export const forgotPasswordSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((value) => value.trim().toLowerCase()),
});
export const resetPasswordSchema = z.strictObject({ token, password: newPassword });
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword,
});

export class VerifyEmailDto extends createZodDto(verifyEmailSchema) {}
export class ForgotPasswordDto extends createZodDto(forgotPasswordSchema) {}
export class ResetPasswordDto extends createZodDto(resetPasswordSchema) {}
export class ChangePasswordDto extends createZodDto(changePasswordSchema) {}
