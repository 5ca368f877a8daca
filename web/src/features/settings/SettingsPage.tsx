import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth, useSignedIn } from '../../auth/auth-context';
import { BlockedUsersSection } from './BlockedUsersSection';
import { CallsSection } from './CallsSection';
import { DataSection } from './DataSection';
import { NotificationsSection } from './NotificationsSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { SignInMethodsSection } from './SignInMethodsSection';
import { ThemeSection } from './ThemeSection';
import './settings.css';

/** The account: profile, look, notifications, sign-in methods, devices, blocks, data. One column, phone-width friendly. */
export function SettingsPage() {
  const { user } = useSignedIn();
  const { signOut } = useAuth();
  const [params] = useSearchParams();
  const linkedParam = params.get('linked');
  const linked = linkedParam === 'google' || linkedParam === 'github' ? linkedParam : null;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Settings · Parley';
    heading.current?.focus();
    return () => {
      document.title = 'Parley';
    };
  }, []);

  return (
    <div className="settings-page">
      <header className="page-header settings-header">
        <Link to="/" className="back-link">
          <span aria-hidden="true">←</span> Chats
        </Link>
        <h1 ref={heading} tabIndex={-1}>
          Settings
        </h1>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main className="settings-main">
        <p className="muted">
          Signed in as <strong>{user.displayName}</strong>
          {user.email ? ` (${user.email})` : ''}
        </p>
        <ProfileSection />
        <ThemeSection />
        <NotificationsSection />
        <CallsSection />
        <SignInMethodsSection linked={linked} />
        <PasswordSection />
        <SessionsSection />
        <BlockedUsersSection />
        <DataSection />
      </main>
    </div>
  );
}
