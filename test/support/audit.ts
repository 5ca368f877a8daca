import { MongoClient } from 'mongodb';
import type { AuditRecordResponse } from '../../src/audit/audit.dto';
import { bearer, RegisteredUser } from './builders';
import { eventually } from './eventually';
import { registerWithRole } from './moderation';
import { TestApp } from './test-app';

/** A client address and user agent to send with audited requests (the test app trusts loopback proxies). */
export const CLIENT = { ip: '203.0.113.7', userAgent: 'AuditTest/1.0 (+https://parley.test)' };

/** Headers that make a request look like it came from `CLIENT` through a proxy. */
export function fromClient(): Record<string, string> {
  return { 'X-Forwarded-For': CLIENT.ip, 'User-Agent': CLIENT.userAgent };
}

/** A fresh admin: registered through the API, promoted in the database (unaudited), signed in again. */
export function registerAdmin(t: TestApp, mongo: MongoClient): Promise<RegisteredUser> {
  return registerWithRole(t, mongo, 'admin');
}

/** GET /admin/audit as `admin`, expecting 200; answers the page's items. */
export async function auditRecords(
  t: TestApp,
  admin: { accessToken: string },
  query: Record<string, string>,
): Promise<AuditRecordResponse[]> {
  const res = await t
    .http()
    .get('/api/v1/admin/audit')
    .query(query)
    .set(...bearer(admin));
  if (res.status !== 200) {
    throw new Error(`audit query failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.items as AuditRecordResponse[];
}

/** Waits for exactly one record matching `query` (records are written off the request path). */
export async function theRecord(
  t: TestApp,
  admin: { accessToken: string },
  query: Record<string, string>,
): Promise<AuditRecordResponse> {
  let found: AuditRecordResponse[] = [];
  await eventually(async () => {
    found = await auditRecords(t, admin, query);
    expect(found).toHaveLength(1);
  });
  return found[0];
}
