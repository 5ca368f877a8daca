import { RouteFuzz } from './route-fuzz';
import { ADMIN_ROUTES } from './routes-admin';
import { AUTH_ROUTES } from './routes-auth';
import { CALL_ROUTES } from './routes-calls';
import { CHAT_ROUTES } from './routes-chat';
import { NOTIFICATION_ROUTES } from './routes-notifications';
import { SEARCH_ROUTES } from './routes-search';
import { SERVICE_ROUTES } from './routes-service';
import { USER_ROUTES } from './routes-users';

/** Every REST route of the app; the fuzz suite fails when the app serves one that is not here. */
export const ROUTE_FUZZ: Record<string, RouteFuzz> = {
  ...AUTH_ROUTES,
  ...USER_ROUTES,
  ...CHAT_ROUTES,
  ...SEARCH_ROUTES,
  ...CALL_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...ADMIN_ROUTES,
  ...SERVICE_ROUTES,
};
