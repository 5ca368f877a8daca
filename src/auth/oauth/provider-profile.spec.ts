import type { Profile } from 'passport';
import { fromGithub, fromGoogle } from './provider-profile';

function profile(fields: Partial<Profile>): Profile {
  return { provider: 'x', id: '42', displayName: '', ...fields };
}

describe('fromGoogle', () => {
  it('normalises the email and reads email_verified given as a boolean or the string "true"', () => {
    const asString = fromGoogle(
      profile({ emails: [{ value: ' Ana@Example.TEST ', verified: 'true' } as never] }),
    );
    expect(asString).toMatchObject({ providerUserId: '42', email: 'ana@example.test', emailVerified: true });
    const asBoolean = fromGoogle(profile({ emails: [{ value: 'a@b.test', verified: true } as never] }));
    expect(asBoolean.emailVerified).toBe(true);
  });

  it('treats a missing or false email_verified as unverified, and no email as none', () => {
    expect(fromGoogle(profile({ emails: [{ value: 'a@b.test' }] })).emailVerified).toBe(false);
    expect(fromGoogle(profile({}))).toMatchObject({ email: undefined, emailVerified: false });
  });
});

describe('fromGithub', () => {
  const emails = (list: Array<{ value: string; primary: boolean; verified: boolean }>) =>
    profile({ emails: list, username: 'octo' });

  it('takes the primary address with its verified flag, not a verified secondary one', () => {
    const result = fromGithub(
      emails([
        { value: 'other@b.test', primary: false, verified: true },
        { value: 'main@b.test', primary: true, verified: false },
      ]),
    );
    expect(result).toMatchObject({ email: 'main@b.test', emailVerified: false, displayName: 'octo' });
  });

  it('has no email without a primary address', () => {
    const result = fromGithub(emails([{ value: 'other@b.test', primary: false, verified: true }]));
    expect(result).toMatchObject({ email: undefined, emailVerified: false });
  });
});
