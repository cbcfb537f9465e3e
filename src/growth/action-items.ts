// Action items of the dashboard, computed from the data alone (pure).
import type { LostMarket } from './growth';

export type ActionItemKind =
  | 'NOT_TRACKED'
  | 'NO_RECENT_SNAPSHOT'
  | 'WORKS_TO_LINK'
  | 'STALE_ENRICHMENT'
  | 'MISSING_CAPABILITY'
  | 'MARKETS_LOST'
  | 'CHART_SYNC_FAILING';

export interface ActionItem {
  kind: ActionItemKind;
  message: string;
  /** What to run or change. */
  hint: string;
}

/** A market active in a snapshot of this many days (ending today) and inactive in the latest one is lost. */
export const MARKETS_LOST_DAYS = 30;

/** A day without a snapshot is worth an item from this many days on (the schedule runs daily). */
export const SNAPSHOT_OVERDUE_DAYS = 2;

/** What each insights capability feeds, and whether anything restores it. */
export const CAPABILITY_EFFECTS: Readonly<Record<string, { feeds: string; withdrawn: boolean }>> = {
  'artist.followers': { feeds: 'followers and the follower score', withdrawn: false },
  'artist.popularity': { feeds: 'popularity and the popularity score', withdrawn: false },
  'artists.topTracks': {
    feeds: 'top tracks, markets, the market and track scores, the audio profile',
    withdrawn: false,
  },
  'track.popularity': { feeds: 'the track score', withdrawn: false },
  audioFeatures: { feeds: 'the audio profile', withdrawn: true },
  relatedArtists: { feeds: 'the related-artist benchmark', withdrawn: true },
  recommendations: { feeds: 'recommendations', withdrawn: true },
};

export interface ActionItemInput {
  spotifyId: string;
  tracked: boolean;
  unlinkedWorks: number;
  /** A few unlinked titles, to name them. */
  unlinkedSample: string[];
  tracksNeverEnriched: number;
  tracksStale: number;
  artistsNeverEnriched: number;
  artistsStale: number;
  /** Capabilities this Spotify app lacks (any; only those insights use become items). */
  unavailableCapabilities: string[];
  /** Whether followers already come from Soundcharts. */
  followersFromSoundcharts: boolean;
  /** Days since the latest snapshot; null when there is none. */
  daysSinceSnapshot: number | null;
  /** Markets active in the last MARKETS_LOST_DAYS days of snapshots and inactive in the latest one. */
  lostMarkets: LostMarket[];
  /** The day of that latest snapshot. */
  lostAsOf: string | null;
  /** Charts whose last sync failed (when chart sync health is available). */
  failingCharts: { chart: string; error: string | null }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quoted = (titles: string[]) => titles.map((t) => `"${t}"`).join(', ');

/** Most urgent first: no data at all, then stale data, then catalog work, then what the app cannot see. */
export function actionItems(input: ActionItemInput): ActionItem[] {
  const items: ActionItem[] = [];
  if (!input.tracked) {
    items.push({
      kind: 'NOT_TRACKED',
      message: 'this artist is not tracked: no daily snapshot is collected',
      hint: `soundgraph insights track ${input.spotifyId} (or the trackArtist mutation)`,
    });
  }
  if (input.daysSinceSnapshot === null) {
    items.push({
      kind: 'NO_RECENT_SNAPSHOT',
      message: 'no snapshot yet',
      hint: `soundgraph insights collect ${input.spotifyId}`,
    });
  } else if (input.daysSinceSnapshot >= SNAPSHOT_OVERDUE_DAYS) {
    items.push({
      kind: 'NO_RECENT_SNAPSHOT',
      message: `no snapshot for ${plural(input.daysSinceSnapshot, 'day')}`,
      hint: `soundgraph insights collect ${input.spotifyId}; check that a worker runs the daily schedule (INSIGHTS_CRON)`,
    });
  }
  if (input.lostMarkets.length) {
    items.push({
      kind: 'MARKETS_LOST',
      message:
        `lost ${plural(input.lostMarkets.length, 'market')} in the last ${MARKETS_LOST_DAYS} days, inactive on ` +
        `${input.lostAsOf}: ${input.lostMarkets.map((m) => `${m.market} (last active ${m.lastActive})`).join(', ')}`,
      hint: 'check the releases’ availability (licensing, distributor territories) in those markets',
    });
  }
  if (input.unlinkedWorks > 0) {
    const more = input.unlinkedWorks > input.unlinkedSample.length ? ', …' : '';
    items.push({
      kind: 'WORKS_TO_LINK',
      message: `${plural(input.unlinkedWorks, 'work')} without a Spotify link: ${quoted(input.unlinkedSample)}${more}`,
      hint: 'soundgraph catalog link (auto-link), then review the candidates of works left unlinked',
    });
  }
  const tracks = input.tracksNeverEnriched + input.tracksStale;
  const artists = input.artistsNeverEnriched + input.artistsStale;
  if (tracks > 0 || artists > 0) {
    const parts = [
      tracks > 0 &&
        `${plural(tracks, 'track')} (${input.tracksNeverEnriched} never enriched, ${input.tracksStale} stale)`,
      artists > 0 &&
        `${plural(artists, 'artist')} (${input.artistsNeverEnriched} never enriched, ${input.artistsStale} stale)`,
    ].filter(Boolean);
    items.push({
      kind: 'STALE_ENRICHMENT',
      message: `enrichment needed: ${parts.join(', ')}`,
      hint: [
        tracks > 0 && 'soundgraph enrich tracks --mode backfill',
        artists > 0 && 'soundgraph enrich artists --mode backfill',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  const missing = Object.keys(CAPABILITY_EFFECTS).filter((c) => input.unavailableCapabilities.includes(c));
  const restorable = missing.filter((c) => !CAPABILITY_EFFECTS[c].withdrawn);
  const withdrawn = missing.filter((c) => CAPABILITY_EFFECTS[c].withdrawn);
  const effects = (caps: string[]) => caps.map((c) => `${c} (${CAPABILITY_EFFECTS[c].feeds})`).join('; ');
  if (restorable.length) {
    const soundcharts = restorable.includes('artist.followers') && !input.followersFromSoundcharts;
    items.push({
      kind: 'MISSING_CAPABILITY',
      message: `this Spotify app lacks ${effects(restorable)}`,
      hint:
        'Extended Quota Mode restores them (Spotify developer dashboard; new grants need an organisation with 250k MAU)' +
        (soundcharts ? '; Soundcharts artist audience fills followers and monthly listeners without it' : ''),
    });
  }
  if (withdrawn.length) {
    items.push({
      kind: 'MISSING_CAPABILITY',
      message: `this Spotify app lacks ${effects(withdrawn)}`,
      hint: 'Spotify withdrew these on 2024-11-27; only apps with extended access granted before then keep them, no setting restores them',
    });
  }
  for (const chart of input.failingCharts) {
    items.push({
      kind: 'CHART_SYNC_FAILING',
      message: `the last sync of chart ${chart.chart} failed${chart.error ? `: ${chart.error}` : ''}`,
      hint: `triggerChartSync(slug: "${chart.chart}") once the cause is fixed (see chartSyncHealth)`,
    });
  }
  return items;
}
