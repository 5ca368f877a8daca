import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { AccountEmailController } from './email/account-email.controller';
import { AccountEmailService } from './email/account-email.service';
import { EmailTokensStore } from './email/email-tokens.store';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { RolesGuard } from './roles.guard';
import { PresenceModule } from '../presence/presence.module';
import { RefreshToken, RefreshTokenSchema } from './refresh-token.schema';
import { Session, SessionSchema } from './session.schema';
import { SessionLivenessCache } from './session-liveness.cache';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { IdentitiesController } from './identities/identities.controller';
import { OAuthAccountsService } from './oauth/oauth-accounts.service';
import { OAuthStateStore } from './oauth/oauth-state.store';
import { OAuthStrategies } from './oauth/oauth-strategies';
import { OAuthController } from './oauth/oauth.controller';
import { OAuthService } from './oauth/oauth.service';
import { OneTimeTokens } from './oauth/one-time-tokens';

@Module({
  imports: [
    AuditModule,
    UsersModule,
    MailModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public
        // key on every verify, which costs more than the HMAC itself.
        const key = createSecretKey(Buffer.from(config.auth.accessTokenSecret));
        return { secretOrKeyProvider: () => key };
      },
    }),
    PresenceModule,
    MongooseModule.forFeature([
      { name: Session.name, schema: SessionSchema },
      { name: RefreshToken.name, schema: RefreshTokenSchema },
    ]),
  ],
  controllers: [AuthController, AccountEmailController, OAuthController, IdentitiesController],
  providers: [
    AccessTokenService,
    AuthService,
    AccountEmailService,
    EmailTokensStore,
    PasswordHasher,
    SessionsRepository,
    SessionLivenessCache,
    SessionsService,
    OAuthAccountsService,
    OAuthStateStore,
    OAuthStrategies,
    OAuthService,
    OneTimeTokens,
    // Order matters: authenticate first, then check roles.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AccessTokenService, SessionsService, PasswordHasher],
})
export class AuthModule {}
