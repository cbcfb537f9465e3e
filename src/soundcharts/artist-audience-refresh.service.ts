import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { ArtistAudienceRefresh, AudienceRefreshOutcome } from 'src/insights/artist-audience-source';
import { fetchRange } from './audience-range';
import { AudienceRepository, SeriesWrite, seriesKey } from './audience.repository';
import { splitWindows } from './client/soundcharts-dates';
import { errorMessage, objectOf, parseArtist } from './client/soundcharts-json';
import { SoundchartsApiError } from './client/soundcharts.errors';
import { SoundchartsHttp } from './client/soundcharts-http';
import { artistSeries } from './soundcharts.constants';
import { SeriesFetcher } from './steps/series-fetcher';

const BY_SPOTIFY_ID = 'GET /api/v2.9/artist/by-platform/{platform}/{id}';
const SPOTIFY_ID = /^[A-Za-z0-9]{22}$/;

/**
 * An artist's Spotify followers and monthly listeners on demand, for a tracked artist no chart cascade brought in
 * (insights, through ARTIST_AUDIENCE_REFRESH): its uuid by its Spotify id (a 404 is free), then the two series
 * exactly as the cascade's artist-audience step keeps them: only the days after what is stored, the whole history
 * window the first time (a short first window would leave a cursor that stops the cascade from ever fetching the
 * older days), stored with their cursors.
 */
@Injectable()
export class ArtistAudienceRefreshService implements ArtistAudienceRefresh {
  constructor(
    private readonly config: AppConfig,
    private readonly http: SoundchartsHttp,
    private readonly audience: AudienceRepository,
    private readonly fetcher: SeriesFetcher,
  ) {}

  async refreshSpotifyAudience(
    artistId: string,
    spotifyId: string,
    day: string,
  ): Promise<AudienceRefreshOutcome> {
    const uuid = await this.uuidBySpotifyId(spotifyId);
    if (uuid === null) return { status: 'unknown', requests: 1 };
    const states = await this.audience.states('artist', [artistId]);
    let requests = 1;
    const writes: SeriesWrite[] = [];
    for (const spec of artistSeries(['spotify'])) {
      const state = states.get(seriesKey(artistId, spec.platform, spec.metric));
      const range = fetchRange(state, day, this.config.soundcharts.historyDays);
      if (!range) continue;
      requests += splitWindows(range).length;
      const write = await this.fetcher.fetch({
        entityType: 'artist',
        entityId: artistId,
        uuid,
        spec,
        range,
        state,
      });
      // The uuid came from Soundcharts a moment ago: a 404 now would be its own inconsistency.
      if (!write)
        throw new SoundchartsApiError(404, `series ${spec.metric} of artist ${uuid}`, 'unknown artist');
      writes.push(write);
    }
    await this.audience.save(writes);
    return { status: 'refreshed', soundchartsUuid: uuid, requests };
  }

  /** The artist's Soundcharts uuid, or null when Soundcharts knows no artist with this Spotify id (404). */
  private async uuidBySpotifyId(spotifyId: string): Promise<string | null> {
    if (!SPOTIFY_ID.test(spotifyId)) throw new Error(`not a Spotify artist id: ${JSON.stringify(spotifyId)}`);
    const res = await this.http.get({
      endpoint: BY_SPOTIFY_ID,
      path: `/api/v2.9/artist/by-platform/spotify/${spotifyId}`,
    });
    if (res.status === 404) return null;
    if (res.status < 200 || res.status >= 300)
      throw new SoundchartsApiError(res.status, BY_SPOTIFY_ID, errorMessage(res.data));
    const artist = parseArtist(objectOf(res.data));
    if (!artist) throw new SoundchartsApiError(res.status, BY_SPOTIFY_ID, 'the answer holds no artist');
    return artist.uuid;
  }
}
