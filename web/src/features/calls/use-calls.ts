import { useMemo, useSyncExternalStore } from 'react';
import type { MemberSummary } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import type { CallSnapshot } from '../../calls/call-engine';
import { useConversations } from '../../chat/hooks';

/** The call engine's state (ringing, the call this device is in, its peers), re-rendering as it changes. */
export function useCalls(): CallSnapshot {
  const { session } = useSignedIn();
  return useSyncExternalStore(session.calls.subscribe, session.calls.getSnapshot);
}

/** Names and pictures of a conversation's members, for call tiles and notices. */
export function useMembersOf(conversationId: string | undefined): Map<string, MemberSummary> {
  const conversations = useConversations();
  const conversation = conversations.data?.find((item) => item.id === conversationId);
  return useMemo(
    () => new Map((conversation?.members ?? []).map((member) => [member.userId, member])),
    [conversation],
  );
}
