import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum UsersErrorCode {
  NotFound = 'USER_NOT_FOUND',
  CannotBlockSelf = 'CANNOT_BLOCK_SELF',
}

export const UsersError = defineErrors<UsersErrorCode>('UsersError', {
  [UsersErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'User not found' },
  [UsersErrorCode.CannotBlockSelf]: { kind: ErrorKind.Invalid, message: 'You cannot block yourself' },
});
