import { type FormEvent, useId, useState } from 'react';
import type { QueueItemResponse } from '../../api/types';
import { useResolveReport } from './moderation-api';
import { isStale, moderationErrorText } from './moderation-errors';
import { resolveBody } from './moderation-queries';
import { type Action, ACTION_LABELS, actionsFor } from './moderation-rules';
import { FormError } from '../../ui/FormError';

/** The decision on one open report: an action that fits its target, a reason for the record. */
export function ResolveForm({
  item,
  onResolved,
}: {
  item: QueueItemResponse;
  onResolved: (text: string) => void;
}) {
  const actions = actionsFor(item);
  const resolve = useResolveReport();
  const [action, setAction] = useState<Action>(actions[0] ?? 'dismiss');
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = resolveBody(action, reason, duration);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    resolve.mutate(
      { id: item.id, body: checked.body },
      {
        onSuccess: () => onResolved(`Report resolved: ${ACTION_LABELS[action].toLowerCase()}.`),
        // The item leaves the refreshed list, so say why where the page announces outcomes.
        onError: (error) => isStale(error) && onResolved(moderationErrorText(error)),
      },
    );
  };

  return (
    <form className="resolve-form" onSubmit={submit} noValidate aria-label="Resolve report">
      <div className="field">
        <label htmlFor={`${id}-action`}>Action</label>
        <select
          id={`${id}-action`}
          value={action}
          onChange={(event) => setAction(event.target.value as Action)}
        >
          {actions.map((value) => (
            <option key={value} value={value}>
              {ACTION_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      {action === 'suspend_user' ? (
        <div className="field">
          <label htmlFor={`${id}-hours`}>Duration in hours (empty: until lifted)</label>
          <input
            id={`${id}-hours`}
            inputMode="decimal"
            value={duration}
            onChange={(event) => setDuration(event.target.value)}
            aria-invalid={errors.durationHours ? true : undefined}
            aria-describedby={errors.durationHours ? `${id}-hours-error` : undefined}
          />
          {errors.durationHours ? (
            <p className="field-error" id={`${id}-hours-error`}>
              {errors.durationHours}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="field grow">
        <label htmlFor={`${id}-reason`}>Reason (for the record, not shown to the reporter)</label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
        />
        {errors.reason ? (
          <p className="field-error" id={`${id}-reason-error`}>
            {errors.reason}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        className={action === 'dismiss' ? undefined : 'danger-solid'}
        disabled={resolve.isPending}
      >
        {resolve.isPending ? 'Applying…' : ACTION_LABELS[action]}
      </button>
      <FormError error={resolve.isError ? moderationErrorText(resolve.error) : null} />
    </form>
  );
}
