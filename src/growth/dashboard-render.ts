// The dashboard as terminal text (pure): the full view, or `--quick` headline numbers only.
import type { DashboardView } from './dashboard.types';
import { sparkline } from './sparkline';

const NONE = '—';
const int = (n: number | null) => (n === null ? NONE : Math.round(n).toLocaleString('en-US'));
const signed = (n: number | null) => (n === null ? NONE : n > 0 ? `+${int(n)}` : int(n));
const points = (n: number | null) => (n === null ? NONE : n.toFixed(2));
const source = (s: string | null) =>
  s === 'SOUNDCHARTS' ? 'Soundcharts' : s === 'SPOTIFY' ? 'Spotify' : NONE;
const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;

function header(v: DashboardView): string {
  return `${v.name ?? 'unknown artist'} (${v.spotifyId}), ${v.today}`;
}

function marketsLine(v: DashboardView): string {
  const { activeMarkets, trackedMarkets } = v.spotify;
  return activeMarkets === null
    ? `${NONE}/${trackedMarkets.length}`
    : `${activeMarkets.length}/${trackedMarkets.length}`;
}

function visibilityLine(v: DashboardView): string {
  if (!v.visibility) return NONE;
  const s = v.visibility;
  return `${points(s.score)}/100 (${s.formulaVersion}, ${s.complete ? 'complete' : 'incomplete: rescaled'})`;
}

/** Headline numbers only. */
export function renderQuick(v: DashboardView): string {
  const weekly = v.growth?.weeklyFollowerGrowth ?? null;
  return [
    header(v),
    row('followers', `${int(v.spotify.followers)}${weekly === null ? '' : ` (${signed(weekly)} this week)`}`),
    row('popularity', int(v.spotify.popularity)),
    row('markets', marketsLine(v)),
    row('visibility', visibilityLine(v)),
    row(
      'catalog',
      `${v.catalog.linkedWorks}/${v.catalog.totalWorks} linked (${v.catalog.coveragePercent.toFixed(1)}%)`,
    ),
    row('action items', String(v.actionItems.length)),
    '',
  ].join('\n');
}

/** Every section: catalog, Spotify status, visibility, growth, 30-day sparklines, top tracks, charts, actions. */
export function renderDashboard(v: DashboardView): string {
  const lines: string[] = [`Soundgraph dashboard: ${header(v)}`, ''];
  const c = v.catalog;
  const e = v.enrichment;
  lines.push(
    c.artistName === null
      ? "Catalog (the whole catalog: the artist's name is unknown)"
      : `Catalog (works credited to "${c.artistName}")`,
    row('works', int(c.totalWorks)),
    row('linked', `${int(c.linkedWorks)} (${c.coveragePercent.toFixed(1)}%)`),
    row('to link', int(c.unlinkedWorks)),
    row(
      'enrichment',
      `all tracks ${e.tracksEnriched}/${e.tracksTotal} enriched, ${e.tracksStale} stale; ` +
        `all artists ${e.artistsEnriched}/${e.artistsTotal} enriched, ${e.artistsStale} stale`,
    ),
    '',
  );
  const s = v.spotify;
  lines.push(
    `Spotify (${s.snapshotDate ? `snapshot of ${s.snapshotDate}` : 'no snapshot yet'}, ${s.mode} app)`,
    row('followers', `${int(s.followers)}${s.followers === null ? '' : ` (${source(s.followersSource)})`}`),
    row('popularity', int(s.popularity)),
    row(
      'listeners',
      s.monthlyListeners === null ? `${NONE} monthly` : `${int(s.monthlyListeners)} monthly (Soundcharts)`,
    ),
    row(
      'markets',
      `${marketsLine(v)} active${s.activeMarkets?.length ? `: ${s.activeMarkets.join(' ')}` : ''}`,
    ),
    row('genres', s.genres.length ? s.genres.join(', ') : NONE),
    row(
      'capabilities',
      s.unavailableCapabilities.length
        ? `lacking ${s.unavailableCapabilities.map((x) => x.name).join(', ')}`
        : 'everything insights use is available',
    ),
    '',
  );
  lines.push(`Visibility score: ${visibilityLine(v)}`);
  if (v.visibility) {
    const x = v.visibility;
    lines.push(
      `  followers ${points(x.followerScore)} · popularity ${points(x.popularityScore)} · ` +
        `markets ${points(x.marketScore)} · tracks ${points(x.trackScore)} (of 25 each)`,
    );
  }
  lines.push('');
  if (v.growth) {
    const g = v.growth;
    lines.push(
      `Growth (${g.date})`,
      row('followers', `${signed(g.weeklyFollowerGrowth)} week, ${signed(g.monthlyFollowerGrowth)} month`),
      row(
        'popularity',
        `${signed(g.weeklyPopularityChange)} week, ${signed(g.monthlyPopularityChange)} month`,
      ),
      row(
        'markets',
        `new: ${g.newMarkets.length ? g.newMarkets.join(' ') : NONE}, lost: ${g.lostMarkets.length ? g.lostMarkets.join(' ') : NONE}`,
      ),
      '',
    );
  }
  lines.push(`Trends, last ${v.trends[0]?.values.length ?? 0} days (${v.trendsFrom} to ${v.today})`);
  for (const t of v.trends) {
    const latest = t.metric === 'visibility' ? points(t.latest) : int(t.latest);
    lines.push(`  ${t.metric.padEnd(12)}${sparkline(t.values)}  ${latest}`);
  }
  lines.push('');
  lines.push('Top tracks');
  if (v.topTracks.length === 0) lines.push(`  ${NONE}`);
  v.topTracks.forEach((t, i) => {
    lines.push(
      `  ${String(i + 1).padStart(2)}. ${t.name} (popularity ${int(t.popularity)}, ${t.markets} markets)`,
    );
  });
  lines.push('');
  if (v.charts) {
    lines.push('Charts');
    if (v.charts.length === 0) lines.push(`  ${NONE}`);
    for (const chart of v.charts) {
      const last = chart.lastSyncAt ? chart.lastSyncAt.toISOString() : 'never';
      lines.push(`  ${chart.slug.padEnd(30)} ${chart.status.padEnd(12)} last sync ${last}`);
    }
    lines.push('');
  }
  lines.push(`Action items (${v.actionItems.length})`);
  if (v.actionItems.length === 0) lines.push('  none');
  v.actionItems.forEach((a, i) => {
    lines.push(`  ${i + 1}. ${a.message}`, `     → ${a.hint}`);
  });
  lines.push('');
  return lines.join('\n');
}
