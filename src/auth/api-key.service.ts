import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig, ApiRole } from 'src/config';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Resolves a bearer key to its role. Compares digests in constant time, against every key, without early exit. */
@Injectable()
export class ApiKeyService {
  private readonly keys: { role: ApiRole; digest: Buffer }[];

  constructor(config: AppConfig) {
    this.keys = config.apiKeys.map((k) => ({ role: k.role, digest: digest(k.key) }));
  }

  roleFor(presented: string): ApiRole | undefined {
    const candidate = digest(presented);
    let match: ApiRole | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(key.digest, candidate) && match === undefined) match = key.role;
    }
    return match;
  }

  /** Parses `Authorization: Bearer <key>`; undefined when absent. */
  static bearer(header: string | string[] | undefined): string | undefined {
    const value = Array.isArray(header) ? header[0] : header;
    const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
    return match?.[1];
  }
}
