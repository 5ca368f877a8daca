import type { ReactNode } from 'react';
import type { HttpClient } from '../../api/http';
import type { ConversationResponse, MessageResponse } from '../../api/types';
import type { ChatSession } from '../../chat/chat-session';
import { managesGroup, typeOf } from '../../chat/conversation-list';
import { reportMessageAction } from '../moderation/report-message-action';

/** How long after sending a message may be edited (the server's MESSAGE_EDIT_WINDOW_SECONDS default). */
export const EDIT_WINDOW_MS = 48 * 60 * 60 * 1000;

/** What a message action can see and do. */
export interface MessageActionContext {
  message: MessageResponse;
  conversation: ConversationResponse;
  myUserId: string;
  session: ChatSession;
  http: HttpClient;
  reply: () => void;
  edit: () => void;
  confirmDelete: () => void;
  /** Shows a short message to the user (an error, a confirmation). */
  notify: (text: string) => void;
  /** Opens a feature's own dialog (e.g. a report form) in place of the message view's modal slot. */
  openDialog: (render: (close: () => void) => ReactNode) => void;
}

export interface MessageAction {
  id: string;
  label: string;
  danger?: boolean;
  available: (context: MessageActionContext) => boolean;
  run: (context: MessageActionContext) => void;
}

const live = (context: MessageActionContext) => context.message.deletedAt === null;
const mine = (context: MessageActionContext) => context.message.senderId === context.myUserId;

/**
 * The per-message menu, in order. Features add their own entries here (e.g. moderation's "Report"): an entry
 * decides for itself when it applies.
 */
export const messageActions: MessageAction[] = [
  { id: 'reply', label: 'Reply', available: live, run: (context) => context.reply() },
  {
    id: 'copy',
    label: 'Copy text',
    available: (context) => live(context) && Boolean(context.message.content),
    run: (context) =>
      void navigator.clipboard
        ?.writeText(context.message.content ?? '')
        .then(() => context.notify('Copied'))
        .catch(() => context.notify('Could not copy')),
  },
  {
    id: 'edit',
    label: 'Edit',
    available: (context) =>
      live(context) &&
      mine(context) &&
      typeOf(context.message) === 'text' &&
      Date.now() - Date.parse(context.message.createdAt) < EDIT_WINDOW_MS,
    run: (context) => context.edit(),
  },
  {
    id: 'delete',
    label: 'Delete',
    danger: true,
    available: (context) => live(context) && (mine(context) || managesGroup(context.conversation)),
    run: (context) => context.confirmDelete(),
  },
  // Moderation (features/moderation): report someone else's message.
  reportMessageAction,
];

/** Reactions offered in the quick picker. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];
