import * as fs from 'node:fs';
import { pidAlive, sleep } from './process-utils';

/**
 * An exclusive lock file holding our pid, so processes sharing DATA_DIR do not start the same thing twice. A lock
 * whose holder is gone (killed) is taken over. Returns the release function.
 */
export async function acquireFileLock(file: string, timeoutMs: number): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPidFile(file);
      if (holder === undefined || !pidAlive(holder)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for pid ${holder} (lock ${file})`, { cause: error });
      await sleep(200);
    }
  }
}

/** The first line of a pid file as a pid; undefined when missing or unreadable. */
export function readPidFile(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
