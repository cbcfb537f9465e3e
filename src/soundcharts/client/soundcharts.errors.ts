import { UpstreamUnavailableError } from 'src/common/domain-errors';
import { JobRescheduleError, PermanentJobError } from 'src/jobs/job-definition';

const PROVIDER = 'Soundcharts';

/**
 * The monthly (or annual-term) quota is spent: nothing will work until it is reset or topped up, so the job fails
 * at once and says so.
 */
export class SoundchartsQuotaExceededError extends PermanentJobError {
  constructor(message: string | undefined) {
    super(
      `Soundcharts quota exhausted (429${message ? `: ${message}` : ''}); no request will succeed until the ` +
        'quota is reset or raised',
    );
    this.name = 'SoundchartsQuotaExceededError';
  }
}

/** The per-minute rate limit asks for a longer wait than a job should sleep: the job runs again later. */
export class SoundchartsRateLimitedError extends JobRescheduleError {
  constructor(delaySeconds: number) {
    super(delaySeconds, `Soundcharts rate limit; retry in ${Math.ceil(delaySeconds)} s`);
    this.name = 'SoundchartsRateLimitedError';
  }
}

/** Soundcharts kept answering 502/503/504, or could not be reached, after every retry (jobs retry later). */
export class SoundchartsUnavailableError extends UpstreamUnavailableError {
  constructor(reason: string) {
    super(PROVIDER, reason);
    this.name = 'SoundchartsUnavailableError';
  }
}

/**
 * A refusal that retrying does not fix: 401/403 (credentials, plan), 500 (the official SDK stopped retrying those),
 * or a 4xx we did not expect for the endpoint.
 */
export class SoundchartsApiError extends PermanentJobError {
  constructor(
    readonly status: number,
    readonly endpoint: string,
    soundchartsMessage: string | undefined,
  ) {
    super(`Soundcharts ${endpoint} answered ${status}${soundchartsMessage ? `: ${soundchartsMessage}` : ''}`);
    this.name = 'SoundchartsApiError';
  }
}
