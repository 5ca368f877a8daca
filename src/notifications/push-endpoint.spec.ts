import { isAllowedPushEndpoint } from './push-endpoint';

describe('isAllowedPushEndpoint', () => {
  const hosts = ['fcm.googleapis.com', 'notify.windows.com', '127.0.0.1'];

  it('accepts a listed host and its subdomains', () => {
    expect(isAllowedPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', hosts)).toBe(true);
    expect(isAllowedPushEndpoint('https://wns2-par02p.notify.windows.com/w/?token=x', hosts)).toBe(true);
    expect(isAllowedPushEndpoint('http://127.0.0.1:4000/push/1', hosts)).toBe(true);
  });

  it('refuses other hosts, including look-alikes that only end with a listed name', () => {
    expect(isAllowedPushEndpoint('https://169.254.169.254/latest/meta-data', hosts)).toBe(false);
    expect(isAllowedPushEndpoint('https://evilfcm.googleapis.com.example/x', hosts)).toBe(false);
    expect(isAllowedPushEndpoint('https://evilnotify.windows.com/x', hosts)).toBe(false);
    expect(isAllowedPushEndpoint('https://user@fcm.googleapis.com.evil.example/x', hosts)).toBe(false);
  });

  it('compares host names without regard to case', () => {
    expect(isAllowedPushEndpoint('https://FCM.googleapis.com/fcm/send/abc', ['Fcm.GoogleApis.com'])).toBe(
      true,
    );
  });
});
