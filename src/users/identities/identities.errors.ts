import { defineErrors, ErrorKind } from '../../common/errors/app-error';

export enum IdentitiesErrorCode {
  NotLinked = 'IDENTITY_NOT_LINKED',
  LastLoginMethod = 'LAST_LOGIN_METHOD',
  AlreadyLinked = 'IDENTITY_ALREADY_LINKED',
  LinkedToAnotherUser = 'IDENTITY_LINKED_TO_ANOTHER_USER',
}

export const IdentitiesError = defineErrors<IdentitiesErrorCode>('IdentitiesError', {
  [IdentitiesErrorCode.NotLinked]: {
    kind: ErrorKind.NotFound,
    message: 'No identity of this provider is linked to your account',
  },
  [IdentitiesErrorCode.LastLoginMethod]: {
    kind: ErrorKind.Conflict,
    message: 'This is your only way to log in; set a password or link another provider first',
  },
  [IdentitiesErrorCode.AlreadyLinked]: {
    kind: ErrorKind.Conflict,
    message: 'Your account already has an identity of this provider; unlink it first',
  },
  [IdentitiesErrorCode.LinkedToAnotherUser]: {
    kind: ErrorKind.Conflict,
    message: 'This provider account is already linked to another user',
  },
});
