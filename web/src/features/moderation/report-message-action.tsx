import type { MessageAction } from '../chat/message-actions';
import { ReportDialog } from './ReportDialog';

/** "Report" in the per-message menu: other people's messages that are still there. */
export const reportMessageAction: MessageAction = {
  id: 'report',
  label: 'Report',
  available: ({ message, myUserId }) => message.deletedAt === null && message.senderId !== myUserId,
  run: ({ message, conversation, openDialog }) => {
    const sender = conversation.members.find((member) => member.userId === message.senderId)?.displayName;
    const preview = message.content ? `: “${message.content.slice(0, 80)}”` : '';
    openDialog((close) => (
      <ReportDialog
        target={{ type: 'message', id: message.id, label: `Message from ${sender ?? 'a member'}${preview}` }}
        onClose={close}
      />
    ));
  },
};
