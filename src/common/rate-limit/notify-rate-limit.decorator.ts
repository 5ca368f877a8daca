import { SetMetadata } from '@nestjs/common';

export const NOTIFY_RATE_LIMITED = 'parley:notify-rate-limited';

/**
 * Marks a route that sends notifications for a service (`POST /notify`): besides the general limit it gets
 * the per-API-key `notify` limit, because one request may fan out to a thousand users.
 */
export const NotifyRateLimit = (): MethodDecorator => SetMetadata(NOTIFY_RATE_LIMITED, true);
