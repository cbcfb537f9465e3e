import { ConfigError, loadConfig } from 'src/config';

describe('listening configuration', () => {
  it('polls every 30 minutes and skips plays under 30 s by default', () => {
    expect(loadConfig({}, '/srv').listening).toEqual({ pollCron: '*/30 * * * *', minPlayMs: 30_000 });
  });

  it('takes another schedule, "off", and another minimum', () => {
    expect(loadConfig({ LISTENING_POLL_CRON: '0 * * * *', MIN_PLAY_MS: '10000' }, '/srv').listening).toEqual({
      pollCron: '0 * * * *',
      minPlayMs: 10_000,
    });
    expect(loadConfig({ LISTENING_POLL_CRON: 'off' }, '/srv').listening.pollCron).toBeNull();
  });

  it('names a bad value', () => {
    expect(() => loadConfig({ LISTENING_POLL_CRON: 'every hour' }, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig({ LISTENING_POLL_CRON: 'every hour' }, '/srv')).toThrow(/LISTENING_POLL_CRON/);
    expect(() => loadConfig({ MIN_PLAY_MS: '-1' }, '/srv')).toThrow(/MIN_PLAY_MS/);
  });
});
