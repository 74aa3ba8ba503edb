import { siloRisk, summarizeKnowledgeSilo } from './silo';

describe('knowledge silo', () => {
  it('rates a bus factor of 1 on a serving-critical component as high risk', () => {
    expect(siloRisk(1, true)).toBe('high');
    expect(siloRisk(1, false)).toBe('medium');
    expect(siloRisk(0, false)).toBe('high');
    expect(siloRisk(2, true)).toBe('medium');
    expect(siloRisk(3, true)).toBe('low');
  });

  it('merges recorded and declared operators; recorded wins; learners do not count', () => {
    const s = summarizeKnowledgeSilo(
      'critical',
      [
        { userRef: 'user:default/carol', level: 'expert', source: 'recorded' },
        {
          userRef: 'user:default/alice',
          level: 'learning',
          source: 'recorded',
        },
      ],
      [
        {
          userRef: 'user:default/carol',
          level: 'can-operate',
          source: 'annotation',
        },
      ],
    );
    expect(s.busFactor).toBe(1);
    expect(s.risk).toBe('high');
    expect(s.operators.map(o => [o.userRef, o.level, o.source])).toEqual([
      ['user:default/carol', 'expert', 'recorded'],
      ['user:default/alice', 'learning', 'recorded'],
    ]);
  });
});
