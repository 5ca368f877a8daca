import type { ReactNode } from 'react';
import { directPeer } from '../../chat/conversation-list';
import { blockNotice } from '../../chat/block-notice';
import { usePending } from '../../chat/hooks';
import type { ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { errorMessage } from '../../api/api-error';
import { useBlockOf } from '../settings/blocks';

/**
 * A direct chat with a block: in place of the composer for the blocker (with the way back), above it for
 * whoever's message the server refused. Renders nothing otherwise; `children` is the composer.
 */
export function BlockNotice({
  conversation,
  peerName,
  children,
}: {
  conversation: ConversationResponse;
  peerName: string;
  children: ReactNode;
}) {
  const { user } = useSignedIn();
  const peer = directPeer(conversation, user.id);
  const block = useBlockOf(peer);
  const pending = usePending(conversation.id);
  const notice = peer ? blockNotice(peerName, block.blocked, pending) : null;
  if (notice?.kind === 'blocked-by-me') {
    return (
      <div className="block-notice" role="status">
        <p>{notice.text}</p>
        <button
          type="button"
          disabled={block.setBlocked.isPending}
          onClick={() => block.setBlocked.mutate({ userId: peer ?? '', blocked: false })}
        >
          Unblock
        </button>
        {block.setBlocked.isError ? (
          <p role="alert" className="form-error">
            {errorMessage(block.setBlocked.error)}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <>
      {notice ? (
        <p className="block-notice" role="status">
          {notice.text}
        </p>
      ) : null}
      {children}
    </>
  );
}
