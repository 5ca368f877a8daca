import { type ReactNode, useState } from 'react';
import { ReportDialog, type ReportTarget } from './ReportDialog';

/** A "Report" button with its dialog, for a menu or a header (message, user or conversation). */
export function ReportButton({
  target,
  className,
  children = 'Report',
  onOpen,
}: {
  target: ReportTarget;
  className?: string;
  children?: ReactNode;
  /** Called when the dialog opens (a menu closes itself, say). */
  onOpen?: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => {
          setOpen(true);
          onOpen?.();
        }}
      >
        {children}
      </button>
      <ReportDialog target={open ? target : null} onClose={() => setOpen(false)} />
    </>
  );
}
