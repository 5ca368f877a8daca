import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { OAUTH_PROVIDERS } from '../../users/identities/identity.schema';

export const providerSchema = z.enum(OAUTH_PROVIDERS);

export const providerParamSchema = z.strictObject({ provider: providerSchema });
export class ProviderParamDto extends createZodDto(providerParamSchema) {}
