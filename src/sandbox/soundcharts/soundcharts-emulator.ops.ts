// Operations the control API exposes; SoundchartsEmulator implements them so tests can also call them in-process.
import type { RequestLogEntry } from '../common';
import type { SoundchartsDatasetSummary } from './soundcharts-dataset';
import type { SoundchartsFault, SoundchartsFaultSpec } from './soundcharts-faults';
import type { IngestionView } from './soundcharts-ingestion';

export interface SoundchartsRequestLogEntry extends RequestLogEntry {
  /** Whether the request consumed one unit of quota. */
  readonly billed: boolean;
}

export interface SoundchartsEmulatorStateView {
  readonly quotaRemaining: number;
  readonly rateLimit: number | false;
  readonly clockOffsetMs: number;
  readonly now: string;
  readonly faults: number;
  readonly ingestions: readonly IngestionView[];
}

export interface SoundchartsEmulatorOps {
  state(): SoundchartsEmulatorStateView;
  reset(): void;
  now(): number;
  advanceClock(ms: number): void;
  quotaRemaining(): number;
  setQuota(remaining: number): void;
  setRateLimit(requestsPerMinute: number | false): void;
  injectFault(spec: SoundchartsFaultSpec): SoundchartsFault;
  faults(): readonly SoundchartsFault[];
  removeFault(id: string): boolean;
  clearFaults(): void;
  requestLog(): readonly SoundchartsRequestLogEntry[];
  clearRequestLog(): void;
  dataSummary(): SoundchartsDatasetSummary;
}
