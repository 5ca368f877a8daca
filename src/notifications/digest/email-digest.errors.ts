import { defineErrors, ErrorKind } from '../../common/errors/app-error';

export enum EmailDigestErrorCode {
  UnsubscribeTokenInvalid = 'UNSUBSCRIBE_TOKEN_INVALID',
}

export const EmailDigestError = defineErrors<EmailDigestErrorCode>('EmailDigestError', {
  [EmailDigestErrorCode.UnsubscribeTokenInvalid]: {
    kind: ErrorKind.Invalid,
    message: 'This unsubscribe link is not valid',
  },
});
