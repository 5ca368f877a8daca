import { type ReactNode, useId } from 'react';
import { FormError } from '../../ui/FormError';

/** One titled block of the settings page. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A short result line after an action: announced politely, or as an alert when it failed. */
export function Outcome({ ok, error }: { ok?: string | null; error?: string | null }) {
  if (error) {
    return <FormError error={error} />;
  }
  return ok ? (
    <p role="status" className="form-ok">
      {ok}
    </p>
  ) : null;
}
