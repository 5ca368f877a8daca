import { RouteFuzz } from './route-fuzz';

/** Calls: ICE servers (and, as issue #30 goes on, call history). */
export const CALL_ROUTES: Record<string, RouteFuzz> = {
  'GET /api/v1/calls/ice-servers': { shape: () => ({}) },
};
