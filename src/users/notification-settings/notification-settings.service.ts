import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UsersError, UsersErrorCode } from '../users.errors';
import { UsersRepository } from '../users.repository';
import { NotificationSettings, StoredNotificationSettings, withDefaults } from './notification-settings';

/** Account-wide notification settings: email digests, Web Push, quiet hours. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(userId: string): Promise<NotificationSettings> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    return this.complete(user.notificationSettings);
  }

  /** Every user asked about gets settings: the defaults when they chose none (or do not exist). */
  async settingsOf(userIds: readonly string[]): Promise<Map<string, NotificationSettings>> {
    const stored = await this.users.notificationSettingsOf(userIds);
    return new Map(userIds.map((userId) => [userId, this.complete(stored.get(userId))]));
  }

  async update(userId: string, changes: StoredNotificationSettings): Promise<NotificationSettings> {
    const user = await this.users.setNotificationSettings(userId, changes);
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    return this.complete(user.notificationSettings);
  }

  /** The one-click unsubscribe of a digest email; false when there is no such account (any more). */
  async disableEmailDigest(userId: string): Promise<boolean> {
    return (await this.users.setNotificationSettings(userId, { emailDigest: false })) !== null;
  }

  private complete(stored: StoredNotificationSettings | undefined): NotificationSettings {
    return withDefaults(stored, this.config.notifications.emailDelayMinutes);
  }
}
