// Lifecycle shared by the emulators: a node:http server on 127.0.0.1, start/stop/url, control routes under
// /__sandbox/, and an abort signal that cuts injected delays short when the emulator stops.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toEmulatorRequest, writeResult, type EmulatorRequest, type HandlerResult } from './sandbox-http';

export interface SandboxServerOptions {
  /** Class name for "X is not started", e.g. "SpotifyEmulator". */
  readonly name: string;
  /** Prefix of crash messages on stderr, e.g. "spotify emulator". */
  readonly logPrefix: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Sent when a request crashes before anything was written. */
  readonly crashResult: HandlerResult;
  readonly control: { handle(req: EmulatorRequest): Promise<HandlerResult> };
  /** Answers every non-control request; may throw (500 `crashResult`). */
  readonly serve: (req: EmulatorRequest, res: ServerResponse) => Promise<void>;
}

export class SandboxServer {
  private server: Server | undefined;
  private port = 0;
  private aborter = new AbortController();

  constructor(private readonly options: SandboxServerOptions) {}

  /** Aborted by stop(): pending delays end and their requests are dropped. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  get url(): string {
    if (!this.server) throw new Error(`${this.options.name} is not started`);
    return `http://127.0.0.1:${this.port}`;
  }

  logError(err: unknown): void {
    process.stderr.write(
      `${this.options.logPrefix}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.aborter = new AbortController();
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.logError(err);
        if (!res.headersSent) writeResult(res, this.options.crashResult);
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Async as a whole so that even a URL that does not parse ends up as a 500, not an uncaught exception. */
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = toEmulatorRequest(req);
    if (request.pathname.startsWith('/__sandbox/'))
      writeResult(res, await this.options.control.handle(request));
    else await this.options.serve(request, res);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.aborter.abort();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets of fetch clients would otherwise hold close() open.
      server.closeAllConnections();
    });
  }
}
