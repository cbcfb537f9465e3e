// Plumbing shared by the sandbox emulators (Spotify, Soundcharts): HTTP helpers, router, faults, rate limiter,
// request log, control API, server lifecycle, clock and deterministic randomness. Provider behaviour stays beside
// each provider.
export * from './prng';
export * from './sandbox-clock';
export * from './sandbox-control';
export * from './sandbox-emulator';
export * from './sandbox-faults';
export * from './sandbox-http';
export * from './sandbox-rate-limiter';
export * from './sandbox-request-log';
export * from './sandbox-router';
export * from './sandbox-server';
