import { type FormEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ConversationResponse, MemberSummary, MessageResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import {
  activeMentionQuery,
  decodeMentions,
  encodeMentions,
  insertMention,
  matchMembers,
  type MentionTarget,
} from '../../chat/mentions';
import { TypingNotifier } from '../../chat/typing-notifier';
import { AttachmentTray, useDropAndPaste, useUpload } from '../media';
import { ComposerTools } from './ComposerTools';
import { MentionPopup } from './MentionPopup';
import { quoteText } from './QuotedMessage';

export type ComposerMode =
  { kind: 'reply'; message: MessageResponse } | { kind: 'edit'; message: MessageResponse } | null;

/**
 * Writing, replying and editing. Enter sends, Shift+Enter is a new line; `@` offers the members; typing is
 * announced at most every 2 s and its end on send or blur.
 */
export function Composer({
  conversation,
  mode,
  setMode,
  nameOf,
  editLast,
  notify,
}: {
  conversation: ConversationResponse;
  mode: ComposerMode;
  setMode: (mode: ComposerMode) => void;
  nameOf: (userId: string) => string;
  editLast: () => void;
  notify: (text: string) => void;
}) {
  const { session, user } = useSignedIn();
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<MentionTarget[]>([]);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const typing = useMemo(
    () =>
      new TypingNotifier(
        (event) => void session.call(event, { conversationId: conversation.id }).catch(() => undefined),
      ),
    [session, conversation.id],
  );
  useEffect(() => () => typing.stop(), [typing]);
  // Media: attachments wait in a tray above the text and go with it as their caption (features/media).
  const media = useUpload(conversation.id);
  const drop = useDropAndPaste(media.add);

  // Entering edit mode puts the message's text (with names for mentions) in the box (state adjusted while
  // rendering, as React recommends over an effect).
  const [seenMode, setSeenMode] = useState<ComposerMode>(null);
  if (mode !== seenMode) {
    setSeenMode(mode);
    if (mode?.kind === 'edit') {
      const decoded = decodeMentions(mode.message.content ?? '', nameOf);
      setText(decoded.text);
      setPicked(decoded.picked);
    }
  }
  useEffect(() => {
    if (mode) {
      input.current?.focus();
    }
  }, [mode]);

  const mention = activeMentionQuery(text, caret);
  const candidates = conversation.members.filter((member) => member.userId !== user.id);
  const options: MemberSummary[] =
    mention && dismissedAt !== mention.start ? matchMembers(candidates, mention.query) : [];
  const listId = `${id}-mentions`;

  function pick(member: MemberSummary) {
    if (!mention) {
      return;
    }
    const next = insertMention(text, mention.start, caret, member);
    setText(next.text);
    setPicked((current) =>
      current.some((item) => item.userId === member.userId) ? current : [...current, member],
    );
    setCaret(next.caret);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const content = encodeMentions(text.trim(), picked);
    if (media.items.length > 0 && mode?.kind !== 'edit') {
      if (!media.send(content, mode?.kind === 'reply' ? mode.message.id : undefined)) {
        notify(media.uploading ? 'Wait for the uploads to finish' : 'Remove the files that failed to upload');
        return;
      }
    } else if (!content) {
      return;
    }
    typing.stop();
    if (mode?.kind === 'edit') {
      try {
        const edited = await session.call('edit_message', {
          conversationId: conversation.id,
          messageId: mode.message.id,
          content,
        });
        session.applyMessages([edited]);
      } catch (error) {
        notify(error instanceof Error ? error.message : 'Could not edit the message');
        return;
      }
    } else if (media.items.length === 0) {
      session.outbox.enqueue({
        conversationId: conversation.id,
        content,
        type: 'text',
        attachments: [],
        replyTo: mode?.kind === 'reply' ? mode.message.id : undefined,
      });
    }
    setText('');
    setPicked([]);
    setMode(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (options.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current + step + options.length) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(options[Math.min(active, options.length - 1)]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(mention?.start ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && mode) {
      event.preventDefault();
      if (mode.kind === 'edit') {
        setText('');
        setPicked([]);
      }
      setMode(null);
    } else if (event.key === 'ArrowUp' && text === '' && !mode) {
      event.preventDefault();
      editLast();
    }
  }

  return (
    <form
      className={`composer${drop.dragging ? ' dragging' : ''}`}
      onSubmit={(event) => void submit(event)}
      {...drop.handlers}
    >
      <AttachmentTray draft={media} />
      {mode ? (
        <div className="composer-context">
          <p>
            <strong>
              {mode.kind === 'edit' ? 'Editing message' : `Replying to ${nameOf(mode.message.senderId)}`}
            </strong>
            {mode.kind === 'reply' ? (
              <span className="quote-text"> {quoteText(mode.message, nameOf)}</span>
            ) : null}
          </p>
          <button
            type="button"
            className="icon-button"
            aria-label={mode.kind === 'edit' ? 'Cancel editing' : 'Cancel reply'}
            onClick={() => setMode(null)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      ) : null}
      <div className="composer-row">
        <div className="composer-tools">
          <ComposerTools media={media} disabled={mode?.kind === 'edit'} />
        </div>
        <div className="composer-input">
          {options.length > 0 ? (
            <MentionPopup id={listId} options={options} active={active} onPick={pick} />
          ) : null}
          <label htmlFor={`${id}-input`} className="visually-hidden">
            Message
          </label>
          <textarea
            ref={input}
            id={`${id}-input`}
            rows={1}
            value={text}
            placeholder="Write a message"
            aria-autocomplete="list"
            aria-controls={options.length > 0 ? listId : undefined}
            aria-activedescendant={
              options.length > 0 ? `${listId}-${Math.min(active, options.length - 1)}` : undefined
            }
            onChange={(event) => {
              setText(event.target.value);
              setCaret(event.target.selectionStart);
              setActive(0);
              if (event.target.value.trim()) {
                typing.input();
              } else {
                typing.stop();
              }
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onBlur={() => typing.stop()}
            onKeyDown={onKeyDown}
          />
        </div>
        <button type="submit" className="primary">
          {mode?.kind === 'edit' ? 'Save' : 'Send'}
        </button>
      </div>
    </form>
  );
}
