import * as fs from 'node:fs';
import type { EmbeddedPostgresHandle } from '../../src/database/embedded-postgres.server';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __soundgraphTest?: { handle: EmbeddedPostgresHandle; dir: string } })
    .__soundgraphTest;
  if (!state) return;
  await state.handle.stop();
  fs.rmSync(state.dir, { recursive: true, force: true });
}
