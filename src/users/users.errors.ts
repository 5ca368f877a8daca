import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum UsersErrorCode {
  NotFound = 'USER_NOT_FOUND',
  CannotBlockSelf = 'CANNOT_BLOCK_SELF',
  LastAdmin = 'LAST_ADMIN',
  RoleTooHigh = 'TARGET_ROLE_TOO_HIGH',
  NotSuspended = 'USER_NOT_SUSPENDED',
  SuspensionTooShort = 'SUSPENSION_TOO_SHORT',
  Disabled = 'USER_DISABLED',
}

export const UsersError = defineErrors<UsersErrorCode>('UsersError', {
  [UsersErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'User not found' },
  [UsersErrorCode.CannotBlockSelf]: { kind: ErrorKind.Invalid, message: 'You cannot block yourself' },
  [UsersErrorCode.LastAdmin]: {
    kind: ErrorKind.Conflict,
    message: 'The last admin cannot stop being one; appoint another admin first',
  },
  [UsersErrorCode.RoleTooHigh]: {
    kind: ErrorKind.Forbidden,
    message: 'Moderators may act on members only, not on moderators or admins',
  },
  [UsersErrorCode.NotSuspended]: { kind: ErrorKind.Conflict, message: 'This user is not suspended' },
  [UsersErrorCode.SuspensionTooShort]: {
    kind: ErrorKind.Invalid,
    message: 'The suspension is shorter than the shortest allowed',
  },
  [UsersErrorCode.Disabled]: {
    kind: ErrorKind.Conflict,
    message: 'This account is disabled; enable it before suspending it',
  },
});
