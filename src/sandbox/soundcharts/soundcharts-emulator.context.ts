// What every handler may read: the dataset, the ingestion state, the clock and the account figures.
import type { HandlerResult, SandboxRouter } from '../common';
import type { SoundchartsDataset } from './soundcharts-dataset';
import type { SongIngestion } from './soundcharts-ingestion';

export interface SoundchartsContext {
  readonly dataset: SoundchartsDataset;
  readonly ingestion: SongIngestion;
  readonly now: () => number;
  readonly quotaRemaining: () => number;
  readonly rateLimit: () => number | false;
}

export interface SoundchartsResult extends HandlerResult {
  /** A successful answer Soundcharts does not bill (GET /api/v2/team/usage). Never sent on the wire. */
  readonly free?: boolean;
}

export type SoundchartsRouter = SandboxRouter<SoundchartsResult>;
