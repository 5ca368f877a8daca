import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { FormError } from './FormError';
import { FormInvalid, useFormSubmit } from './use-form-submit';

function Form({ action }: { action: (form: FormData) => Promise<void> }) {
  const { busy, error, fields, onSubmit } = useFormSubmit(action);
  return (
    <form onSubmit={onSubmit} aria-label="form">
      <input name="email" defaultValue="a@b.c" aria-label="Email" />
      <span data-testid="field">{fields.email ?? ''}</span>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Send
      </button>
    </form>
  );
}

describe('useFormSubmit', () => {
  afterEach(cleanup);

  it('passes the form data and shows the server field errors and message', async () => {
    let seen: FormDataEntryValue | null = null;
    const failed = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: 'Invalid input',
      details: [{ path: 'email', message: 'Not an email' }],
    });
    render(<Form action={(form) => ((seen = form.get('email')), Promise.reject(failed))} />);
    await act(async () => {
      fireEvent.submit(screen.getByRole('form'));
      await Promise.resolve();
    });
    expect(seen).toBe('a@b.c');
    expect(screen.getByRole('alert').textContent).toBe('Invalid input');
    expect(screen.getByTestId('field').textContent).toBe('Not an email');
    expect(screen.getByRole('button')).toHaveProperty('disabled', false);
  });

  it('shows a FormInvalid beside its field with no alert', async () => {
    render(<Form action={() => Promise.reject(new FormInvalid({ email: 'No match' }))} />);
    await act(async () => {
      fireEvent.submit(screen.getByRole('form'));
      await Promise.resolve();
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('field').textContent).toBe('No match');
  });
});
