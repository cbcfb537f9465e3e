import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig, loadConfig } from 'src/config';
import { withSandboxCredentials } from './sandbox-credentials';

describe('withSandboxCredentials', () => {
  let dataDir: string;
  let config: AppConfig;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-credentials-'));
    config = loadConfig({ DATA_DIR: dataDir });
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates an operator key and an encryption key once, 0600, and every later process reads the same', () => {
    const first = withSandboxCredentials(config);
    const second = withSandboxCredentials(config);
    expect(first.generatedKey).toMatch(/^sg_[A-Za-z0-9_-]{32}$/);
    expect(second.generatedKey).toBe(first.generatedKey);
    expect(second.config.encryptionKey?.equals(first.config.encryptionKey!)).toBe(true);
    expect(first.config.encryptionKey).toHaveLength(32);
    for (const name of ['api-key', 'encryption-key'])
      expect(fs.statSync(path.join(dataDir, name)).mode & 0o777).toBe(0o600);
    // Only the two files: the temporary ones they were written through are gone.
    expect(fs.readdirSync(dataDir).sort()).toEqual(['api-key', 'encryption-key']);
  });

  it('keeps a key file another process created first', () => {
    fs.writeFileSync(path.join(dataDir, 'api-key'), 'sg_written_by_another_process\n');
    expect(withSandboxCredentials(config).generatedKey).toBe('sg_written_by_another_process');
  });

  it('leaves configured keys alone', () => {
    const key = Buffer.alloc(32, 3);
    const given = AppConfig.from({
      ...config,
      apiKeys: [{ role: 'admin', key: 'k'.repeat(32) }],
      encryptionKey: key,
    });
    const out = withSandboxCredentials(given);
    expect(out.generatedKey).toBeUndefined();
    expect(out.config.encryptionKey?.equals(key)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
