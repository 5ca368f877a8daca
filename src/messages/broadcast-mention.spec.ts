import { broadcastMentionOf } from './broadcast-mention';

describe('broadcastMentionOf', () => {
  it.each([
    ['@all please read', 'all'],
    ['hey @here, standup', 'here'],
    ['(@here)', 'here'],
    ['@HERE now', 'here'],
    ['@here and also @all', 'all'],
    ['line one\n@all', 'all'],
    ['done.@here', null],
    ['mail me at ops@here.example', null],
    ['@heretic and @allison', null],
    ['@@all', null],
    ['@all-hands is a channel name', null],
    ['nothing to see', null],
    ['', null],
  ])('reads %j as %s', (content, expected) => {
    expect(broadcastMentionOf(content)).toBe(expected);
  });
});
