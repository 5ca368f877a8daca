import type { ReactNode } from 'react';

/** The centred card every signed-out page sits in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="auth-title">
        <p className="brand" aria-hidden="true">
          Parley
        </p>
        <h1 id="auth-title">{title}</h1>
        {children}
      </section>
    </main>
  );
}

/** A card that only says something is under way (an exchange, a verification). */
export function PendingCard({ title }: { title: string }) {
  return (
    <AuthCard title={title}>
      <p role="status" aria-busy="true">
        One moment…
      </p>
    </AuthCard>
  );
}

/** A card with a failure and where to go next. */
export function FailureCard({ title, message, links }: { title: string; message: string; links: ReactNode }) {
  return (
    <AuthCard title={title}>
      <p role="alert" className="notice error">
        {message}
      </p>
      <p className="auth-links">{links}</p>
    </AuthCard>
  );
}
