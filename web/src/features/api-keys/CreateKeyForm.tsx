import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { CreatedApiKeyResponse } from '../../api/types';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { moderationErrorText } from '../moderation/moderation-errors';
import { newKeyBody, SCOPES } from './api-key-rules';
import { useCreateApiKey } from './api-keys-api';

/** Name, scopes and an optional last day; the new key (shown once) goes to `onCreated`. */
export function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKeyResponse) => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['notify:send']);
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const serverFields = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = newKeyBody(name, scopes, expiresOn, Date.now());
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) {
      return;
    }
    create.mutate(checked.body, {
      onSuccess: (key) => {
        setName('');
        setExpiresOn('');
        onCreated(key);
      },
    });
  }

  return (
    <form className="card api-key-form" aria-label="Create an API key" onSubmit={submit} noValidate>
      <h2 className="card-title">Create an API key</h2>
      <Field
        label="Name"
        value={name}
        maxLength={100}
        error={errors.name ?? serverFields.name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <fieldset className="reason-options" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        {SCOPES.map((item) => (
          <label key={item.scope} className="radio">
            <input
              type="checkbox"
              checked={scopes.includes(item.scope)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setScopes((current) =>
                  on ? [...current, item.scope] : current.filter((scope) => scope !== item.scope),
                );
              }}
            />
            <span>
              <code>{item.scope}</code> — {item.label}
            </span>
          </label>
        ))}
        {errors.scopes ? (
          <p className="field-error" id="scopes-error">
            {errors.scopes}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Expires after (optional)"
        type="date"
        value={expiresOn}
        error={errors.expiresOn ?? serverFields.expiresAt}
        onChange={(event) => setExpiresOn(event.currentTarget.value)}
      />
      <FormError error={create.isError ? moderationErrorText(create.error) : null} />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}
