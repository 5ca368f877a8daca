import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_ROUTES, IMMUTABLE, REVALIDATE, staticServingOptions } from './static-serving';

describe('staticServingOptions', () => {
  let dist: string;
  beforeEach(() => (dist = mkdtempSync(join(tmpdir(), 'parley-dist-'))));
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('serves nothing, silently, when serving is off', () => {
    const warn = jest.fn();
    expect(staticServingOptions(null, warn)).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('serves nothing and warns once when the directory has no index.html', () => {
    const warn = jest.fn();
    expect(staticServingOptions(join(dist, 'missing'), warn)).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no index.html'));
  });

  it('caches hashed assets for a year and makes everything else revalidate', () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    mkdirSync(join(dist, 'assets'));
    const [options] = staticServingOptions(dist, jest.fn());
    const cacheControl = (path: string) => {
      const res = { setHeader: jest.fn() };
      options?.serveStaticOptions?.setHeaders?.(res, path, undefined);
      return res.setHeader.mock.calls[0]?.[1] as string;
    };
    expect(options?.rootPath).toBe(dist);
    expect(cacheControl(join(dist, 'assets', 'app-abc123.js'))).toBe(IMMUTABLE);
    expect(cacheControl(join(dist, 'index.html'))).toBe(REVALIDATE);
    expect(cacheControl(join(dist, 'favicon.svg'))).toBe(REVALIDATE);
    expect(cacheControl(join(dist, 'assets-old', 'x.js'))).toBe(REVALIDATE);
  });
});

describe('CLIENT_ROUTES', () => {
  it.each(['/', '/c/66a1f0', '/verify-email', '/reset-password', '/apis', '/assets-list', '/login'])(
    'answers %s with the client',
    (path) => expect(CLIENT_ROUTES.test(path)).toBe(true),
  );

  it.each(['/api', '/api/', '/api/v1/nope', '/socket.io/', '/assets/app-missing.js', '/assets'])(
    'leaves %s to the API or a 404',
    (path) => expect(CLIENT_ROUTES.test(path)).toBe(false),
  );
});
