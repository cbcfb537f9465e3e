// Chart rankings, one per publication instant from the chart epoch on: each ranking takes the `size` best-scoring
// released songs of the chart's pool. A song's score mixes its pool rank with a bell around its own peak day, a slow
// wave and a little daily noise, so songs climb, fall, leave and re-enter; new releases peak soon after release. Rankings are computed in order
// (time on chart and re-entries need the history) and cached; they depend only on the dataset, never on the clock.
import { DAY_MS, dayIndex } from './soundcharts-dates';
import { RANKING_HOUR_UTC } from './soundcharts-data.static';
import type { SoundchartsChartRecord } from './soundcharts-data.types';
import { hashUnit } from '../common';
import { hashBetween } from './soundcharts-prng';

/** First ranking day of every chart. */
export const CHART_EPOCH = '2025-01-01';
const EPOCH_IDX = dayIndex(CHART_EPOCH);

export interface RankingEntryRecord {
  readonly songUuid: string;
  readonly position: number;
  /** Previous position, or last position before leaving for a re-entry; 0 for a first entry. */
  readonly oldPosition: number;
  /** oldPosition - position when the song was on the previous ranking, else 0. */
  readonly positionEvolution: number;
  readonly metric: number;
  readonly entryState: '' | 'NEW' | 'RE_ENTRY';
  /** Instant (ms) of the first ranking the song appeared on. */
  readonly entryMs: number;
  /** Rankings on this chart so far, this one included. */
  readonly timeOnChart: number;
}

interface PoolSong {
  readonly uuid: string;
  readonly releaseIdx: number;
  readonly pinned: boolean;
  /** 1 for the pool's best song down to ~0 for its last. */
  readonly base: number;
  /** Day of the song's peak on this chart and how long its bell lasts (days). */
  readonly peakIdx: number;
  readonly width: number;
  readonly amplitude: number;
  readonly period: number;
  readonly phase: number;
}

export class ChartRankings {
  private readonly pool: PoolSong[];
  private readonly firstDayIdx: number;
  private readonly stepDays: number;
  private readonly computed: RankingEntryRecord[][] = [];
  private readonly firstK: number[];
  private readonly count: number[];
  private readonly lastPosition: number[];
  private previous = new Map<number, number>();

  constructor(
    private readonly chart: SoundchartsChartRecord,
    releaseDayOf: (uuid: string) => string,
  ) {
    this.stepDays = chart.frequency === 'weekly' ? 7 : 1;
    // Weekly charts publish on Fridays (getUTCDay() === 5).
    const weekday = new Date(EPOCH_IDX * DAY_MS).getUTCDay();
    this.firstDayIdx = chart.frequency === 'weekly' ? EPOCH_IDX + ((5 - weekday + 7) % 7) : EPOCH_IDX;
    const n = chart.poolSongUuids.length;
    this.pool = chart.poolSongUuids.map((uuid, i) => {
      const key = `${chart.slug}|${uuid}`;
      const releaseIdx = dayIndex(releaseDayOf(uuid));
      // Catalog songs peak anywhere from before the epoch to well after today; new releases soon after release.
      const peakIdx =
        releaseIdx > EPOCH_IDX
          ? releaseIdx + Math.round(hashBetween(`${key}|peak`, 10, 60))
          : EPOCH_IDX + Math.round(hashBetween(`${key}|peak`, -250, 1000));
      return {
        uuid,
        releaseIdx,
        pinned: chart.pinnedSongUuids.includes(uuid),
        base: 1 - i / n,
        peakIdx,
        width: hashBetween(`${key}|width`, 80, 360),
        amplitude: hashBetween(`${key}|amp`, 0.03, 0.12),
        period: hashBetween(`${key}|period`, 25, 140),
        phase: hashBetween(`${key}|phase`, 0, 2 * Math.PI),
      };
    });
    this.firstK = new Array<number>(n).fill(-1);
    this.count = new Array<number>(n).fill(0);
    this.lastPosition = new Array<number>(n).fill(0);
  }

  get slug(): string {
    return this.chart.slug;
  }

  /** Publication instant (ms) of ranking k. */
  instantOf(k: number): number {
    return (this.firstDayIdx + k * this.stepDays) * DAY_MS + RANKING_HOUR_UTC * 3_600_000;
  }

  /** Number of rankings published at or before `nowMs`. */
  countUntil(nowMs: number): number {
    const first = this.instantOf(0);
    if (nowMs < first) return 0;
    return Math.floor((nowMs - first) / (this.stepDays * DAY_MS)) + 1;
  }

  /** Ranking index published exactly at `ms`, if any. */
  indexAt(ms: number): number | undefined {
    const offset = ms - this.instantOf(0);
    const step = this.stepDays * DAY_MS;
    if (offset < 0 || offset % step !== 0) return undefined;
    return offset / step;
  }

  entries(k: number): readonly RankingEntryRecord[] {
    while (this.computed.length <= k) this.computed.push(this.compute(this.computed.length));
    return this.computed[k];
  }

  /** Pinned songs stay on top; others follow their bell around the peak, plus a wave and daily noise. */
  private score(song: PoolSong, k: number, dayIdx: number): number {
    const noise = 0.03 * (hashUnit(`${this.chart.slug}|${song.uuid}|${k}`) - 0.5);
    if (song.pinned) return 2 + noise;
    const bell = Math.exp(-(((dayIdx - song.peakIdx) / song.width) ** 2));
    const wave = song.amplitude * Math.sin(song.phase + (2 * Math.PI * dayIdx) / song.period);
    return 0.2 * song.base + 0.8 * bell + wave + noise;
  }

  private compute(k: number): RankingEntryRecord[] {
    const dayIdx = this.firstDayIdx + k * this.stepDays;
    const ranked = this.pool
      .map((song, i) => ({ i, song, score: this.score(song, k, dayIdx) }))
      .filter((s) => s.song.releaseIdx <= dayIdx)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, this.chart.size);
    const dayFactor = 0.92 + 0.16 * hashUnit(`${this.chart.slug}|volume|${k}`);
    const current = new Map<number, number>();
    const entries = ranked.map(({ i, song }, index): RankingEntryRecord => {
      const position = index + 1;
      current.set(i, position);
      const previousPosition = this.previous.get(i);
      const everBefore = this.firstK[i] >= 0;
      if (!everBefore) this.firstK[i] = k;
      this.count[i]++;
      const oldPosition = previousPosition ?? (everBefore ? this.lastPosition[i] : 0);
      this.lastPosition[i] = position;
      return {
        songUuid: song.uuid,
        position,
        oldPosition,
        positionEvolution: previousPosition === undefined ? 0 : previousPosition - position,
        metric: Math.round(this.chart.topMetric * position ** -0.6 * dayFactor),
        entryState: previousPosition !== undefined ? '' : everBefore ? 'RE_ENTRY' : 'NEW',
        entryMs: this.instantOf(this.firstK[i]),
        timeOnChart: this.count[i],
      };
    });
    this.previous = current;
    return entries;
  }
}
