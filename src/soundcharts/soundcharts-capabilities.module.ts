import { Global, Module } from '@nestjs/common';
import { ARTIST_GENRE_FALLBACK } from 'src/enrichment/artist-genre-fallback';
import { CHART_SYNC_HEALTH } from 'src/growth/chart-sync-health-source';
import { ARTIST_AUDIENCE_REFRESH, ARTIST_AUDIENCE_SOURCE } from 'src/insights/artist-audience-source';
import { ArtistAudienceRefreshService } from './artist-audience-refresh.service';
import { SoundchartsModule } from './soundcharts.module';
import { SoundchartsService } from './soundcharts.service';

/**
 * Offers what Soundcharts knows to modules that ask for it by token rather than by module (so they do not depend
 * on this one): artist genres for artist enrichment (used when Spotify has none), the latest audience points for
 * artist snapshots (followers, monthly listeners) and their on-demand refresh for a tracked artist no cascade brought
 * in, and chart sync health for the dashboard.
 */
@Global()
@Module({
  imports: [SoundchartsModule],
  providers: [
    { provide: ARTIST_GENRE_FALLBACK, useExisting: SoundchartsService },
    { provide: ARTIST_AUDIENCE_SOURCE, useExisting: SoundchartsService },
    { provide: ARTIST_AUDIENCE_REFRESH, useExisting: ArtistAudienceRefreshService },
    { provide: CHART_SYNC_HEALTH, useExisting: SoundchartsService },
  ],
  exports: [ARTIST_GENRE_FALLBACK, ARTIST_AUDIENCE_SOURCE, ARTIST_AUDIENCE_REFRESH, CHART_SYNC_HEALTH],
})
export class SoundchartsCapabilitiesModule {}
