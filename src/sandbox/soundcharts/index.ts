// Public face of the Soundcharts sandbox: the emulator, its dataset and the wire types.
export {
  DEFAULT_API_KEY,
  DEFAULT_APP_ID,
  DEFAULT_QUOTA,
  DEFAULT_RATE_LIMIT,
  SoundchartsEmulator,
} from './soundcharts-emulator';
export type { SoundchartsEmulatorOptions } from './soundcharts-emulator';
export type { SoundchartsEmulatorOps, SoundchartsEmulatorStateView } from './soundcharts-emulator.ops';
export { SoundchartsDataset } from './soundcharts-dataset';
export type {
  DatedArtistAudiencePoint,
  DatedSongPoint,
  DatedValuePoint,
  SoundchartsDatasetSummary,
} from './soundcharts-dataset';
export { INGESTION_DELAY_MS, PARIS_OFFSET_AGE_DAYS } from './soundcharts-dataset.builder';
export type * from './soundcharts-data.types';
export type * from './soundcharts-api.types';
export type { RankingEntryRecord } from './soundcharts-rankings';
export { CHART_EPOCH } from './soundcharts-rankings';
export { SERIES_START } from './soundcharts-series';
export { MAX_LIMIT, MAX_PERIOD_DAYS } from './soundcharts-params';
export { QUOTA_MESSAGE, RATE_LIMIT_MESSAGE, RATE_LIMIT_PHRASE } from './soundcharts-errors';
export type { SoundchartsFault, SoundchartsFaultSpec } from './soundcharts-faults';
export type { SoundchartsRequestLogEntry } from './soundcharts-emulator.ops';
export type { IngestionView } from './soundcharts-ingestion';
export { UUID_PATTERN } from './soundcharts-ids';
