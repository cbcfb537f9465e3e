// Derives the Soundcharts sandbox dataset from the Spotify sandbox catalog, so the two emulators agree: one song per
// ISRC with every Spotify track id carrying it, one artist per Spotify artist (same Spotify id), charts made of
// those songs. One shared ISRC is blacklisted (410) and one Spotify track is left for Soundcharts to ingest later.
import type { SpotifyAlbumRecord, SpotifyArtistRecord, SpotifyCatalog, SpotifyTrackRecord } from '../spotify';
import type { SoundchartsGenreJson } from './soundcharts-api.types';
import { dayIndex, dayString, pointDate } from './soundcharts-dates';
import {
  ARTIST_AUDIENCE_PLATFORMS,
  ARTIST_PROFILES,
  CHART_SPECS,
  careerStageFor,
  countryName,
  type ArtistProfile,
  type ChartSpec,
  type SongAudiencePlatform,
} from './soundcharts-data.static';
import type {
  PlatformIdentifierRecord,
  SeriesPointSample,
  SoundchartsArtistRecord,
  SoundchartsChartRecord,
  SoundchartsKnownIds,
  SoundchartsSongRecord,
} from './soundcharts-data.types';
import {
  appUrlOf,
  artistUuid,
  assetUrl,
  ipi,
  isni,
  shazamId,
  slugify,
  songUuid,
  tiktokMusicId,
  youtubeVideoId,
} from './soundcharts-ids';
import { hashUnit } from '../common';
import { base64UrlFromKey, digitsFromKey } from './soundcharts-prng';
import { CHART_EPOCH } from './soundcharts-rankings';
import { isMissingDay, SERIES_START, SERIES_START_IDX } from './soundcharts-series';

export const INGESTION_DELAY_MS = 2 * 3_600_000;
/** Points older than the clock's today minus this many days carry Paris offsets; newer ones +00:00. */
export const PARIS_OFFSET_AGE_DAYS = 120;
const UNKNOWN_SPOTIFY_TRACK_ID = 'UnknownTrack0000000000';

export interface SoundchartsDatasetData {
  readonly songs: readonly SoundchartsSongRecord[];
  readonly artists: readonly SoundchartsArtistRecord[];
  readonly charts: readonly SoundchartsChartRecord[];
  /** Songs Soundcharts only knows once ingested (after a by-platform 404). */
  readonly pendingSongs: readonly SoundchartsSongRecord[];
  /** Blacklisted ISRC → the Spotify track ids carrying it. */
  readonly blacklisted: ReadonlyMap<string, readonly string[]>;
  readonly known: SoundchartsKnownIds;
}

/** Spotify release dates may be "2004" or "2004-03": Soundcharts prints full days. */
function fullDay(album: SpotifyAlbumRecord): string {
  const [year, month = '01', day = '01'] = album.releaseDate.split('-');
  return `${year}-${month}-${day}`;
}

function fallbackProfile(artist: SpotifyArtistRecord): ArtistProfile {
  return {
    type: 'person',
    gender: null,
    birthDate: null,
    cityName: '',
    genres: artist.genres.length > 0 ? [{ root: 'pop', sub: [...artist.genres] }] : [],
    growthLevel: 'average',
    platforms: ARTIST_AUDIENCE_PLATFORMS,
  };
}

function flattenGenres(genres: readonly SoundchartsGenreJson[]): string[] {
  const out: string[] = [];
  for (const g of genres) for (const name of [g.root, ...g.sub]) if (!out.includes(name)) out.push(name);
  return out;
}

