// Every migration, in order. Generated ones are added here by hand; landed migrations are never edited.
import { InitialJobs1763769600000 } from './1763769600000-InitialJobs';
import { SpotifyProviderState1763856000000 } from './1763856000000-SpotifyProviderState';
import { MusicAndCatalog1795310711893 } from './1795310711893-MusicAndCatalog';
import { TrackAndArtistEnrichment1795311955727 } from './1795311955727-TrackAndArtistEnrichment';
import { InsightsAndGrowth1795313467692 } from './1795313467692-InsightsAndGrowth';
import { SoundchartsCharts1795313775792 } from './1795313775792-SoundchartsCharts';
import { ListeningHistory1795316846274 } from './1795316846274-ListeningHistory';
import { EnrichmentCheckedAt1796310000000 } from './1796310000000-EnrichmentCheckedAt';
import { TrackedArtistAudienceLookup1796400000000 } from './1796400000000-TrackedArtistAudienceLookup';
import { WorkArtistNameLowerIndex1796200000000 } from './1796200000000-WorkArtistNameLowerIndex';
import { WorkLinkLinkedNames1796200000001 } from './1796200000001-WorkLinkLinkedNames';
import { JobRunSingleton1796100000000 } from './1796100000000-JobRunSingleton';
import { ListeningRecentlyPlayedIndex1796600000000 } from './1796600000000-ListeningRecentlyPlayedIndex';
import { SoundchartsCascadeRanking1796500000000 } from './1796500000000-SoundchartsCascadeRanking';
import { WorkListingIndex1796850000000 } from './1796850000000-WorkListingIndex';
import { JobRunHeartbeat1796700000000 } from './1796700000000-JobRunHeartbeat';

export const migrations = [
  InitialJobs1763769600000,
  SpotifyProviderState1763856000000,
  MusicAndCatalog1795310711893,
  TrackAndArtistEnrichment1795311955727,
  InsightsAndGrowth1795313467692,
  SoundchartsCharts1795313775792,
  ListeningHistory1795316846274,
  EnrichmentCheckedAt1796310000000,
  TrackedArtistAudienceLookup1796400000000,
  WorkArtistNameLowerIndex1796200000000,
  WorkLinkLinkedNames1796200000001,
  JobRunSingleton1796100000000,
  ListeningRecentlyPlayedIndex1796600000000,
  SoundchartsCascadeRanking1796500000000,
  JobRunHeartbeat1796700000000,
  WorkListingIndex1796850000000,
];
