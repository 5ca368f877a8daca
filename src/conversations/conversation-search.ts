import { Inject, Injectable } from '@nestjs/common';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { queryKeys, searchWords } from '../common/text/search-words';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { ConversationsRepository } from './conversations.repository';
import { MembershipCache } from './membership-cache';

/**
 * Members' names find conversations of at most this many members (direct chats, small groups): in a large
 * group some member matches almost any name, so there only its title finds it.
 */
export const NAME_MATCH_MAX_MEMBERS = 100;

/**
 * The conversation list's filter (`GET /conversations?q=`): a conversation is found when every word of the
 * query starts a word of its title or of another member's display name ("ana design" finds the group
 * "Design" that Ana is in), compared as user search compares names (case and accents folded).
 */
@Injectable()
export class ConversationSearch {
  constructor(
    private readonly repository: ConversationsRepository,
    private readonly cache: MembershipCache,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Of the caller's conversations given, those `q` finds; 400 VALIDATION_FAILED when `q` is too long. */
  async matching(userId: string, conversationIds: readonly string[], q: string): Promise<string[]> {
    const max = this.config.search.maxQueryChars;
    if ([...q].length > max) {
      throw new CommonError(CommonErrorCode.ValidationFailed, undefined, [
        { path: 'q', message: `must be at most ${max} characters` },
      ]);
    }
    const words = queryKeys(q);
    if (words.length === 0 || conversationIds.length === 0) {
      return [];
    }
    const [titles, others] = await Promise.all([
      this.repository.titlesOf(conversationIds),
      Promise.all(conversationIds.map((id) => this.namedMembers(id, userId))),
    ]);
    const names = await this.users.namesWithAnyKey([...new Set(others.flat())], words);
    const nameWords = new Map(names.map(({ id, displayName }) => [id, searchWords(displayName)]));
    return conversationIds.filter((id, index) => {
      const titleWords = searchWords(titles.get(id) ?? '');
      return words.every(
        (word) =>
          startsAWord(titleWords, word) ||
          others[index].some((memberId) => startsAWord(nameWords.get(memberId) ?? [], word)),
      );
    });
  }

  /** The members other than the caller whose names may find the conversation (none in a large one). */
  private async namedMembers(conversationId: string, userId: string): Promise<string[]> {
    const members = await this.cache.members(conversationId);
    if (members.size > NAME_MATCH_MAX_MEMBERS) {
      return [];
    }
    return [...members.keys()].filter((memberId) => memberId !== userId);
  }
}

function startsAWord(words: readonly string[], prefix: string): boolean {
  return words.some((word) => word.startsWith(prefix));
}
