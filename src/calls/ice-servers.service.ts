import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { IceServer } from '../realtime/server-events';
import { signTurnCredential } from './turn-credentials';

export interface IceServersResponse {
  /** Empty when neither STUN nor TURN is configured: peers then use their host candidates only. */
  readonly iceServers: readonly IceServer[];
  /** How long the TURN credential is valid; clients fetch again before it runs out. */
  readonly ttlSeconds: number;
}

/** The ICE servers a user's calls use: the configured STUN servers and TURN with a credential of their own. */
@Injectable()
export class IceServersService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forUser(userId: string): IceServersResponse {
    const { stunUrls, turn, credentialTtlSeconds } = this.config.calls;
    const iceServers: IceServer[] = [];
    if (stunUrls.length > 0) {
      iceServers.push({ urls: stunUrls });
    }
    if (turn) {
      const { username, credential } = signTurnCredential(turn.sharedSecret, userId, credentialTtlSeconds);
      iceServers.push({ urls: turn.urls, username, credential });
    }
    return { iceServers, ttlSeconds: credentialTtlSeconds };
  }
}
