import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults: PGlite under ./data, port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/[/\\]data$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.webDistDir).toMatch(/[/\\]dist[/\\]web$/);
  });

  it('reads overrides, treating empty values as unset', () => {
    const c = loadConfig({ PORT: '8080', XUNCHA_DATA_DIR: '/var/lib/xuncha', DATABASE_URL: 'postgres://u:p@localhost:5432/x', LOG_LEVEL: '' });
    expect(c).toMatchObject({ port: 8080, dataDir: '/var/lib/xuncha', databaseUrl: 'postgres://u:p@localhost:5432/x', logLevel: 'info' });
    expect(loadConfig({ XUNCHA_WEB_DIR: '/srv/xuncha-web' }).webDistDir).toBe('/srv/xuncha-web');
  });

  it('lists every bad value in one message and never prints secrets', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://secret-password@h/x', XUNCHA_ADMIN_PASSWORD: 'short', LOG_LEVEL: 'loud', XUNCHA_SESSION_HOURS: '-1' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'XUNCHA_SESSION_HOURS', 'LOG_LEVEL', 'DATABASE_URL', 'XUNCHA_ADMIN_PASSWORD'].sort((a, b) => ['PORT', 'XUNCHA_DATA_DIR', 'DATABASE_URL', 'XUNCHA_ADMIN_PASSWORD', 'XUNCHA_SESSION_HOURS', 'LOG_LEVEL'].indexOf(a) - ['PORT', 'XUNCHA_DATA_DIR', 'DATABASE_URL', 'XUNCHA_ADMIN_PASSWORD', 'XUNCHA_SESSION_HOURS', 'LOG_LEVEL'].indexOf(b)));
    expect(e.message).toContain('配置有误');
    expect(e.message).not.toContain('secret-password');
    expect(e.message).not.toContain('short');
  });
});
