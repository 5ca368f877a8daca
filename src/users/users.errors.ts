import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum UsersErrorCode {
  NotFound = 'USER_NOT_FOUND',
}

export const UsersError = defineErrors<UsersErrorCode>('UsersError', {
  [UsersErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'User not found' },
});
