import { ApiError, errorMessage } from '../../api/api-error';
import { MAX_QUERY_CHARS } from './search-params';

/** What the user reads for each error code search answers with (docs/rest-api.md, Search). */
const MESSAGES: Record<string, string> = {
  INVALID_QUERY:
    'Nothing to search for there. Search for words, a "quoted phrase", or the start of a word with * (at least 3 letters before the *).',
  QUERY_TOO_LONG: `This search is too long: use at most ${MAX_QUERY_CHARS} characters.`,
  TOO_MANY_TERMS: 'This search has too many words. Use fewer words (a "quoted phrase" counts as one).',
  VALIDATION_FAILED: 'A filter is not valid. Check the dates and try again.',
  RATE_LIMITED: 'Too many searches at once. Wait a moment and try again.',
};

export function searchErrorText(error: unknown): string {
  if (error instanceof ApiError && MESSAGES[error.code]) {
    return MESSAGES[error.code];
  }
  return errorMessage(error);
}
