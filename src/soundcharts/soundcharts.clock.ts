import { Injectable } from '@nestjs/common';
import { dayOf } from './client/soundcharts-dates';

/**
 * Soundcharts' "today": audience windows end on it. The wall clock in production; tests bind it to the emulator's
 * clock so moving the emulator a day forward moves the next run's window with it.
 */
@Injectable()
export class SoundchartsClock {
  private source: () => number = Date.now;

  now(): number {
    return this.source();
  }

  today(): string {
    return dayOf(this.source());
  }

  /** Test seam: read time from elsewhere (e.g. `() => emulator.now()`). */
  useSource(source: () => number): void {
    this.source = source;
  }
}
