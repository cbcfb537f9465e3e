import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { openSecret, sealSecret } from './token-cipher';

/** Seals and opens listeners' refresh tokens with ENCRYPTION_KEY, each bound to its listener's id. */
@Injectable()
export class ListenerTokenVault {
  constructor(private readonly config: AppConfig) {}

  seal(listenerId: string, refreshToken: string): Buffer {
    return sealSecret(refreshToken, this.secret(), `listener:${listenerId}`);
  }

  open(listenerId: string, sealed: Buffer): string {
    return openSecret(sealed, this.secret(), `listener:${listenerId}`);
  }

  private secret(): Buffer {
    // Every process (service or CLI) starts through prepareProcess, which sets the sandbox key in sandbox mode;
    // live mode refuses to start without ENCRYPTION_KEY.
    const key = this.config.encryptionKey;
    if (!key) throw new Error('ENCRYPTION_KEY is not set: listeners cannot be connected');
    return key;
  }
}
