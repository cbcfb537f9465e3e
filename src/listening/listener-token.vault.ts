import { Injectable } from '@nestjs/common';
import { withSandboxCredentials } from 'src/auth/sandbox-credentials';
import { AppConfig } from 'src/config';
import { openSecret, sealSecret } from './token-cipher';

/** Seals and opens listeners' refresh tokens with ENCRYPTION_KEY, each bound to its listener's id. */
@Injectable()
export class ListenerTokenVault {
  private key: Buffer | undefined;

  constructor(private readonly config: AppConfig) {}

  seal(listenerId: string, refreshToken: string): Buffer {
    return sealSecret(refreshToken, this.secret(), `listener:${listenerId}`);
  }

  open(listenerId: string, sealed: Buffer): string {
    return openSecret(sealed, this.secret(), `listener:${listenerId}`);
  }

  private secret(): Buffer {
    // The service is started with the sandbox key in its config; the CLI is not, so it reads the same key file.
    this.key ??=
      this.config.encryptionKey ??
      (this.config.sandbox ? withSandboxCredentials(this.config).config.encryptionKey : undefined);
    if (!this.key) throw new Error('ENCRYPTION_KEY is not set: listeners cannot be connected');
    return this.key;
  }
}
