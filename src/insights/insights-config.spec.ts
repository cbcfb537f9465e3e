import { ConfigError, loadConfig } from 'src/config';

const load = (env: Record<string, string>) => loadConfig({ SANDBOX: 'auto', ...env }, '/tmp');

describe('insights settings', () => {
  it('defaults to the 13 markets of design §6 and a daily 06:00 UTC collection', () => {
    const config = load({});
    expect(config.insights.markets).toEqual('US GB CA AU DE FR ES IT NL SE NO DK FI'.split(' '));
    expect(config.insights.cron).toBe('0 6 * * *');
  });

  it('reads INSIGHT_MARKETS as upper-cased, de-duplicated ISO codes, and refuses anything else', () => {
    expect(load({ INSIGHT_MARKETS: 'fr, be,FR ,ch' }).insights.markets).toEqual(['FR', 'BE', 'CH']);
    expect(() => load({ INSIGHT_MARKETS: 'FR,France' })).toThrow(ConfigError);
    expect(() => load({ INSIGHT_MARKETS: 'FR,,DE' })).toThrow(/INSIGHT_MARKETS/);
  });

  it('turns the schedule off with INSIGHTS_CRON=off and refuses a bad cron', () => {
    expect(load({ INSIGHTS_CRON: 'off' }).insights.cron).toBeNull();
    expect(load({ INSIGHTS_CRON: '30 4 * * 1-5' }).insights.cron).toBe('30 4 * * 1-5');
    expect(() => load({ INSIGHTS_CRON: 'daily' })).toThrow(/INSIGHTS_CRON/);
  });
});
