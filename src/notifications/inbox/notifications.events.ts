import type { NotificationKind } from '../../realtime/server-events';

/** In-process domain events of the inbox (`@nestjs/event-emitter`); email digests listen. */
export enum NotificationsDomainEvent {
  /** An entry was created or grew (never for a repeated source or a suppressed one). */
  Created = 'notifications.created',
}

export interface NotificationCreatedEvent {
  userId: string;
  notificationId: string;
  kind: NotificationKind;
  /** The deliver asked for email escalation (`deliver(..., { email: true })`). */
  escalateByEmail?: boolean;
}
