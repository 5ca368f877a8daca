import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
// The base styles first: feature stylesheets (imported by the components below) refine them.
import './ui/styles.css';
import { App } from './app/App';
import { AuthProvider } from './auth/auth-context';
import { registerServiceWorker } from './push/push-client';
import { applyStoredTheme } from './ui/theme';

applyStoredTheme();
registerServiceWorker();

const queryClient = new QueryClient({
  defaultOptions: {
    // Socket events keep cached server state current; refetch on focus only catches what they cannot.
    queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: true },
  },
});

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <BrowserRouter>
      <AuthProvider>
        <App />
      </AuthProvider>
    </BrowserRouter>
  </QueryClientProvider>,
);
