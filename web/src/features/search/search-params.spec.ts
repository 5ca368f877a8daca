import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { searchErrorText } from './search-errors';
import { formFromParams, formProblem, paramsFromForm, type SearchForm, searchQuery } from './search-params';

const blank: SearchForm = { q: '', conversation: '', from: '', has: '', after: '', before: '' };

describe('the search form in the URL', () => {
  it('reads what the URL holds and ignores unknown filters and malformed days', () => {
    const form = formFromParams(
      new URLSearchParams(
        'q=hello+"big+day"&conversation=c1&from=u1&has=gif&after=2024-02-30x&before=2024-03-01',
      ),
    );
    expect(form).toEqual({
      q: 'hello "big day"',
      conversation: 'c1',
      from: 'u1',
      has: '',
      after: '',
      before: '2024-03-01',
    });
  });

  it('writes only what is set, and reads it back the same', () => {
    const form: SearchForm = { ...blank, q: 'rep*', has: 'image', after: '2024-01-02' };
    const params = paramsFromForm(form);
    expect(params.toString()).toBe('q=rep*&has=image&after=2024-01-02');
    expect(formFromParams(params)).toEqual(form);
  });
});

describe('searchQuery', () => {
  it('sends the trimmed text, the filters set, both days included as local midnights, and the cursor', () => {
    const query = searchQuery(
      {
        q: '  deploy ',
        conversation: 'c1',
        from: 'u1',
        has: 'link',
        after: '2024-03-04',
        before: '2024-03-08',
      },
      'next',
    );
    expect(query).toEqual({
      q: 'deploy',
      conversationId: 'c1',
      from: 'u1',
      has: 'link',
      after: new Date(2024, 2, 4).toISOString(),
      before: new Date(2024, 2, 9).toISOString(),
      cursor: 'next',
      limit: 20,
    });
  });

  it('leaves unset filters out', () => {
    expect(searchQuery({ ...blank, q: 'x' })).toEqual({ q: 'x', limit: 20 });
  });

  it('crosses months and years when the last day is the last of one', () => {
    expect(searchQuery({ ...blank, q: 'x', before: '2024-12-31' }).before).toBe(
      new Date(2025, 0, 1).toISOString(),
    );
  });

  it('finds days the wrong way round', () => {
    expect(formProblem({ ...blank, after: '2024-03-05', before: '2024-03-04' })).toMatch(/after the last/);
    expect(formProblem({ ...blank, after: '2024-03-04', before: '2024-03-04' })).toBeNull();
  });
});

describe('searchErrorText', () => {
  it('words the query errors', () => {
    const error = (code: string) => new ApiError(400, { code, message: 'raw' });
    expect(searchErrorText(error('INVALID_QUERY'))).toMatch(/at least 3 letters before the \*/);
    expect(searchErrorText(error('QUERY_TOO_LONG'))).toMatch(/at most 256 characters/);
    expect(searchErrorText(error('TOO_MANY_TERMS'))).toMatch(/too many words/);
    expect(searchErrorText(error('SOMETHING_ELSE'))).toBe('raw');
  });
});
