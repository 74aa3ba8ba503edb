import { groupClosure } from './ScorecardCatalogCopy';

describe('groupClosure', () => {
  it('puts every group under itself and all its ancestors', () => {
    const rows = groupClosure([
      { groupRef: 'a', name: 'a', title: null, type: null, parentRef: null },
      { groupRef: 'b', name: 'b', title: null, type: null, parentRef: 'a' },
      { groupRef: 'c', name: 'c', title: null, type: null, parentRef: 'b' },
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { ancestor_ref: 'a', descendant_ref: 'a', depth: 0 },
        { ancestor_ref: 'a', descendant_ref: 'c', depth: 2 },
        { ancestor_ref: 'b', descendant_ref: 'c', depth: 1 },
      ]),
    );
    expect(rows).toHaveLength(6);
  });

  it('stops at a cycle and at a parent that is not a known group', () => {
    const rows = groupClosure([
      { groupRef: 'a', name: 'a', title: null, type: null, parentRef: 'b' },
      { groupRef: 'b', name: 'b', title: null, type: null, parentRef: 'a' },
      { groupRef: 'c', name: 'c', title: null, type: null, parentRef: 'gone' },
    ]);
    expect(rows).toHaveLength(5);
  });
});
