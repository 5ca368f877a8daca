import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { navLinksFor, type RoleName } from './moderation-rules';
import './moderation.css';

/** The frame of the safety pages: back to the chats, the pages this role may open, and the page itself. */
export function AdminShell({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { user } = useSignedIn();
  return (
    <div className="admin-page">
      <header className="page-header admin-header">
        <Link to="/" className="brand">
          ← Parley
        </Link>
        <nav aria-label="Safety">
          <ul>
            {navLinksFor(user.role as RoleName).map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="admin-main">
        <div className="admin-title">
          <h1>{title}</h1>
          {actions}
        </div>
        {children}
      </main>
    </div>
  );
}

/** Links to the safety pages for the chat sidebar, by role. */
export function ModerationNav() {
  const { user } = useSignedIn();
  return (
    <nav aria-label="Safety" className="moderation-nav">
      <ul>
        {navLinksFor(user.role as RoleName).map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
