import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { Modal } from '../../ui/Modal';
import { useFileReport } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { type Reason, REASON_LABELS, REASONS, type TargetType } from './moderation-rules';
import { FormError } from '../../ui/FormError';

export interface ReportTarget {
  type: TargetType;
  id: string;
  /** What is reported, in words: "Message from Ana", "Ana Lima". */
  label: string;
}

const NOTE_MAX = 1000;

/** Reporting a message, a user or a conversation: a reason, an optional note, then a confirmation. */
export function ReportDialog({ target, onClose }: { target: ReportTarget | null; onClose: () => void }) {
  return target ? (
    <Modal title="Report" onClose={onClose} className="report-dialog">
      <ReportForm key={`${target.type}:${target.id}`} target={target} onClose={onClose} />
    </Modal>
  ) : null;
}

function ReportForm({ target, onClose }: { target: ReportTarget; onClose: () => void }) {
  const file = useFileReport();
  const [reason, setReason] = useState<Reason | null>(null);
  const [note, setNote] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const noteId = useId();

  if (file.isSuccess) {
    return (
      <div className="modal-body" role="status">
        <p>
          <strong>Thanks, your report was sent.</strong> A moderator will review it; the person you reported
          is not told who reported them.
        </p>
        <p>
          Follow it in{' '}
          <Link to="/reports" onClick={onClose}>
            My reports
          </Link>
          .
        </p>
        <div className="modal-actions">
          <button type="button" className="primary" autoFocus onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      setMissingReason(true);
      return;
    }
    const text = note.trim();
    file.mutate({ targetType: target.type, targetId: target.id, reason, note: text || undefined });
  };

  return (
    <form className="modal-body" onSubmit={submit} noValidate>
      <p className="muted">{target.label}</p>
      <fieldset className="reason-options" aria-describedby={missingReason ? `${noteId}-reason` : undefined}>
        <legend>Why are you reporting this?</legend>
        {REASONS.map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="reason"
              value={value}
              checked={reason === value}
              onChange={() => {
                setReason(value);
                setMissingReason(false);
              }}
            />
            {REASON_LABELS[value]}
          </label>
        ))}
        {missingReason ? (
          <p className="field-error" id={`${noteId}-reason`} role="alert">
            Choose a reason.
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={noteId}>Note for the moderators (optional)</label>
        <textarea
          id={noteId}
          rows={3}
          maxLength={NOTE_MAX}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <p className="muted small">
          {note.length}/{NOTE_MAX}
        </p>
      </div>
      <FormError error={file.isError ? moderationErrorText(file.error) : null} />
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={file.isPending}>
          {file.isPending ? 'Sending…' : 'Send report'}
        </button>
      </div>
    </form>
  );
}
