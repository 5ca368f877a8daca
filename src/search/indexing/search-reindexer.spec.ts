import { SearchIndexState } from './search-index-state.schema';
import { describe as describeProgress, freshProgress, needsBuild } from './search-reindexer';

const state = (fields: Partial<SearchIndexState>): SearchIndexState => ({
  _id: 'messages',
  progress: null,
  completed: null,
  ...fields,
});

describe('needsBuild', () => {
  it('asks for a build until one completed under the write key, or when one was started again', () => {
    const completed = { keyId: 'k2', completedAt: new Date() };
    expect(needsBuild(null, 'k2')).toBe(true);
    expect(needsBuild(state({ completed: { ...completed, keyId: 'k1' } }), 'k2')).toBe(true);
    expect(needsBuild(state({ completed }), 'k2')).toBe(false);
    expect(needsBuild(state({ completed, progress: freshProgress('k2') }), 'k2')).toBe(true);
    expect(needsBuild(state({ completed, progress: freshProgress('k1') }), 'k2')).toBe(false);
  });
});

describe('the progress line', () => {
  it('reports conversations reached of the estimate, below 100% until completed', () => {
    const progress = { ...freshProgress('k1'), conversations: 3, messages: 250, estimatedConversations: 3 };
    expect(describeProgress(progress)).toBe('Search re-index: 3 conversations, 250 messages, 99%');
    expect(describeProgress({ ...progress, conversations: 1 })).toBe(
      'Search re-index: 1 conversations, 250 messages, 33%',
    );
    expect(describeProgress(progress, true)).toBe('Search re-index: 3 conversations, 250 messages, 100%');
  });
});
