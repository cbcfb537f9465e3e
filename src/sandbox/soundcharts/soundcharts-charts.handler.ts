// Song charts: the chart list by platform, rankings (latest or at a datetime taken from available-rankings) and the
// ranking dates. Rankings exist from the chart epoch up to the emulator's clock, one per day (weekly: Fridays).
import type { SoundchartsContext, SoundchartsRouter } from './soundcharts-emulator.context';
import { atom } from './soundcharts-dates';
import { PLATFORM_NAMES } from './soundcharts-data.static';
import type { SoundchartsChartRecord } from './soundcharts-data.types';
import { scErrors } from './soundcharts-errors';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { requireChart, requireSong } from './soundcharts-lookups';
import { collection, pageParams, platformParam, type PageParams } from './soundcharts-params';
import { chartJson, chartWithMetricJson, rankingItemJson } from './soundcharts-serializer';

export class SoundchartsChartsHandler {
  constructor(private readonly ctx: SoundchartsContext) {}

  register(router: SoundchartsRouter): void {
    router.get('/api/v2/chart/song/platforms', (req) => this.platforms(req));
    router.get('/api/v2/chart/song/by-platform/:platform', (req, p) => this.byPlatform(req, p.platform));
    router.get('/api/v2.14/chart/song/:slug/ranking/latest', (req, p) => this.latest(req, p.slug));
    router.get('/api/v2.14/chart/song/:slug/ranking/:datetime', (req, p) => this.at(req, p.slug, p.datetime));
    router.get('/api/v2/chart/song/:slug/available-rankings', (req, p) => this.available(req, p.slug));
  }

  private platforms(req: EmulatorRequest): HandlerResult {
    const codes = [...new Set(this.ctx.dataset.charts.map((c) => c.platform))];
    return json(
      200,
      collection(
        req,
        codes.map((code) => ({ code, name: PLATFORM_NAMES[code] ?? code })),
        null,
      ),
    );
  }

  private byPlatform(req: EmulatorRequest, platform: string): HandlerResult {
    platformParam(platform);
    const page = pageParams(req.query);
    const country = req.query.get('countryCode')?.toUpperCase();
    const charts = this.ctx.dataset.charts.filter(
      (c) =>
        c.platform === platform && (country === undefined || country === '' || c.countryCode === country),
    );
    return json(200, collection(req, charts.map(chartJson), { platform }, page));
  }

  private latest(req: EmulatorRequest, slug: string): HandlerResult {
    const chart = requireChart(this.ctx, slug);
    const page = pageParams(req.query);
    const count = this.ctx.dataset.rankings(chart).countUntil(this.ctx.now());
    if (count === 0) throw scErrors.notFound('Ranking not found');
    return this.ranking(req, chart, count - 1, page);
  }

  private at(req: EmulatorRequest, slug: string, datetime: string): HandlerResult {
    const chart = requireChart(this.ctx, slug);
    const page = pageParams(req.query);
    // A "+" decoded as a space by a form-style client is still the offset sign.
    const ms = Date.parse(datetime.replace(' ', '+'));
    if (Number.isNaN(ms)) throw scErrors.invalidDate('datetime');
    const rankings = this.ctx.dataset.rankings(chart);
    const k = rankings.indexAt(ms);
    if (k === undefined || ms > this.ctx.now()) throw scErrors.notFound('Ranking not found');
    return this.ranking(req, chart, k, page);
  }

  private ranking(
    req: EmulatorRequest,
    chart: SoundchartsChartRecord,
    k: number,
    page: PageParams,
  ): HandlerResult {
    const rankings = this.ctx.dataset.rankings(chart);
    const rankMs = rankings.instantOf(k);
    const items = rankings
      .entries(k)
      .map((entry) => rankingItemJson(chart, entry, rankMs, requireSong(this.ctx, entry.songUuid)));
    return json(200, collection(req, items, { chart: chartWithMetricJson(chart), date: atom(rankMs) }, page));
  }

  private available(req: EmulatorRequest, slug: string): HandlerResult {
    const chart = requireChart(this.ctx, slug);
    const page = pageParams(req.query);
    const dates = this.ctx.dataset.rankingDates(slug, this.ctx.now());
    return json(200, collection(req, dates, chartJson(chart), page));
  }
}
