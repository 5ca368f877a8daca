/** A daily period in the user's time zone when nothing is pushed or emailed; it may wrap midnight. */
export interface QuietHours {
  /** `HH:MM`, 24-hour clock. */
  start: string;
  end: string;
  /** An IANA time zone name, e.g. `Europe/Lisbon`. */
  timeZone: string;
}

/** A user's account-wide notification settings (`/users/me/notification-settings`). */
export interface NotificationSettings {
  /** Unread mentions, direct messages and missed calls are emailed after `emailDelayMinutes`. */
  emailDigest: boolean;
  emailDelayMinutes: number;
  /** Web Push to the user's devices at all. */
  push: boolean;
  quietHours: QuietHours | null;
}

/** What a user chose; anything not chosen follows the server's defaults. */
export type StoredNotificationSettings = Partial<NotificationSettings>;

export function withDefaults(
  stored: StoredNotificationSettings | undefined,
  defaultDelayMinutes: number,
): NotificationSettings {
  return {
    emailDigest: stored?.emailDigest ?? true,
    emailDelayMinutes: stored?.emailDelayMinutes ?? defaultDelayMinutes,
    push: stored?.push ?? true,
    quietHours: stored?.quietHours ?? null,
  };
}
