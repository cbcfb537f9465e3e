import { Command, CommandRunner } from 'nest-commander';

/**
 * `soundgraph sandbox` runs before any module loads (src/cli/main.ts: the emulators alone, no database); it is
 * declared here only so `soundgraph --help` lists it with the other commands.
 */
@Command({
  name: 'sandbox',
  description:
    'run the Spotify and Soundcharts emulators alone, until Ctrl-C; services and commands on the same DATA_DIR use them',
})
export class SandboxCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(new Error('soundgraph sandbox is started before the CLI modules load'));
  }
}
