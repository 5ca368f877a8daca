import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { NotificationSettings } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import {
  browserTimeZone,
  delayChoices,
  delayLabel,
  draftOf,
  type SettingsDraft,
  settingsBody,
  timeZoneChoices,
} from '../../notifications/settings-form';
import { Field } from '../../ui/Field';
import { Outcome } from './Section';
import '../notifications/notifications.css';

const PATH = '/users/me/notification-settings';

/** The account's notification choices, for every device: push, email digests and their delay, quiet hours. */
export function NotificationSettingsForm() {
  const { http } = useSignedIn();
  const settings = useQuery({
    queryKey: queryKeys.notificationSettings,
    queryFn: () => http.get<NotificationSettings>(PATH),
  });
  if (settings.isPending) {
    return <p className="muted">Loading your notification settings…</p>;
  }
  if (settings.isError) {
    return <Outcome error={errorMessage(settings.error)} />;
  }
  return <SettingsForm settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: NotificationSettings }) {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  const delayId = useId();
  const zoneId = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(settings, browserTimeZone()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: NotificationSettings) => http.patch<NotificationSettings>(PATH, body),
    onSuccess: (saved) => queries.setQueryData(queryKeys.notificationSettings, saved),
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const fieldError = (name: string) =>
    errors[name] ?? serverErrors[name] ?? serverErrors[`quietHours.${name}`];
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    save.reset();
    setDraft((current) => ({ ...current, [key]: value }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = settingsBody(draft);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) {
      save.mutate(checked.body);
    }
  }

  return (
    <form className="settings-form notification-settings-form" onSubmit={submit} noValidate>
      <label className="toggle">
        <input type="checkbox" checked={draft.push} onChange={(e) => set('push', e.currentTarget.checked)} />
        <span>
          Push notifications
          <small className="muted">
            On the devices where you enabled them (below). Off stops them on every device.
          </small>
        </span>
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={draft.emailDigest}
          onChange={(e) => set('emailDigest', e.currentTarget.checked)}
        />
        <span>
          Email digests
          <small className="muted">
            One email about mentions, direct messages and missed calls still unread after a while.
          </small>
        </span>
      </label>
      <div className="field">
        <label htmlFor={delayId}>Send the email when still unread after</label>
        <select
          id={delayId}
          value={draft.emailDelayMinutes}
          disabled={!draft.emailDigest}
          onChange={(e) => set('emailDelayMinutes', Number(e.currentTarget.value))}
        >
          {delayChoices(draft.emailDelayMinutes).map((minutes) => (
            <option key={minutes} value={minutes}>
              {delayLabel(minutes)}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Quiet hours</legend>
        <label className="toggle">
          <input
            type="checkbox"
            checked={draft.quiet}
            onChange={(e) => set('quiet', e.currentTarget.checked)}
          />
          <span>
            Pause push and email every day
            <small className="muted">
              Notifications still arrive in the app; emails wait until the period ends.
            </small>
          </span>
        </label>
        {draft.quiet ? (
          <div className="quiet-hours-fields">
            <Field
              label="Quiet hours start"
              type="time"
              value={draft.start}
              error={fieldError('start')}
              onChange={(e) => set('start', e.currentTarget.value)}
            />
            <Field
              label="Quiet hours end"
              type="time"
              value={draft.end}
              error={fieldError('end')}
              onChange={(e) => set('end', e.currentTarget.value)}
            />
            <div className="field zone">
              <label htmlFor={zoneId}>Time zone</label>
              <select
                id={zoneId}
                value={draft.timeZone}
                onChange={(e) => set('timeZone', e.currentTarget.value)}
              >
                {timeZoneChoices(draft.timeZone).map((zone) => (
                  <option key={zone}>{zone}</option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        Save notification settings
      </button>
      <Outcome
        ok={save.isSuccess ? 'Notification settings saved.' : null}
        error={save.isError ? errorMessage(save.error) : null}
      />
    </form>
  );
}
