// The emulators' clock: a base (Date.now or a test's fake) plus an offset that the control API can advance.
export class SandboxClock {
  private offset = 0;

  constructor(private readonly base: () => number = Date.now) {}

  get offsetMs(): number {
    return this.offset;
  }

  now(): number {
    return this.base() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  reset(): void {
    this.offset = 0;
  }
}