function artistIdentifiers(artist: SpotifyArtistRecord, profile: ArtistProfile): PlatformIdentifierRecord[] {
  const handle = slugify(artist.name).replace(/-/g, '');
  const ids: PlatformIdentifierRecord[] = [
    {
      platform: 'spotify',
      identifier: artist.id,
      url: `https://open.spotify.com/artist/${artist.id}`,
      isDefault: true,
    },
  ];
  for (const platform of profile.platforms) {
    switch (platform) {
      case 'spotify':
        break;
      case 'youtube': {
        const channel = `UC${base64UrlFromKey(`channel:${artist.id}`, 22)}`;
        ids.push({
          platform,
          identifier: channel,
          url: `https://www.youtube.com/channel/${channel}`,
          isDefault: true,
        });
        break;
      }
      case 'instagram':
        ids.push({
          platform,
          identifier: handle,
          url: `https://www.instagram.com/${handle}/`,
          isDefault: true,
        });
        break;
      case 'tiktok':
        ids.push({ platform, identifier: handle, url: `https://www.tiktok.com/@${handle}`, isDefault: true });
        break;
      case 'deezer': {
        const id = digitsFromKey(`deezer:${artist.id}`, 7);
        ids.push({ platform, identifier: id, url: `https://www.deezer.com/artist/${id}`, isDefault: true });
        break;
      }
    }
  }
  return ids;
}

function buildArtist(artist: SpotifyArtistRecord): SoundchartsArtistRecord {
  const profile = ARTIST_PROFILES[artist.name] ?? fallbackProfile(artist);
  const uuid = artistUuid(artist.id);
  const slug = slugify(artist.name);
  const genres = flattenGenres(profile.genres);
  const what = profile.type === 'group' ? 'group' : 'artist';
  const style = genres.length > 0 ? `${genres[genres.length - 1]} ` : '';
  const place = profile.cityName !== '' ? `${profile.cityName}, ` : '';
  return {
    uuid,
    slug,
    name: artist.name,
    spotifyId: artist.id,
    countryCode: artist.country,
    cityName: profile.cityName,
    genres,
    songGenres: profile.genres,
    careerStage: careerStageFor(artist.followers),
    growthLevel: profile.growthLevel,
    type: profile.type,
    gender: profile.gender,
    birthDate: profile.birthDate,
    biography: `${artist.name} is a ${style}${what} from ${place}${countryName(artist.country)}.`,
    isni: isni(artist.id),
    ipi: ipi(artist.id),
    appUrl: appUrlOf('artist', slug),
    imageUrl: assetUrl('artist', uuid),
    spotifyFollowers: artist.followers,
    popularity: artist.popularity,
    platforms: profile.platforms,
    identifiers: artistIdentifiers(artist, profile),
  };
}

function buildSong(
  isrc: string,
  tracks: readonly SpotifyTrackRecord[],
  catalog: SpotifyCatalog,
  artistsBySpotifyId: ReadonlyMap<string, SoundchartsArtistRecord>,
): SoundchartsSongRecord {
  const withDays = tracks.map((track, order) => {
    const album = catalog.albumOf(track);
    return { track, album, day: fullDay(album), order };
  });
  const earliest = [...withDays].sort((a, b) => a.day.localeCompare(b.day) || a.order - b.order)[0];
  const primary = earliest.track;
  const defaultTrack = tracks.reduce((best, t) => (t.popularity > best.popularity ? t : best), tracks[0]);
  const artists = primary.artistIds.map((id) => {
    const record = artistsBySpotifyId.get(id);
    if (!record) throw new Error(`Soundcharts sandbox: song ${isrc} credits unknown artist ${id}`);
    return record;
  });
  const main = artists[0];
  const uuid = songUuid(isrc);
  const popularity = Math.max(...tracks.map((t) => t.popularity));
  const youtubeId = hashUnit(`youtube-presence|${isrc}`) < 0.08 ? null : youtubeVideoId(isrc);
  const tiktokId = popularity >= 40 || hashUnit(`tiktok-presence|${isrc}`) < 0.3 ? tiktokMusicId(isrc) : null;
  const platforms: SongAudiencePlatform[] = ['spotify'];
  if (youtubeId !== null) platforms.push('youtube');
  platforms.push('shazam');
  if (tiktokId !== null) platforms.push('tiktok');
  const spotifyIds = [defaultTrack, ...tracks.filter((t) => t !== defaultTrack)].map(
    (t): PlatformIdentifierRecord => ({
      platform: 'spotify',
      identifier: t.id,
      url: `https://open.spotify.com/track/${t.id}`,
      isDefault: t === defaultTrack,
    }),
  );
  const shazam = shazamId(isrc);
  const identifiers: PlatformIdentifierRecord[] = [...spotifyIds];
  if (youtubeId !== null)
    identifiers.push({
      platform: 'youtube',
      identifier: youtubeId,
      url: `https://www.youtube.com/watch?v=${youtubeId}`,
      isDefault: true,
    });
  identifiers.push({
    platform: 'shazam',
    identifier: shazam,
    url: `https://www.shazam.com/track/${shazam}`,
    isDefault: true,
  });
  if (tiktokId !== null)
    identifiers.push({
      platform: 'tiktok',
      identifier: tiktokId,
      url: `https://www.tiktok.com/music/-${tiktokId}`,
      isDefault: true,
    });
  const copyright =
    earliest.album.copyrights.find((c) => c.type === 'P')?.text ?? earliest.album.copyrights[0]?.text ?? '';
  return {
    uuid,
    name: primary.name,
    isrc,
    isrcCountryCode: isrc.slice(0, 2),
    creditName: artists.map((a) => a.name).join(', '),
    artistUuids: artists.map((a) => a.uuid),
    spotifyTracks: withDays.map((w) => ({
      id: w.track.id,
      releaseDay: w.day,
      popularity: w.track.popularity,
    })),
    defaultSpotifyTrackId: defaultTrack.id,
    youtubeId,
    shazamId: shazam,
    tiktokId,
    releaseDay: earliest.day,
    durationSeconds: Math.round(primary.durationMs / 1000),
    explicit: primary.explicit,
    genres: main.songGenres,
    labels: [{ name: earliest.album.label, type: 'main' }],
    copyright,
    composers: main.type === 'person' ? [main.name] : [],
    audio: { ...primary.audioFeatures },
    appUrl: appUrlOf('song', uuid),
    imageUrl: assetUrl('song', uuid),
    popularity,
    platforms,
    identifiers,
  };
}

