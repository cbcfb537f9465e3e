import { ConfigError } from './config.error';
import { loadConfig } from './app-config';

const live = {
  SPOTIFY_CLIENT_ID: 'id',
  SPOTIFY_CLIENT_SECRET: 'secret',
  SOUNDCHARTS_APP_ID: 'app',
  SOUNDCHARTS_API_KEY: 'key',
  API_KEYS: 'admin:admin-key-0123456789abcdef',
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to sandbox mode on the embedded database under ./.data', () => {
    const config = loadConfig({}, '/srv');
    expect(config).toMatchObject({
      port: 3000,
      role: 'all',
      sandbox: true,
      publicReads: true,
      dataDir: '/srv/.data',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.spotify).toMatchObject({
      sandboxed: true,
      apiMode: 'auto',
      apiUrl: 'https://api.spotify.com/v1',
    });
    expect(config.spotify.redirectUri).toBe('http://127.0.0.1:3000/auth/spotify/callback');
    expect(config.graphqlIntrospection).toBe(true);
  });

  it('is in live mode with every credential, and introspection is then off unless asked for', () => {
    expect(loadConfig(live)).toMatchObject({ sandbox: false, graphqlIntrospection: false });
    expect(loadConfig({ ...live, GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection).toBe(true);
  });

  it.each([
    [{ ROLE: 'scheduler' }, 'ROLE', 'must be one of the following values: api, worker, all'],
    [{ PORT: '70000' }, 'PORT', 'must not be greater than 65535'],
    [{ PORT: 'eighty' }, 'PORT', 'must be an integer number'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL', 'must be a URL address'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'must be a URL address'],
    [{ SPOTIFY_API_MODE: 'turbo' }, 'SPOTIFY_API_MODE', 'must be one of the following values'],
    [{ SANDBOX: 'maybe' }, 'SANDBOX', 'must be one of the following values: auto, on, off'],
    [{ PUBLIC_READS: 'sometimes' }, 'PUBLIC_READS', 'must be a boolean value'],
    [{ SPOTIFY_API_URL: 'ftp://example.com' }, 'SPOTIFY_API_URL', 'must be a URL address'],
    [{ TZ_ANALYTICS: 'Mars/Olympus' }, 'TZ_ANALYTICS', 'is not an IANA time zone'],
    [{ ENCRYPTION_KEY: 'c2hvcnQ=' }, 'ENCRYPTION_KEY', 'must be 32 bytes'],
    [{ API_KEYS: 'root:abcdefghijklmnopqrstuvwxyz' }, 'API_KEYS', 'entry 1 has unknown role "root"'],
    [{ API_KEYS: 'admin:short' }, 'API_KEYS', 'entry 1 has a key that is not 16-256 URL-safe characters'],
    [
      { API_KEYS: 'reader:abcdefghijklmnopqrstuvwxyz,operator' },
      'API_KEYS',
      'entry 2 is not of the form role:key',
    ],
    [{ SANDBOX: 'off' }, 'SPOTIFY_CLIENT_ID', 'required when SANDBOX=off'],
  ])('rejects %j naming %s', (env, variable, reason) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(reason);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(error.message).not.toContain('\n');
  });

  it('never echoes an API key in its error', () => {
    const error = errorOf({ API_KEYS: 'admin:s3cr3t' });
    expect(error.message).not.toContain('s3cr3t');
  });

  it('refuses live mode without API keys or an encryption key', () => {
    expect(errorOf({ ...live, API_KEYS: '' }).variable).toBe('API_KEYS');
    expect(errorOf({ ...live, ENCRYPTION_KEY: '' }).variable).toBe('ENCRYPTION_KEY');
  });

  it('parses API keys, roles and booleans', () => {
    const config = loadConfig({
      API_KEYS: 'reader:reader-key-0123456789, admin:admin-key-0123456789abc',
      PUBLIC_READS: 'false',
      ROLE: 'worker',
    });
    expect(config.apiKeys).toEqual([
      { role: 'reader', key: 'reader-key-0123456789' },
      { role: 'admin', key: 'admin-key-0123456789abc' },
    ]);
    expect(config.publicReads).toBe(false);
    expect([config.runsApi, config.runsWorker]).toEqual([false, true]);
  });
});
