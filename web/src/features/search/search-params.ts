import type { SearchHas } from '../../api/types';

export type HasFilter = SearchHas;

/** What `has=` accepts (`GET /search/messages`), as the filter offers it; a Record, so none is left out. */
export const HAS_LABELS: Record<HasFilter, string> = {
  attachment: 'Any attachment',
  link: 'A link',
  image: 'An image',
  video: 'A video',
  audio: 'Audio or a voice message',
  file: 'A file',
};

export const HAS_FILTERS = Object.keys(HAS_LABELS) as HasFilter[];

/** The server's SEARCH_MAX_QUERY_CHARS default: longer text is refused, so the box stops there. */
export const MAX_QUERY_CHARS = 256;

export const SEARCH_PAGE_SIZE = 20;

/**
 * A message search as the page's URL holds it (shareable, kept on reload and on "Back" from a hit); dates are
 * the `YYYY-MM-DD` of date inputs, both days included. Empty strings mean "no filter".
 */
export interface SearchForm {
  q: string;
  conversation: string;
  from: string;
  has: HasFilter | '';
  after: string;
  before: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function formFromParams(params: URLSearchParams): SearchForm {
  const has = params.get('has') ?? '';
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  return {
    q: params.get('q') ?? '',
    conversation: params.get('conversation') ?? '',
    from: params.get('from') ?? '',
    has: (HAS_FILTERS as readonly string[]).includes(has) ? (has as HasFilter) : '',
    after: day('after'),
    before: day('before'),
  };
}

const FORM_KEYS: ReadonlyArray<keyof SearchForm> = ['q', 'conversation', 'from', 'has', 'after', 'before'];

export function paramsFromForm(form: SearchForm): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FORM_KEYS) {
    if (form[key]) {
      params.set(key, form[key]);
    }
  }
  return params;
}

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as an ISO instant. */
export function localDayStart(day: string, days = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + days).toISOString();
}

/** Why the form cannot be searched yet, or null: nothing to search for, or dates the wrong way round. */
export function formProblem(form: SearchForm): string | null {
  if (form.after && form.before && form.after > form.before) {
    return 'The first day is after the last day.';
  }
  return null;
}

/**
 * `GET /search/messages` query for one page: the days as local midnights, the last day included (before the
 * next day's midnight), as people mean "from Monday to Friday".
 */
export function searchQuery(form: SearchForm, cursor?: string): Record<string, string | number | undefined> {
  return {
    q: form.q.trim(),
    conversationId: form.conversation || undefined,
    from: form.from || undefined,
    has: form.has || undefined,
    after: form.after ? localDayStart(form.after) : undefined,
    before: form.before ? localDayStart(form.before, 1) : undefined,
    cursor,
    limit: SEARCH_PAGE_SIZE,
  };
}

/** Whether the search box holds something to send (the server refuses empty queries). */
export function hasQuery(form: SearchForm): boolean {
  return form.q.trim().length > 0;
}
