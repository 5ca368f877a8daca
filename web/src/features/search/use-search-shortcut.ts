import { useEffect } from 'react';
import { useNavigate } from 'react-router';

/** The message search box, which the shortcut focuses when the search page is already open. */
export const SEARCH_BOX_ID = 'message-search-box';

/** Whether a key press is the search shortcut: Ctrl+K (Cmd+K on a Mac) anywhere, or `/` when not typing. */
export function isSearchShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  typing: boolean,
): boolean {
  if (event.altKey || event.shiftKey) {
    return false;
  }
  if (event.key.toLowerCase() === 'k') {
    return event.ctrlKey || event.metaKey;
  }
  return event.key === '/' && !event.ctrlKey && !event.metaKey && !typing;
}

/** Whether focus is somewhere that takes text (a `/` there is a character, not a shortcut). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return true;
  }
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)
  );
}

/**
 * Opens message search from anywhere in the chat with Ctrl/Cmd+K or `/` (as Slack and GitHub do), or
 * focuses its box when it is open. Not while a modal dialog is open: the keys belong to it.
 */
export function useSearchShortcut(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        event.defaultPrevented ||
        !isSearchShortcut(event, isTyping(event.target)) ||
        document.querySelector('dialog[open]')
      ) {
        return;
      }
      event.preventDefault();
      const box = document.getElementById(SEARCH_BOX_ID);
      if (box instanceof HTMLInputElement) {
        box.focus();
        box.select();
      } else {
        void navigate('/search');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);
}
