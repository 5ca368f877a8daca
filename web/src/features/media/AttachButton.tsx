import { useId, useRef } from 'react';

/** The paper-clip button: opens the file picker (several files at once). */
export function AttachButton({
  onFiles,
  disabled,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          event.target.value = ''; // the same file can be picked again
        }}
      />
      <button
        type="button"
        className="media-tool"
        aria-label="Attach files"
        title="Attach files"
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M16.5 6.5 8.8 14.2a1.8 1.8 0 0 0 2.5 2.5l8-8a3.5 3.5 0 0 0-5-5l-8.3 8.3a5.2 5.2 0 0 0 7.4 7.4l7.1-7.1" />
        </svg>
      </button>
    </>
  );
}
