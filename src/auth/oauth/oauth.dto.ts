import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AuthResponse } from '../auth.dto';
import { OAuthProvider } from '../../users/identities/identity.schema';
import { providerSchema } from '../identities/identities.dto';

const opaque = z.string().min(1).max(200);

export const startQuerySchema = z.strictObject({
  returnTo: z.string().min(1).max(2000).optional(),
  /** A one-time ticket from POST /auth/oauth/link-ticket: the flow links instead of logging in. */
  link: opaque.optional(),
});
export class StartQueryDto extends createZodDto(startQuerySchema) {}

/**
 * Providers append their own extras to the callback (Google: scope, authuser, prompt, hd), so unknown keys
 * are tolerated here, but every value must be a single string: `state[$ne]=` style input is a 400.
 */
export const callbackQuerySchema = z
  .object({
    code: z.string().max(2000).optional(),
    state: z.string().max(200).optional(),
    error: z.string().max(200).optional(),
  })
  .catchall(z.string().max(2000));
export class CallbackQueryDto extends createZodDto(callbackQuerySchema) {}

export const exchangeSchema = z.strictObject({ code: opaque });
export class ExchangeDto extends createZodDto(exchangeSchema) {}

export const linkTicketSchema = z.strictObject({
  provider: providerSchema,
  returnTo: z.string().min(1).max(2000).optional(),
});
export class LinkTicketDto extends createZodDto(linkTicketSchema) {}

export type ExchangeResponse = AuthResponse;

export interface LinkTicketResponse {
  /** Navigate the browser here (valid once, for 60 s) to link the provider to the caller's account. */
  url: string;
}

export interface ProvidersResponse {
  /** The providers configured on this server (a client shows only these buttons). */
  providers: OAuthProvider[];
}
