import { STRESSORS } from './stressors';

describe('STRESSORS', () => {
  it('gives every stressor a one-line meaning for menus', () => {
    for (const s of STRESSORS) {
      expect(s.summary).toMatch(/^[A-Z"].*\.$/);
      expect(s.summary.length).toBeLessThanOrEqual(100);
      // One sentence: no full stop before the end.
      expect(s.summary.slice(0, -1)).not.toMatch(/\.\s/);
      expect(s.summary).not.toBe(s.description);
    }
  });
});
