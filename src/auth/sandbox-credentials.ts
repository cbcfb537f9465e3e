import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from 'src/config';

/**
 * Reads the file, or creates it atomically: the value is written to a temporary file and linked into place, so two
 * processes starting at once on a fresh DATA_DIR (a service and a CLI command) end up with the same value.
 */
function readOrCreate(file: string, create: () => string): { value: string; created: boolean } {
  if (fs.existsSync(file)) return { value: fs.readFileSync(file, 'utf8').trim(), created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = create();
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, `${value}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
    return { value, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { value: fs.readFileSync(file, 'utf8').trim(), created: false };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Sandbox mode with no API_KEYS: one operator key kept in DATA_DIR/api-key (0600); with no ENCRYPTION_KEY, one
 * generated into DATA_DIR/encryption-key. Live mode never gets here (config validation refuses to start).
 */
export function withSandboxCredentials(config: AppConfig): { config: AppConfig; generatedKey?: string } {
  if (!config.sandbox) return { config };
  let generatedKey: string | undefined;
  let apiKeys = config.apiKeys;
  if (apiKeys.length === 0) {
    const key = readOrCreate(
      path.join(config.dataDir, 'api-key'),
      () => `sg_${randomBytes(24).toString('base64url')}`,
    );
    apiKeys = [{ role: 'operator', key: key.value }];
    generatedKey = key.value;
  }
  const encryptionKey =
    config.encryptionKey ??
    Buffer.from(
      readOrCreate(path.join(config.dataDir, 'encryption-key'), () => randomBytes(32).toString('base64'))
        .value,
      'base64',
    );
  return { config: AppConfig.from({ ...config, apiKeys, encryptionKey }), generatedKey };
}
