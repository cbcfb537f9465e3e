import { OperationLabels } from './operation-label';

describe('OperationLabels', () => {
  it('keeps names that look like GraphQL names', () => {
    const labels = new OperationLabels();
    expect(labels.label('Probe')).toBe('Probe');
    expect(labels.label('_private_2')).toBe('_private_2');
    expect(labels.label('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it('labels operations without a name anonymous', () => {
    const labels = new OperationLabels();
    expect(labels.label(undefined)).toBe('anonymous');
    expect(labels.label(null)).toBe('anonymous');
    expect(labels.label('')).toBe('anonymous');
  });

  it('labels anything that is not a GraphQL name other', () => {
    const labels = new OperationLabels();
    for (const name of ['2fast', 'with space', 'dash-ed', 'ünïcode', 'a'.repeat(65), 'x"} 1\nevil{', 'Op\n'])
      expect(labels.label(name)).toBe('other');
    // and they take no room from real names
    const small = new OperationLabels(1);
    expect(small.label('not-a-name')).toBe('other');
    expect(small.label('Real')).toBe('Real');
  });

  it('keeps at most `max` distinct names, then labels new ones other but still knows the first ones', () => {
    const labels = new OperationLabels(3);
    expect(['A', 'B', 'C'].map((n) => labels.label(n))).toEqual(['A', 'B', 'C']);
    expect(labels.label('D')).toBe('other');
    expect(labels.label('E')).toBe('other');
    expect(labels.label('B')).toBe('B');
    expect(labels.label(undefined)).toBe('anonymous');
  });

  it('keeps 200 distinct names by default', () => {
    const labels = new OperationLabels();
    for (let i = 0; i < 200; i++) expect(labels.label(`Op${i}`)).toBe(`Op${i}`);
    expect(labels.label('Op200')).toBe('other');
    expect(labels.label('Op0')).toBe('Op0');
  });
});
