import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../../common/validation/object-id';

export const UserIdParamSchema = z.strictObject({ userId: objectIdSchema });
export class UserIdParamDto extends createZodDto(UserIdParamSchema) {}
