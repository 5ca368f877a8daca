import type { MongoClient } from 'mongodb';
import { registerUser } from '../support/builders';
import { recordProblems } from '../support/browser';
import { registerWithRole } from '../support/moderation';
import { connectTestMongo } from '../support/test-app';
import { bell, entry, signedIn } from './notification-pages';
import { expectNoSeriousA11yIssues, screenshot, useWebApp } from './web-harness';

describe('notification administration in the browser', () => {
  const app = useWebApp();
  let mongo: MongoClient;

  beforeAll(async () => {
    mongo = await connectTestMongo();
  });

  afterAll(() => mongo?.close());

  it('lets an admin create an API key, shown once, that works, and revoke it', async () => {
    const admin = await registerWithRole(app.t, mongo, 'admin');
    const page = await signedIn(app, admin);
    const problems = recordProblems(page);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByText('No API keys yet.').waitFor();

    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByText('Name the key after the service that will use it.').waitFor();
    await form.getByLabel('Name').fill('billing service');
    expect(await form.getByRole('checkbox', { name: /notify:send/ }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create key' }).click();

    const dialog = page.getByRole('dialog', { name: 'API key “billing service” created' });
    await dialog.getByText('Copy this key now.').waitFor();
    const key = await dialog.getByLabel('API key').inputValue();
    expect(key).toMatch(/^prk_[a-f\d]{24}_/);
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'api-key-created');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Listed without the key: its prefix, never used, active; the key itself is nowhere on the page.
    const row = page.getByRole('row', { name: /billing service/ });
    await row.getByText('Active').waitFor();
    await row.getByText('Never').first().waitFor();
    expect(await row.getByText(key.slice(0, 28)).count()).toBe(1);
    expect(await page.getByText(key).count()).toBe(0);
    const ok = await app.t
      .http()
      .post('/api/v1/notify')
      .set('Authorization', `Bearer ${key}`)
      .send({ userIds: [admin.id], title: 'Hello', body: 'From billing', idempotencyKey: 'web-1' });
    expect(ok.status).toBe(202);
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'api-keys', { docs: true });

    // The service's notification reaches the admin's center: its title, its body, no conversation to open.
    await page.goto('/notifications');
    const service = entry(page, 'Hello');
    await service.getByText('From billing').waitFor();
    expect(await service.getByRole('link').count()).toBe(0);
    await service.getByRole('button', { name: 'Mark as read: Hello' }).click();
    await bell(page, 0).waitFor();
    await page.goto('/admin/api-keys');

    await row.getByRole('button', { name: 'Revoke billing service' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “billing service”?' });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('status').filter({ hasText: 'Key “billing service” revoked.' }).waitFor();
    await row.getByText('Revoked').waitFor();
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    const refused = await app.t
      .http()
      .post('/api/v1/notify')
      .set('Authorization', `Bearer ${key}`)
      .send({ userIds: [admin.id], title: 'Hello', body: 'Again', idempotencyKey: 'web-2' });
    expect(refused.status).toBe(401);
    expect(problems.pageErrors).toEqual([]);
  }, 120_000);

  it('shows members no API keys link, and the page refuses them', async () => {
    const member = await registerUser(app.t);
    const page = await signedIn(app, member);
    expect(await page.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    await page.goto('/admin/api-keys');
    await page.getByRole('alert').filter({ hasText: 'Your role does not allow this.' }).waitFor();
  }, 60_000);
});
