import { Injectable } from '@nestjs/common';
import { UserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { MemberSummary } from './conversations.dto';
import { MembershipRecord } from './conversations.repository';
import { MemberRole } from './membership.schema';
import { MembershipCache } from './membership-cache';

const SUMMARY_SIZE = 10;

interface Shown {
  userId: string;
  role: MemberRole;
}

/** Members with their names and avatars, as conversation views show them. */
@Injectable()
export class MemberSummaries {
  constructor(
    private readonly cache: MembershipCache,
    private readonly users: UsersService,
  ) {}

  /** Up to a few members of each conversation (`memberCount` tells the full size), one user lookup for all. */
  async of(conversationIds: readonly string[]): Promise<MemberSummary[][]> {
    const shown = await Promise.all(
      conversationIds.map(async (id) =>
        [...(await this.cache.members(id))]
          .slice(0, SUMMARY_SIZE)
          .map(([userId, role]): Shown => ({ userId, role })),
      ),
    );
    const users = await this.usersOf(shown.flat());
    return shown.map((members) => this.summarise(members, users));
  }

  async ofMember(membership: MembershipRecord): Promise<MemberSummary> {
    const shown = { userId: membership.userId.toHexString(), role: membership.role };
    const [summary] = this.summarise([shown], await this.usersOf([shown]));
    return summary;
  }

  private async usersOf(shown: readonly Shown[]): Promise<Map<string, UserRecord>> {
    const ids = [...new Set(shown.map((m) => m.userId))];
    return new Map((await this.users.findByIds(ids)).map((user) => [user._id.toHexString(), user]));
  }

  private summarise(shown: readonly Shown[], users: ReadonlyMap<string, UserRecord>): MemberSummary[] {
    return shown.map((m) => {
      const user = users.get(m.userId);
      return {
        userId: m.userId,
        displayName: user?.displayName ?? 'Deleted user',
        avatarUrl: user?.avatarUrl ?? null,
        role: m.role,
      };
    });
  }
}
