import { Db } from 'mongodb';
import { CaseShape, HttpCase } from './http-case';
import { World } from './world';

/**
 * How to fuzz one route. `as` says whose valid token a request carries: the world's `me`, a fresh session
 * of `me` per request (routes that end the session they run in), a fresh user per request (routes that end
 * the account), an admin, or the world's API key (`notify:send`, for the service routes). `ownWorld`: the route can wreck its fixtures (leave the group, revoke `me`), so
 * it gets a world of its own. `refusalMayDelete`: a refused request may legitimately remove documents (a
 * refresh token replayed after its grace window revokes its session, whose push subscriptions are deleted).
 */
export interface RouteFuzz {
  as?: 'fresh-session' | 'fresh-user' | 'admin' | 'api-key';
  ownWorld?: boolean;
  refusalMayDelete?: boolean;
  shape(w: World): CaseShape;
  /** Keeps the world true to what an accepted request changed, or waits for what it set off to end. */
  accepted?(context: { world: World; case: HttpCase; token: string; db: Db }): Promise<void> | void;
}
