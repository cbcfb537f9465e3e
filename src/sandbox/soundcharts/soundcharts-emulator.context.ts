// What every handler may read: the dataset, the ingestion state, the clock and the account figures.
import type { SoundchartsDataset } from './soundcharts-dataset';
import type { SongIngestion } from './soundcharts-ingestion';

export interface SoundchartsContext {
  readonly dataset: SoundchartsDataset;
  readonly ingestion: SongIngestion;
  readonly now: () => number;
  readonly quotaRemaining: () => number;
  readonly rateLimit: () => number | false;
}
