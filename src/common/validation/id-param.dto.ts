import { createZodDto } from 'nestjs-zod';
import { idParamSchema } from './object-id';

/** `:id` route params. */
export class IdParamDto extends createZodDto(idParamSchema) {}
