import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { Role } from '../common/auth/role';
import type { StoredNotificationSettings } from './notification-settings/notification-settings';

export enum UserStatus {
  Active = 'active',
  Disabled = 'disabled',
  /** Set by a moderator or admin, for a time or until lifted; distinct from `disabled` (an account closed). */
  Suspended = 'suspended',
  /** The owner asked for the account to be deleted; the erasure job is under way (it may be resumed). */
  Deleting = 'deleting',
  /** Erased: personal fields are gone, only the id remains (messages and receipts refer to it). */
  Deleted = 'deleted',
}

/** What a deleted account shows wherever its profile is resolved. */
export const DELETED_ACCOUNT_NAME = 'Deleted account';

@Schema({ collection: 'users', timestamps: true })
export class User {
  /** Normalised (trimmed, lower-cased) address; absent for OAuth users whose provider gave none. */
  @Prop({ type: String })
  email?: string;

  /**
   * Unique key for `email`. FerretDB v1 has no sparse or partial indexes, so users without an email get a
   * per-user placeholder (`none:<id>`) here instead, and the unique index still holds.
   */
  @Prop({ type: String, required: true, unique: true })
  emailKey!: string;

  @Prop({ type: Boolean, default: false })
  emailVerified!: boolean;

  @Prop({ type: String, required: true })
  displayName!: string;

  /**
   * Every prefix of every word of `displayName`, folded as search folds them (common/text/search-words). The
   * multikey index serves user search's `nameKeys: { $all: [...] }`: a prefix search by equality.
   */
  @Prop({ type: [String], default: undefined, index: true })
  nameKeys?: string[];

  @Prop({ type: String })
  avatarUrl?: string;

  @Prop({ type: String, enum: Object.values(Role), default: Role.Member })
  role!: Role;

  @Prop({ type: String, enum: Object.values(UserStatus), default: UserStatus.Active })
  status!: UserStatus;

  /** While suspended: when the suspension lifts itself (null: until lifted by hand). */
  @Prop({ type: Date, default: undefined })
  suspendedUntil?: Date | null;

  @Prop({ type: String })
  suspensionReason?: string;

  /**
   * Names the current suspension: its scheduled lift carries it and does nothing once another suspension or
   * a lift by hand replaced it.
   */
  @Prop({ type: String })
  suspensionId?: string;

  /** Privacy: when true, presence answers and events show no last-seen time for this user. */
  @Prop({ type: Boolean, default: false })
  hideLastSeen!: boolean;

  /** What the user chose of their notification settings; the rest follows the defaults. */
  @Prop({ type: Object, default: undefined })
  notificationSettings?: StoredNotificationSettings;

  /** When the owner asked for deletion (status `deleting`, then `deleted`). */
  @Prop({ type: Date })
  deletionRequestedAt?: Date;

  /** argon2id hash; absent for accounts that only log in through a provider. */
  @Prop({ type: String })
  passwordHash?: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);
