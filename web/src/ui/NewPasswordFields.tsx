import { Field } from './Field';
import { formText } from './form-text';
import { FormInvalid } from './use-form-submit';

const CONFIRM = 'confirm';

/** A new password typed twice (reset and change), with the server's minimum length. */
export function NewPasswordFields({
  name,
  fields,
}: {
  name: string;
  fields: Record<string, string | undefined>;
}) {
  return (
    <>
      <Field
        label="New password (at least 10 characters)"
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        error={fields[name]}
      />
      <Field
        label="Repeat the new password"
        name={CONFIRM}
        type="password"
        autoComplete="new-password"
        required
        error={fields[CONFIRM]}
      />
    </>
  );
}

/** The new password of a form with NewPasswordFields; a FormInvalid when the two do not match. */
export function newPasswordOf(form: FormData, name: string): string {
  const password = formText(form, name);
  if (password !== form.get(CONFIRM)) {
    throw new FormInvalid({ [CONFIRM]: 'The passwords do not match.' });
  }
  return password;
}