function buildChart(
  spec: ChartSpec,
  songs: readonly SoundchartsSongRecord[],
  mainCountry: (song: SoundchartsSongRecord) => string,
  pinned: readonly string[],
): SoundchartsChartRecord {
  const epoch = CHART_EPOCH;
  const score = (s: SoundchartsSongRecord) =>
    s.popularity +
    (spec.homeCountries.includes(mainCountry(s)) ? 35 : 0) +
    hashUnit(`${spec.slug}|${s.uuid}`);
  const ordered = [...songs].sort((a, b) => score(b) - score(a));
  const older = ordered.filter((s) => s.releaseDay < epoch).slice(0, Math.ceil(spec.size * 2));
  const newer = ordered.filter((s) => s.releaseDay >= epoch).slice(0, Math.ceil(spec.size * 0.5));
  const pool = [...pinned, ...[...older, ...newer].map((s) => s.uuid).filter((u) => !pinned.includes(u))];
  return { ...spec, poolSongUuids: pool, pinnedSongUuids: pinned };
}

function firstTrack(
  tracks: readonly SpotifyTrackRecord[],
  what: string,
  test: (t: SpotifyTrackRecord) => boolean,
) {
  const found = tracks.find(test);
  if (!found) throw new Error(`Soundcharts sandbox: the Spotify catalog has no ${what}`);
  return found;
}

function sample(song: SoundchartsSongRecord, idx: number, parisBefore: number): SeriesPointSample {
  return { songUuid: song.uuid, platform: 'spotify', day: dayString(idx), date: pointDate(idx, parisBefore) };
}

/** First day from `fromDay` on where `test` holds for the multi-id song's Spotify series. */
function findDay(song: SoundchartsSongRecord, fromDay: string, test: (idx: number) => boolean): number {
  for (let idx = dayIndex(fromDay); idx < dayIndex(fromDay) + 365; idx++) if (test(idx)) return idx;
  throw new Error(`Soundcharts sandbox: no suitable day after ${fromDay} for ${song.uuid}`);
}

/**
 * `parisBefore`: the day index before which points carry Paris offsets when the dataset is built (the known sample
 * points are dated with it; the cut-over then moves with the clock, so older points keep their offsets).
 */
