import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { SignInPage } from '../features/auth/SignInPage';
import { SignUpPage } from '../features/auth/SignUpPage';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { OAuthCallbackPage } from '../features/auth/OAuthCallbackPage';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ChatLayout } from '../features/chat/ChatLayout';
import { ConversationView } from '../features/chat/ConversationView';
import { EmptyConversation } from '../features/chat/EmptyConversation';
import { moderationRoutes } from '../features/moderation/routes';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { UnsubscribePage } from '../features/notifications/UnsubscribePage';
import { usePushBridge } from '../push/use-push-bridge';
import { CallLayer } from '../features/calls/CallLayer';
import { CallsPage } from '../features/calls/CallsPage';
import { SearchPage } from '../features/search/SearchPage';

/** Routes: public auth pages, and the chat behind sign-in (deep links come back after signing in). */
export function App() {
  const { state } = useAuth();
  usePushBridge();
  if (state.status === 'loading') {
    return (
      <main className="splash" aria-busy="true">
        <p>Loading Parley…</p>
      </main>
    );
  }
  // Both trees start with their <Routes> at the same place, so a page in both (the OAuth callback) keeps
  // its state when signing in swaps the trees; only the signed-in one adds the call layer after it.
  if (state.status === 'signed-out') {
    return (
      <>
        <Routes>
          <Route path="/login" element={<SignInPage />} />
          <Route path="/signup" element={<SignUpPage />} />
          {accountLinkRoutes}
          <Route path="*" element={<RedirectToSignIn />} />
        </Routes>
      </>
    );
  }
  return (
    <>
      <Routes>
        <Route path="/login" element={<Navigate to="/" replace />} />
        <Route path="/signup" element={<Navigate to="/" replace />} />
        {accountLinkRoutes}
        <Route path="/settings" element={<SettingsPage />} />
        <Route element={<ChatLayout />}>
          <Route index element={<EmptyConversation />} />
          <Route path="c/:conversationId" element={<ConversationView />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="calls" element={<CallsPage />} />
          <Route path="search" element={<SearchPage />} />
        </Route>
        {moderationRoutes}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
      <CallLayer />
    </>
  );
}

/**
 * Pages reached from a link (an email, the OAuth redirect) that work signed in or out; the same elements in
 * both trees, so signing in on one of them does not lose it.
 */
const accountLinkRoutes = [
  <Route key="callback" path="/auth/callback" element={<OAuthCallbackPage />} />,
  <Route key="verify" path="/verify-email" element={<VerifyEmailPage />} />,
  <Route key="forgot" path="/forgot-password" element={<ForgotPasswordPage />} />,
  <Route key="reset" path="/reset-password" element={<ResetPasswordPage />} />,
  <Route key="unsubscribe" path="/unsubscribe" element={<UnsubscribePage />} />,
];

function RedirectToSignIn() {
  const location = useLocation();
  const next =
    location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
  return <Navigate to={`/login${next}`} replace />;
}
