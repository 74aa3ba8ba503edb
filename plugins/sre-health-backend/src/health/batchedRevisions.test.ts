import { batchedRevisions } from './batchedRevisions';

describe('batchedRevisions', () => {
  const setup = () => {
    const revisions = new Map<string, number>([
      ['a', 1],
      ['b', 2],
    ]);
    const reads: string[][] = [];
    const read = jest.fn(async (refs: readonly string[]) => {
      reads.push([...refs]);
      return new Map(refs.map(r => [r, revisions.get(r) ?? 0]));
    });
    return { revisions, reads, read, revisionsOf: batchedRevisions(read) };
  };

  it('answers the reads of one turn with one statement, each with its own refs', async () => {
    const s = setup();
    const [ab, b, c] = await Promise.all([
      s.revisionsOf(['a', 'b']),
      s.revisionsOf(['b']),
      s.revisionsOf(['c']),
    ]);
    expect(s.reads).toEqual([['a', 'b', 'c']]);
    expect(ab).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    expect(b).toEqual(new Map([['b', 2]]));
    expect(c).toEqual(new Map([['c', 0]]));
  });

  it('reads again for a read that asks after the statement was issued', async () => {
    const s = setup();
    const first = s.revisionsOf(['a']);
    await first;
    s.revisions.set('a', 7); // a write committed after the first read
    expect(await s.revisionsOf(['a'])).toEqual(new Map([['a', 7]]));
    expect(s.reads).toEqual([['a'], ['a']]);
  });

  it('fails every read of a failed statement, and the next turn reads afresh', async () => {
    const s = setup();
    s.read.mockRejectedValueOnce(new Error('database unavailable'));
    const failed = await Promise.allSettled([
      s.revisionsOf(['a']),
      s.revisionsOf(['b']),
    ]);
    expect(failed.map(f => f.status)).toEqual(['rejected', 'rejected']);
    expect(await s.revisionsOf(['a'])).toEqual(new Map([['a', 1]]));
  });
});
