import { type FormEvent, useState } from 'react';
import { useSignedIn } from '../../auth/auth-context';

export function Composer({ conversationId }: { conversationId: string }) {
  const { session } = useSignedIn();
  const [text, setText] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const content = text.trim();
    if (!content) {
      return;
    }
    session.outbox.enqueue({ conversationId, content, type: 'text', attachments: [] });
    setText('');
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer-input" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        rows={1}
        value={text}
        placeholder="Write a message"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            submit(event);
          }
        }}
      />
      <button type="submit" className="primary">
        Send
      </button>
    </form>
  );
}
