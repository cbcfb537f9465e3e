import { Injectable } from '@nestjs/common';
import type { ScSong } from '../client/soundcharts-api.types';
import { SoundchartsClient } from '../client/soundcharts.client';
import { spotifyIdsOf } from '../client/soundcharts-json';
import type { SoundchartsSongInput } from 'src/music';

/**
 * A song's identifiers: Soundcharts' song object carries none (provider facts §4.4), so one more call to
 * /api/v2/song/{uuid}/identifiers (every platform in one page: they are all stored); the estimate counts it.
 */
@Injectable()
export class SongIdentity {
  constructor(private readonly client: SoundchartsClient) {}

  async complete(song: ScSong): Promise<ScSong> {
    if (song.identifiers !== undefined) return song;
    return { ...song, identifiers: await this.client.songIdentifiers(song.uuid) };
  }

  /** What the music module stores of a song; `preferSpotifyId` (the track we looked it up by) goes first. */
  static input(song: ScSong, preferSpotifyId?: string | null): SoundchartsSongInput {
    const ids = spotifyIdsOf(song.identifiers ?? []);
    const spotifyIds = preferSpotifyId
      ? [preferSpotifyId, ...ids.filter((id) => id !== preferSpotifyId)]
      : ids;
    return {
      uuid: song.uuid,
      name: song.name,
      isrc: song.isrc ?? undefined,
      durationMs: song.duration !== null ? Math.round(song.duration * 1000) : undefined,
      spotifyIds,
    };
  }
}