export function buildSoundchartsDataset(
  catalog: SpotifyCatalog,
  parisBefore: number,
  parisOffsetAgeDays: number = PARIS_OFFSET_AGE_DAYS,
): SoundchartsDatasetData {
  const artists = catalog.artists.map(buildArtist);
  const artistsBySpotifyId = new Map(artists.map((a) => [a.spotifyId, a]));
  const rueDeVivreId = catalog.known.rueDeVivreArtistId;

  const isrcs = [...new Set(catalog.tracks.map((t) => t.isrc))];
  const shared = catalog.sharedIsrcs();
  const blacklistTrack = firstTrack(
    catalog.tracks,
    'shared ISRC outside Rue De Vivre',
    (t) => shared.has(t.isrc) && t.artistIds[0] !== rueDeVivreId && t.isrc !== catalog.known.sharedIsrc,
  );
  const blacklistedIsrc = blacklistTrack.isrc;
  const pendingTrack = firstTrack(
    catalog.tracks,
    'unshared low-popularity track',
    (t) =>
      !shared.has(t.isrc) && t.artistIds[0] !== rueDeVivreId && t.popularity < 35 && t.artistIds.length === 1,
  );

  const songs: SoundchartsSongRecord[] = [];
  let pendingSong: SoundchartsSongRecord | undefined;
  for (const isrc of isrcs) {
    if (isrc === blacklistedIsrc) continue;
    const song = buildSong(isrc, catalog.tracksByIsrc(isrc), catalog, artistsBySpotifyId);
    if (isrc === pendingTrack.isrc) pendingSong = song;
    else songs.push(song);
  }
  if (!pendingSong) throw new Error('Soundcharts sandbox: pending song missing');

  const multiId = songs.find((s) => s.isrc === catalog.known.sharedIsrc);
  if (!multiId) throw new Error('Soundcharts sandbox: multi-identifier song missing');
  const artistByUuid = new Map(artists.map((a) => [a.uuid, a]));
  const mainCountry = (s: SoundchartsSongRecord) => artistByUuid.get(s.artistUuids[0])?.countryCode ?? '';
  const charts = CHART_SPECS.map((spec) =>
    buildChart(
      spec,
      songs,
      mainCountry,
      spec.platform === 'spotify' && spec.slug !== 'us-28' ? [multiId.uuid] : [],
    ),
  );

  const missing = (idx: number) => isMissingDay(multiId.uuid, 'spotify', idx, SERIES_START_IDX);
  const summerIdx = findDay(multiId, '2025-06-02', (i) => !missing(i));
  const winterIdx = findDay(multiId, '2025-01-10', (i) => !missing(i));
  const missingIdx = findDay(multiId, '2025-02-01', (i) => missing(i) && !missing(i - 1) && !missing(i + 1));
  const byName = (name: string) => artists.find((a) => a.name === name)?.uuid ?? '';

  const known: SoundchartsKnownIds = {
    chart200Slug: 'global-28',
    chartSlugs: charts.map((c) => c.slug),
    multiIdSongUuid: multiId.uuid,
    multiIdIsrc: multiId.isrc,
    multiIdSpotifyTrackIds: multiId.spotifyTracks.map((t) => t.id),
    blacklistedIsrc,
    blacklistedSpotifyTrackIds: catalog.tracksByIsrc(blacklistedIsrc).map((t) => t.id),
    pendingSpotifyTrackId: pendingTrack.id,
    pendingIsrc: pendingTrack.isrc,
    pendingSongUuid: pendingSong.uuid,
    ingestionDelayMs: INGESTION_DELAY_MS,
    unknownSpotifyTrackId: UNKNOWN_SPOTIFY_TRACK_ID,
    rueDeVivreArtistUuid: artistUuid(rueDeVivreId),
    rueDeVivreSpotifyId: rueDeVivreId,
    artistWithoutTiktokUuid: byName('Brassworks Collective'),
    artistWithSoundchartsOnlyGenresUuid: byName('Brassworks Collective'),
    artistWithoutGenresUuid: byName('Oskar Lind'),
    seriesStart: SERIES_START,
    parisOffsetAgeDays,
    parisSummerPoint: sample(multiId, summerIdx, parisBefore),
    parisWinterPoint: sample(multiId, winterIdx, parisBefore),
    missingPoint: sample(multiId, missingIdx, parisBefore),
  };
  return {
    songs,
    artists,
    charts,
    pendingSongs: [pendingSong],
    blacklisted: new Map([[blacklistedIsrc, known.blacklistedSpotifyTrackIds]]),
    known,
  };
}
