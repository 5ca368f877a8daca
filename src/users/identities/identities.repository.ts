import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../common/database/write-errors';
import { Identity, OAuthProvider } from './identity.schema';

export type IdentityRecord = Identity & { _id: Types.ObjectId };

export type NewIdentity = Omit<Identity, 'userId' | 'linkedAt'> & { userId: string };

@Injectable()
export class IdentitiesRepository {
  constructor(@InjectModel(Identity.name) private readonly identities: Model<Identity>) {}

  findByProviderId(provider: OAuthProvider, providerUserId: string): Promise<IdentityRecord | null> {
    return this.identities.findOne({ provider, providerUserId }).lean<IdentityRecord>().exec();
  }

  findByUser(userId: string): Promise<IdentityRecord[]> {
    return this.identities
      .find({ userId: new Types.ObjectId(userId) })
      .sort({ provider: 1 })
      .lean<IdentityRecord[]>()
      .exec();
  }

  /** Inserts the identity; returns false when the provider account or the user's provider slot is taken. */
  async insert(identity: NewIdentity): Promise<boolean> {
    try {
      await this.identities.create({
        ...identity,
        userId: new Types.ObjectId(identity.userId),
        linkedAt: new Date(),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  async remove(userId: string, provider: OAuthProvider): Promise<boolean> {
    const result = await this.identities.deleteOne({ userId: new Types.ObjectId(userId), provider }).exec();
    return result.deletedCount === 1;
  }

  async removeAllOf(userId: string): Promise<void> {
    await this.identities.deleteMany({ userId: new Types.ObjectId(userId) }).exec();
  }
}
