import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum ModerationErrorCode {
  TargetNotFound = 'REPORT_TARGET_NOT_FOUND',
  CannotReportSelf = 'CANNOT_REPORT_SELF',
  AlreadyOpen = 'REPORT_ALREADY_OPEN',
  NotFound = 'REPORT_NOT_FOUND',
  AlreadyResolved = 'REPORT_ALREADY_RESOLVED',
  ActionNotApplicable = 'ACTION_NOT_APPLICABLE',
}

export const ModerationError = defineErrors<ModerationErrorCode>('ModerationError', {
  // One answer for unknown targets and targets the reporter cannot see: a report reveals nothing.
  [ModerationErrorCode.TargetNotFound]: { kind: ErrorKind.NotFound, message: 'Nothing to report found' },
  [ModerationErrorCode.CannotReportSelf]: {
    kind: ErrorKind.Invalid,
    message: 'You cannot report yourself or your own messages',
  },
  [ModerationErrorCode.AlreadyOpen]: {
    kind: ErrorKind.Conflict,
    message: 'You already have an open report on this; it will be reviewed',
  },
  [ModerationErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Report not found' },
  [ModerationErrorCode.AlreadyResolved]: {
    kind: ErrorKind.Conflict,
    message: 'This report was already resolved',
  },
  [ModerationErrorCode.ActionNotApplicable]: {
    kind: ErrorKind.Invalid,
    message: 'This action does not apply to what was reported',
  },
});
