import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { IdentitiesService } from '../../users/identities/identities.service';
import { UsersService } from '../../users/users.service';
import { OAuthError, OAuthErrorCode } from './oauth.errors';
import { ProviderProfile } from './provider-profile';

const MAX_DISPLAY_NAME = 64;

/**
 * Who a provider login belongs to. Identities are found by (provider, provider user id), never by email.
 * An email match links automatically only when the provider and the existing account both say the address
 * is verified; anything else could let whoever registered an address first take over (or be taken over by)
 * the other account, so the user must log in and link explicitly.
 */
@Injectable()
export class OAuthAccountsService {
  constructor(
    private readonly users: UsersService,
    private readonly identities: IdentitiesService,
  ) {}

  /** The id of the user this provider login logs in, linking or creating one when the rules allow. */
  async resolveLogin(profile: ProviderProfile): Promise<string> {
    const known = await this.identities.userIdOf(profile.provider, profile.providerUserId);
    if (known) {
      return known;
    }
    const sameEmail = profile.email ? await this.users.findByEmail(profile.email) : null;
    if (sameEmail) {
      if (!profile.emailVerified || !sameEmail.emailVerified) {
        throw new OAuthError(OAuthErrorCode.AccountExistsUnverified);
      }
      const userId = sameEmail._id.toHexString();
      await this.linkTo(userId, profile);
      return userId;
    }
    return this.createFor(profile);
  }

  /** Explicit linking by a logged-in user: no email rule applies, the user proved both logins. */
  linkTo(userId: string, profile: ProviderProfile): Promise<void> {
    return this.identities.link({
      userId,
      provider: profile.provider,
      providerUserId: profile.providerUserId,
      email: profile.email,
      emailVerified: profile.emailVerified,
    });
  }

  /**
   * The identity is claimed before the user is inserted, so of two concurrent first logins with the same
   * provider account only one creates a user and the other logs into it. An unverified provider address is
   * not given to the new account: it would claim someone else's email.
   */
  private async createFor(profile: ProviderProfile): Promise<string> {
    const id = new Types.ObjectId();
    const userId = id.toHexString();
    const owner = await this.claim(userId, profile);
    if (owner !== userId) {
      return owner;
    }
    const verifiedEmail = profile.emailVerified ? profile.email : undefined;
    const user = await this.users.createWithId(id, {
      email: verifiedEmail,
      emailVerified: verifiedEmail !== undefined,
      displayName: profile.displayName.trim().slice(0, MAX_DISPLAY_NAME) || profile.provider,
      avatarUrl: profile.avatarUrl,
    });
    if (!user) {
      // The address was registered between our lookup and the insert.
      await this.identities.release(userId, profile.provider);
      throw new OAuthError(OAuthErrorCode.AccountExistsUnverified);
    }
    return userId;
  }

  /** Links the identity to `userId`; answers the user who holds it (someone else when they won a race). */
  private async claim(userId: string, profile: ProviderProfile): Promise<string> {
    try {
      await this.linkTo(userId, profile);
      return userId;
    } catch (error) {
      const owner = await this.identities.userIdOf(profile.provider, profile.providerUserId);
      if (owner) {
        return owner;
      }
      throw error;
    }
  }
}
