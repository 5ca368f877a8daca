import { Injectable } from '@nestjs/common';
import { UserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { MemberSummary } from './conversations.dto';
import { ConversationsRepository, MembershipRecord } from './conversations.repository';

const SUMMARY_SIZE = 10;

/** Members with their names and avatars, as conversation views show them. */
@Injectable()
export class MemberSummaries {
  constructor(
    private readonly repository: ConversationsRepository,
    private readonly users: UsersService,
  ) {}

  /** Up to a few members of each conversation (`memberCount` tells the full size), one user lookup for all. */
  async of(conversationIds: readonly string[]): Promise<MemberSummary[][]> {
    const shown = await Promise.all(conversationIds.map((id) => this.repository.members(id, SUMMARY_SIZE)));
    const users = await this.usersOf(shown.flat());
    return shown.map((members) => this.summarise(members, users));
  }

  async ofMember(membership: MembershipRecord): Promise<MemberSummary> {
    const [summary] = this.summarise([membership], await this.usersOf([membership]));
    return summary;
  }

  private async usersOf(memberships: readonly MembershipRecord[]): Promise<Map<string, UserRecord>> {
    const ids = [...new Set(memberships.map((m) => m.userId.toHexString()))];
    return new Map((await this.users.findByIds(ids)).map((user) => [user._id.toHexString(), user]));
  }

  private summarise(
    shown: readonly MembershipRecord[],
    users: ReadonlyMap<string, UserRecord>,
  ): MemberSummary[] {
    return shown.map((m) => {
      const user = users.get(m.userId.toHexString());
      return {
        userId: m.userId.toHexString(),
        displayName: user?.displayName ?? 'Deleted user',
        avatarUrl: user?.avatarUrl ?? null,
        role: m.role,
      };
    });
  }
}
