// One element of a Spotify data-export file, as the importer understands it. Two formats:
// - extended streaming history (`Streaming_History_Audio_*.json`, `Streaming_History_Video_*.json`):
//   `ts` (UTC, end of the stream), `ms_played`, `spotify_track_uri`, `master_metadata_*`, `episode_*`,
//   `spotify_episode_uri`, `audiobook_*`, `reason_end`, `skipped`, `username`, ...
// - account data (`StreamingHistory_music_*.json`, `StreamingHistory_podcast_*.json`, older
//   `StreamingHistory*.json`): `endTime` (`YYYY-MM-DD HH:MM`, UTC, minute precision), `msPlayed`, and
//   `artistName`/`trackName` or `podcastName`/`episodeName`.
// The format is told per element from its fields, so a file's name does not matter.

export enum PlaySource {
  RECENTLY_PLAYED = 'RECENTLY_PLAYED',
  EXTENDED_HISTORY = 'EXTENDED_HISTORY',
  ACCOUNT_DATA = 'ACCOUNT_DATA',
}

export interface TrackRecord {
  kind: 'TRACK';
  source: PlaySource;
  playedAt: Date;
  msPlayed: number;
  /** From `spotify:track:<id>`; null: matched by name. */
  spotifyTrackId: string | null;
  trackName: string | null;
  artistName: string | null;
  albumName: string | null;
  skipped: boolean | null;
  reasonEnd: string | null;
  username: string | null;
}

export interface EpisodeRecord {
  kind: 'EPISODE';
  source: PlaySource;
  playedAt: Date;
  msPlayed: number;
  /** The Spotify episode id, or `show — episode` when the format has no URI (account data). */
  episodeKey: string;
  episodeName: string | null;
  showName: string | null;
  username: string | null;
}

export type HistoryRecord =
  | TrackRecord
  | EpisodeRecord
  /** Audiobooks, videos without a track, local files without a name: not plays of a track or an episode. */
  | { kind: 'OTHER'; what: string }
  | { kind: 'INVALID'; reason: string };

type Json = Record<string, unknown>;

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const ACCOUNT_DATA_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?$/;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** `spotify:<kind>:<id>` (or an open.spotify.com URL) → the id; null when absent or not of that kind. */
export function spotifyUriId(value: unknown, kind: 'track' | 'episode'): string | null {
  if (typeof value !== 'string') return null;
  const match =
    new RegExp(`^spotify:${kind}:([0-9A-Za-z]{22})$`).exec(value.trim()) ??
    new RegExp(`^https://open\\.spotify\\.com/${kind}/([0-9A-Za-z]{22})`).exec(value.trim());
  return match && SPOTIFY_ID.test(match[1]) ? match[1] : null;
}

function msPlayedOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 2_147_483_647 ? n : null;
}

function instant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const account = ACCOUNT_DATA_TIME.exec(value.trim());
  const iso = account ? `${account[1]}T${account[2]}:${account[3] ?? '00'}Z` : value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function extended(json: Json): HistoryRecord {
  const playedAt = instant(json.ts);
  if (!playedAt) return { kind: 'INVALID', reason: '`ts` is not a UTC date-time' };
  const msPlayed = msPlayedOf(json.ms_played);
  if (msPlayed === null) return { kind: 'INVALID', reason: '`ms_played` is not a number of milliseconds' };
  const username = text(json.username);
  const trackId = spotifyUriId(json.spotify_track_uri, 'track');
  const trackName = text(json.master_metadata_track_name);
  if (trackId || trackName) {
    return {
      kind: 'TRACK',
      source: PlaySource.EXTENDED_HISTORY,
      playedAt,
      msPlayed,
      spotifyTrackId: trackId,
      trackName,
      artistName: text(json.master_metadata_album_artist_name),
      albumName: text(json.master_metadata_album_album_name),
      skipped: typeof json.skipped === 'boolean' ? json.skipped : null,
      reasonEnd: text(json.reason_end),
      username,
    };
  }
  const episodeId = spotifyUriId(json.spotify_episode_uri, 'episode');
  const episodeName = text(json.episode_name);
  const showName = text(json.episode_show_name);
  if (episodeId || episodeName) {
    return {
      kind: 'EPISODE',
      source: PlaySource.EXTENDED_HISTORY,
      playedAt,
      msPlayed,
      episodeKey: episodeId ?? episodeKeyOf(showName, episodeName),
      episodeName,
      showName,
      username,
    };
  }
  if (text(json.audiobook_uri) || text(json.audiobook_title)) return { kind: 'OTHER', what: 'audiobook' };
  return { kind: 'OTHER', what: 'no track or episode' };
}

function accountData(json: Json): HistoryRecord {
  const playedAt = instant(json.endTime);
  if (!playedAt) return { kind: 'INVALID', reason: '`endTime` is not `YYYY-MM-DD HH:MM`' };
  const msPlayed = msPlayedOf(json.msPlayed);
  if (msPlayed === null) return { kind: 'INVALID', reason: '`msPlayed` is not a number of milliseconds' };
  if ('podcastName' in json || 'episodeName' in json) {
    const showName = text(json.podcastName);
    const episodeName = text(json.episodeName);
    if (!episodeName) return { kind: 'INVALID', reason: 'an episode without `episodeName`' };
    return {
      kind: 'EPISODE',
      source: PlaySource.ACCOUNT_DATA,
      playedAt,
      msPlayed,
      episodeKey: episodeKeyOf(showName, episodeName),
      episodeName,
      showName,
      username: null,
    };
  }
  const trackName = text(json.trackName);
  if (!trackName) return { kind: 'INVALID', reason: 'a play without `trackName`' };
  return {
    kind: 'TRACK',
    source: PlaySource.ACCOUNT_DATA,
    playedAt,
    msPlayed,
    spotifyTrackId: null,
    trackName,
    artistName: text(json.artistName),
    albumName: null,
    skipped: null,
    reasonEnd: null,
    username: null,
  };
}

/** Episodes without a URI are known by show and title (case-folded). */
export function episodeKeyOf(showName: string | null, episodeName: string | null): string {
  return `${(showName ?? '').toLowerCase()} — ${(episodeName ?? '').toLowerCase()}`;
}

export function parseHistoryRecord(value: unknown): HistoryRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'INVALID', reason: 'not an object' };
  }
  const json = value as Json;
  if ('ts' in json) return extended(json);
  if ('endTime' in json) return accountData(json);
  return { kind: 'INVALID', reason: 'neither `ts` (extended history) nor `endTime` (account data)' };
}
