// Every test file: fixed time zone, quiet logs, no provider credentials from the developer's shell.
process.env.TZ = 'UTC';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
for (const name of [
  'SPOTIFY_CLIENT_ID',
  'SPOTIFY_CLIENT_SECRET',
  'SOUNDCHARTS_APP_ID',
  'SOUNDCHARTS_API_KEY',
  'API_KEYS',
]) {
  delete process.env[name];
}
