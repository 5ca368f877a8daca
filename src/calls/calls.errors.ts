import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum CallsErrorCode {
  NotFound = 'CALL_NOT_FOUND',
  Ended = 'CALL_ENDED',
  Full = 'CALL_FULL',
  AlreadyInCall = 'ALREADY_IN_CALL',
  AnsweredElsewhere = 'CALL_ANSWERED_ELSEWHERE',
  SignalTooLarge = 'CALL_SIGNAL_TOO_LARGE',
}

export const CallsError = defineErrors<CallsErrorCode>('CallsError', {
  // An unknown call, someone else's, or a device that is not in it: all answer the same, revealing nothing.
  [CallsErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Call not found' },
  [CallsErrorCode.Ended]: { kind: ErrorKind.Conflict, message: 'The call has ended' },
  [CallsErrorCode.Full]: { kind: ErrorKind.Conflict, message: 'The call has as many participants as it may' },
  [CallsErrorCode.AlreadyInCall]: {
    kind: ErrorKind.Conflict,
    message: 'You are in another call; end it first',
  },
  [CallsErrorCode.AnsweredElsewhere]: {
    kind: ErrorKind.Conflict,
    message: 'The call was answered on another of your devices',
  },
  [CallsErrorCode.SignalTooLarge]: { kind: ErrorKind.TooLarge, message: 'The signal is too large' },
});
