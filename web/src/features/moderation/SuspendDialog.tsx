import { type FormEvent, useState } from 'react';
import { Field } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import { useChangeUser } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { parseHours } from './moderation-queries';
import { FormError } from '../../ui/FormError';

/** Suspending an account: a reason for the record and an optional duration (empty: until lifted). */
export function SuspendDialog({
  user,
  onClose,
  onDone,
}: {
  user: { id: string; displayName: string } | null;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  return user ? (
    <Modal title={`Suspend ${user.displayName}`} onClose={onClose}>
      <SuspendForm key={user.id} user={user} onClose={onClose} onDone={onDone} />
    </Modal>
  ) : null;
}

function SuspendForm({
  user,
  onClose,
  onDone,
}: {
  user: { id: string; displayName: string };
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const change = useChangeUser();
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const duration = parseHours(hours);
    const next: Record<string, string> = {};
    if (!reason.trim()) {
      next.reason = 'Give a reason for the record.';
    }
    if (duration === 'invalid') {
      next.hours = 'Enter a positive number of hours, or leave empty.';
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || duration === 'invalid') {
      return;
    }
    change.mutate(
      { userId: user.id, change: { kind: 'suspend', reason: reason.trim(), durationHours: duration } },
      {
        onSuccess: () => {
          onDone(`${user.displayName} is suspended${duration ? ` for ${duration} h` : ' until lifted'}.`);
          onClose();
        },
      },
    );
  };

  return (
    <form className="modal-body" onSubmit={submit} noValidate>
      <p className="muted">Their sessions end at once and they cannot sign in until the suspension ends.</p>
      <Field
        label="Reason"
        value={reason}
        maxLength={500}
        error={errors.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Field
        label="Duration in hours (empty: until lifted)"
        inputMode="decimal"
        value={hours}
        error={errors.hours}
        onChange={(e) => setHours(e.target.value)}
      />
      <FormError error={change.isError ? moderationErrorText(change.error) : null} />
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="danger-solid" disabled={change.isPending}>
          Suspend
        </button>
      </div>
    </form>
  );
}
