import { type MouseEvent, type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A native modal <dialog>, open while mounted: showModal() traps focus and makes the page behind it inert,
 * Escape (the cancel event) calls onClose, and focus returns to what opened it. Name it with aria-label when
 * it has no visible title (see Modal for the titled one).
 */
export function ModalShell({
  onClose,
  children,
  className,
  labelledBy,
  label,
  closeOnBackdrop = false,
}: {
  onClose: () => void;
  children: ReactNode;
  className?: string;
  labelledBy?: string;
  label?: string;
  closeOnBackdrop?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const element = dialog.current;
    if (element && !element.open) {
      element.showModal();
    }
    return () => {
      if (element?.open) {
        element.close();
      }
      opener?.focus();
    };
  }, []);
  const onBackdrop = (event: MouseEvent<HTMLDialogElement>) => {
    // A click on the dialog itself (not on its content) is a click on the backdrop.
    if (closeOnBackdrop && event.target === event.currentTarget) {
      onClose();
    }
  };
  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby={labelledBy}
      aria-label={label}
      onClick={onBackdrop}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}

/** A modal with a title and a close button; feature classes go beside the shared `modal` one. */
export function Modal({
  title,
  onClose,
  children,
  className,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
  const titleId = useId();
  return (
    <ModalShell onClose={onClose} labelledBy={titleId} className={className ? `modal ${className}` : 'modal'}>
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      {children}
    </ModalShell>
  );
}

/** A yes/no question in a modal; the safe choice has the focus first. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal title={title} onClose={onClose}>
      <p>{message}</p>
      <div className="modal-actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger-button"
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
