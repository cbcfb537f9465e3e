// Turns catalog records into Spotify's JSON. Mode-dependent fields are left out entirely (not set to null) in
// development mode, and `available_markets` gives way to `is_playable` when the caller names a market, as Spotify does.
import type {
  SpotifyAlbumJson,
  SpotifyArtistJson,
  SpotifyAudioFeaturesJson,
  SpotifyMode,
  SpotifySimplifiedAlbumJson,
  SpotifySimplifiedArtistJson,
  SpotifySimplifiedTrackJson,
  SpotifyTrackJson,
} from './spotify-api.types';
import type { SpotifyCatalog } from './spotify-catalog';
import type { SpotifyAlbumRecord, SpotifyArtistRecord, SpotifyTrackRecord } from './spotify-catalog.types';

export interface SerializeContext {
  readonly apiUrl: string;
  readonly mode: SpotifyMode;
  /** Development mode may also lose `genres` (deprecated in Spotify's OpenAPI); off unless a test asks for it. */
  readonly omitGenres: boolean;
  readonly catalog: SpotifyCatalog;
  /** Market the client asked for (`market=`), already validated. */
  readonly market?: string;
}

type Kind = 'track' | 'album' | 'artist';

function links(ctx: SerializeContext, kind: Kind, id: string) {
  return {
    external_urls: { spotify: `https://open.spotify.com/${kind}/${id}` },
    href: `${ctx.apiUrl}/${kind}s/${id}`,
    id,
    uri: `spotify:${kind}:${id}`,
  };
}

export class SpotifySerializer {
  constructor(private readonly ctx: SerializeContext) {}

  private get extended(): boolean {
    return this.ctx.mode === 'extended';
  }

  simplifiedArtist(artist: SpotifyArtistRecord): SpotifySimplifiedArtistJson {
    const { external_urls, href, id, uri } = links(this.ctx, 'artist', artist.id);
    return { external_urls, href, id, name: artist.name, type: 'artist', uri };
  }

  artist(artist: SpotifyArtistRecord): SpotifyArtistJson {
    const { external_urls, href, id, uri } = links(this.ctx, 'artist', artist.id);
    const json: SpotifyArtistJson = {
      external_urls,
      href,
      id,
      images: artist.images.map((i) => ({ ...i })),
      name: artist.name,
      type: 'artist',
      uri,
    };
    if (this.extended) {
      json.followers = { href: null, total: artist.followers };
      json.popularity = artist.popularity;
    }
    if (this.extended || !this.ctx.omitGenres) json.genres = [...artist.genres];
    return this.ordered(json, [
      'external_urls',
      'followers',
      'genres',
      'href',
      'id',
      'images',
      'name',
      'popularity',
      'type',
      'uri',
    ]);
  }

  simplifiedAlbum(album: SpotifyAlbumRecord): SpotifySimplifiedAlbumJson {
    const { external_urls, href, id, uri } = links(this.ctx, 'album', album.id);
    const json: SpotifySimplifiedAlbumJson = {
      album_type: album.albumType,
      total_tracks: album.trackIds.length,
      external_urls,
      href,
      id,
      images: album.images.map((i) => ({ ...i })),
      name: album.name,
      release_date: album.releaseDate,
      release_date_precision: album.releaseDatePrecision,
      type: 'album',
      uri,
      artists: this.artistsOf(album.artistIds),
    };
    if (this.extended && this.ctx.market === undefined) json.available_markets = [...album.availableMarkets];
    return json;
  }

  album(album: SpotifyAlbumRecord): SpotifyAlbumJson {
    const items = album.trackIds.flatMap((tid) => {
      const track = this.ctx.catalog.trackById(tid);
      return track ? [this.simplifiedTrack(track)] : [];
    });
    const json: SpotifyAlbumJson = {
      ...this.simplifiedAlbum(album),
      tracks: {
        href: `${this.ctx.apiUrl}/albums/${album.id}/tracks?offset=0&limit=50`,
        items,
        limit: 50,
        next: null,
        offset: 0,
        previous: null,
        total: items.length,
      },
      copyrights: album.copyrights.map((c) => ({ ...c })),
      external_ids: { upc: album.upc },
      genres: [],
    };
    if (this.extended) {
      json.label = album.label;
      json.popularity = album.popularity;
    }
    return json;
  }

  simplifiedTrack(track: SpotifyTrackRecord): SpotifySimplifiedTrackJson {
    const { external_urls, href, id, uri } = links(this.ctx, 'track', track.id);
    const json: SpotifySimplifiedTrackJson = {
      artists: this.artistsOf(track.artistIds),
      disc_number: track.discNumber,
      duration_ms: track.durationMs,
      explicit: track.explicit,
      external_urls,
      href,
      id,
      name: track.name,
      preview_url: null,
      track_number: track.trackNumber,
      type: 'track',
      uri,
      is_local: false,
    };
    const market = this.ctx.market;
    if (market !== undefined) json.is_playable = track.availableMarkets.includes(market);
    else if (this.extended) json.available_markets = [...track.availableMarkets];
    return json;
  }

  track(track: SpotifyTrackRecord): SpotifyTrackJson {
    const simple = this.simplifiedTrack(track);
    const json: SpotifyTrackJson = {
      album: this.simplifiedAlbum(this.ctx.catalog.albumOf(track)),
      ...simple,
      external_ids: { isrc: track.isrc },
    };
    if (this.extended) json.popularity = track.popularity;
    return json;
  }

  audioFeatures(track: SpotifyTrackRecord): SpotifyAudioFeaturesJson {
    const f = track.audioFeatures;
    return {
      acousticness: f.acousticness,
      analysis_url: `${this.ctx.apiUrl}/audio-analysis/${track.id}`,
      danceability: f.danceability,
      duration_ms: track.durationMs,
      energy: f.energy,
      id: track.id,
      instrumentalness: f.instrumentalness,
      key: f.key,
      liveness: f.liveness,
      loudness: f.loudness,
      mode: f.mode,
      speechiness: f.speechiness,
      tempo: f.tempo,
      time_signature: f.timeSignature,
      track_href: `${this.ctx.apiUrl}/tracks/${track.id}`,
      type: 'audio_features',
      uri: `spotify:track:${track.id}`,
      valence: f.valence,
    };
  }

  private artistsOf(ids: readonly string[]): SpotifySimplifiedArtistJson[] {
    return ids.flatMap((id) => {
      const artist = this.ctx.catalog.artistById(id);
      return artist ? [this.simplifiedArtist(artist)] : [];
    });
  }

  /** Spotify's key order, so responses diff cleanly against recorded ones. */
  private ordered<T extends object>(json: T, keys: readonly (keyof T)[]): T {
    const out: Partial<T> = {};
    for (const key of keys) if (json[key] !== undefined) out[key] = json[key];
    return out as T;
  }
}
