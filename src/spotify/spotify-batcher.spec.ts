import { BatchOutcome, BatchPlan, BatchSource, TickBatcher } from './spotify-batcher';

/** A fake upstream: records calls, answers `value:<id>` (null for ids starting with "x"), controllable plans. */
class FakeSource implements BatchSource<string> {
  calls: string[][] = [];
  inFlight = 0;
  maxInFlight = 0;
  plans: BatchPlan[] = [];
  defaultPlan: BatchPlan = { size: 3 };
  failIds = new Set<string>();
  requeueOnce = false;

  plan(): Promise<BatchPlan> {
    return Promise.resolve(this.plans.shift() ?? this.defaultPlan);
  }

  async fetch(ids: readonly string[]): Promise<BatchOutcome<string>> {
    this.calls.push([...ids]);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.inFlight--;
    if (this.requeueOnce) {
      this.requeueOnce = false;
      this.defaultPlan = { size: 1 };
      return 'requeue';
    }
    if (ids.some((id) => this.failIds.has(id))) throw new Error(`failed ${ids.join(',')}`);
    return ids.map((id) => (id.startsWith('x') ? null : `value:${id}`));
  }
}

describe('TickBatcher', () => {
  it('collects every id asked in one turn into full batches, each id once', async () => {
    const source = new FakeSource();
    const batcher = new TickBatcher(source, 8);
    const [a, b, c] = await Promise.all([
      batcher.load(['1', '2', '3', '4']),
      batcher.load(['3', '4', '5', 'x6']),
      batcher.load(['7']),
    ]);
    expect(a).toEqual(['value:1', 'value:2', 'value:3', 'value:4']);
    expect(b).toEqual(['value:3', 'value:4', 'value:5', null]);
    expect(c).toEqual(['value:7']);
    expect(source.calls).toEqual([['1', '2', '3'], ['4', '5', 'x6'], ['7']]);
    expect(batcher.pending).toBe(0);
  });

  it('shares an id that is already in flight with a later asker instead of sending it again', async () => {
    const source = new FakeSource();
    const batcher = new TickBatcher(source, 8);
    const first = batcher.load(['1', '2']);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is out
    const second = batcher.load(['2', '3']);
    expect(await Promise.all([first, second])).toEqual([
      ['value:1', 'value:2'],
      ['value:2', 'value:3'],
    ]);
    expect(source.calls).toEqual([['1', '2'], ['3']]);
  });

  it('keeps at most `concurrency` calls in flight and fills batches while ids wait', async () => {
    const source = new FakeSource();
    source.defaultPlan = { size: 1 };
    const batcher = new TickBatcher(source, 4);
    const ids = Array.from({ length: 30 }, (_, i) => String(i));
    const answers = await batcher.load(ids);
    expect(answers).toEqual(ids.map((id) => `value:${id}`));
    expect(source.calls).toHaveLength(30);
    expect(source.maxInFlight).toBe(4);
  });

  it('fails only the ids of a failed call', async () => {
    const source = new FakeSource();
    source.failIds.add('4');
    const answers = await new TickBatcher(source, 8).load(['1', '2', '3', '4', '5']);
    expect(answers.slice(0, 3)).toEqual(['value:1', 'value:2', 'value:3']);
    expect(answers[3]).toEqual(new Error('failed 4,5'));
    expect(answers[4]).toBeInstanceOf(Error);
  });

  it('sends an exclusive (probing) call alone, then the rest under the plan it taught', async () => {
    const source = new FakeSource();
    source.plans = [{ size: 3, exclusive: true }];
    source.requeueOnce = true; // the probe is refused: the ids go back as single-id calls
    const answers = await new TickBatcher(source, 8).load(['1', '2', '3', '4', '5']);
    expect(answers).toEqual(['1', '2', '3', '4', '5'].map((id) => `value:${id}`));
    expect(source.calls).toEqual([['1', '2', '3'], ['1'], ['2'], ['3'], ['4'], ['5']]);
  });
});
