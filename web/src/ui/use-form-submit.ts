import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';

/** What a failed submit shows: a message for the whole form and messages beside fields. */
export interface FormFailure {
  error: string | null;
  fields: Record<string, string>;
}

const NONE: FormFailure = { error: null, fields: {} };

/** Thrown by a submit action for a check made before any request (passwords that do not match). */
export class FormInvalid extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('The form is not valid');
  }
}

/** The default reading of an error: the server's field errors beside the fields, its message on top. */
export function apiFailure(
  caught: unknown,
  message: (caught: unknown) => string = errorMessage,
): FormFailure {
  return { error: message(caught), fields: caught instanceof ApiError ? caught.fieldErrors() : {} };
}

/**
 * A form's submit: busy while the action runs, and the failure (from `describe`, or a FormInvalid) cleared
 * on every new attempt. The action gets the form's data; navigating away on success is its business.
 */
export function useFormSubmit(
  action: (form: FormData) => Promise<void>,
  describe: (caught: unknown) => FormFailure = apiFailure,
) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure>(NONE);

  async function run(form: FormData) {
    setBusy(true);
    setFailure(NONE);
    try {
      await action(form);
    } catch (caught) {
      setFailure(caught instanceof FormInvalid ? { error: null, fields: caught.fields } : describe(caught));
    } finally {
      setBusy(false);
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(new FormData(event.currentTarget));
  };
  return { busy, error: failure.error, fields: failure.fields, onSubmit };
}
