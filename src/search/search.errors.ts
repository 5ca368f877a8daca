import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum SearchErrorCode {
  InvalidQuery = 'INVALID_QUERY',
  QueryTooLong = 'QUERY_TOO_LONG',
  TooManyTerms = 'TOO_MANY_TERMS',
  /** Another instance held a conversation's index lock too long; the indexer retries (never shown to users). */
  IndexBusy = 'SEARCH_INDEX_BUSY',
}

export const SearchError = defineErrors<SearchErrorCode>('SearchError', {
  [SearchErrorCode.InvalidQuery]: {
    kind: ErrorKind.Invalid,
    message: 'The query has nothing to search for: give words of letters, digits or emoji',
  },
  [SearchErrorCode.QueryTooLong]: { kind: ErrorKind.Invalid, message: 'The query is too long' },
  [SearchErrorCode.TooManyTerms]: { kind: ErrorKind.Invalid, message: 'The query has too many terms' },
  [SearchErrorCode.IndexBusy]: {
    kind: ErrorKind.Unavailable,
    message: 'The search index of this conversation is busy; try again',
  },
});
