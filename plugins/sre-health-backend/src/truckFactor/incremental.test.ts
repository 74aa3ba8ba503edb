import { analyzeRepository } from './analyzeRepository';
import { GitFixture, source } from './testing/gitFixture';
import {
  ALICE,
  DAVE,
  ERIN,
  HEALTHY_CATALOG,
  buildHealthyRepository,
  ok,
} from './testing/repositories';
import type { TruckFactorResult } from './types';

const FRANK = { name: 'Frank', email: 'frank@example.com' };

/** Everything but the run metadata and the helper function. */
function figures(result: TruckFactorResult) {
  const { run, coverage, ...rest } = result;
  return rest;
}

describe('incremental analysis', () => {
  let repo: GitFixture;

  beforeEach(() => {
    repo = buildHealthyRepository();
  });

  afterEach(() => repo.cleanup());

  it('reads only the new commits and ends where a full run ends', async () => {
    const first = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: HEALTHY_CATALOG }),
    );
    expect(first.run.commitsRead).toBe(8);
    const saved = JSON.stringify(first.state);

    // a departed newcomer, a deletion, a rename, a modification
    repo.commit(FRANK, { write: { 'src/frank/f1.ts': source('f1') } });
    repo.commit(ERIN, { remove: ['src/erin/e2.ts'] });
    repo.commit(ALICE, { rename: { 'src/alice/a2.ts': 'src/lib/a2.ts' } });
    repo.commit(DAVE, {
      write: { 'src/dave/d1.ts': `${source('d1')}// v2\n` },
    });

    const second = ok(
      await analyzeRepository({
        dir: repo.dir,
        catalogUsers: HEALTHY_CATALOG,
        // what the scheduler would have stored and read back
        since: JSON.parse(saved),
      }),
    );
    expect(second.run).toMatchObject({ mode: 'incremental', commitsRead: 4 });
    expect(second.run.fullRunReason).toBeUndefined();
    expect(JSON.stringify(first.state)).toBe(saved); // the previous state is not touched

    const full = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: HEALTHY_CATALOG }),
    );
    expect(full.run).toMatchObject({ mode: 'full', commitsRead: 12 });
    expect(figures(second)).toEqual(figures(full));
    expect(JSON.stringify(second.state)).toBe(JSON.stringify(full.state));

    // the new figures themselves
    expect(second.state.files['src/lib/a2.ts']).toEqual({
      creator: 'alice@example.com',
      changes: { 'alice@example.com': 2 },
    });
    expect(second.state.files['src/erin/e2.ts']).toBeUndefined();
    expect(second.fileCount).toBe(12);
    expect(second.departedAuthors.map(a => a.author)).toEqual([
      'Frank <frank@example.com>',
    ]);
    expect(second.lostFiles).toEqual(['src/frank/f1.ts']);
    // Bob 4, Alice 3, Dave 3, Erin 2, Frank 1 of 12:
    //   −Bob → 9/12 → −Alice → 6/12 (50%) → −Dave → 3/12 → TF = 3
    expect(second.truckFactor).toBe(3);
    // Frank already gone: 11/12 → −Bob → 8/12 → −Alice → 5/12 < 50% → active TF = 2
    expect(second.activeTruckFactor).toBe(2);
    expect(second.activeTruckFactorAuthors).toEqual([
      'user:default/bob',
      'user:default/alice',
    ]);
  });

  it('re-reads the tree after merges, and still ends where a full run ends', async () => {
    const first = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: HEALTHY_CATALOG }),
    );
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit(ERIN, { write: { 'src/erin/e4.ts': source('e4') } });
    repo.commit(ERIN, { remove: ['src/erin/e1.ts'] });
    repo.git('checkout', '-q', 'main');
    repo.commit(ALICE, { write: { 'src/alice/a4.ts': source('a4') } });
    // an "evil merge": the merge commit itself adds a file and drops another
    repo.merge(DAVE, 'feature', {
      write: { 'src/merge-only.ts': source('merge-only') },
      remove: ['src/bob/b3.ts'],
    });

    const second = ok(
      await analyzeRepository({
        dir: repo.dir,
        catalogUsers: HEALTHY_CATALOG,
        since: first.state,
      }),
    );
    // 3 commits and the merge
    expect(second.run).toMatchObject({ mode: 'incremental', commitsRead: 4 });
    const full = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: HEALTHY_CATALOG }),
    );
    expect(figures(second)).toEqual(figures(full));
    // a file only a merge created has no known creator and no author
    expect(second.state.files['src/merge-only.ts']).toEqual({
      creator: null,
      changes: {},
    });
    expect(second.authorsByFile['src/merge-only.ts']).toEqual([]);
    expect(second.filesWithoutAuthor).toBe(1);
    expect(second.state.files['src/bob/b3.ts']).toBeUndefined();
    expect(second.state.files['src/erin/e1.ts']).toBeUndefined();
    expect(second.authorsByFile['src/erin/e4.ts']).toEqual([
      'user:default/erin',
    ]);
  });

  it('leaves submodules out', async () => {
    const library = GitFixture.create();
    try {
      library.commit(DAVE, { write: { 'lib.ts': source('lib') } });
      const first = ok(await analyzeRepository({ dir: repo.dir }));
      repo.git(
        '-c',
        'protocol.file.allow=always',
        'submodule',
        'add',
        '-q',
        library.dir,
        'libs/library',
      );
      repo.commit(DAVE, {});
      // incremental and linear: no tree re-read, the parser itself leaves the gitlink out
      const result = ok(
        await analyzeRepository({ dir: repo.dir, since: first.state }),
      );
      expect(result.run.mode).toBe('incremental');
      expect(result.state.files['libs/library']).toBeUndefined();
      expect(result.authorsByFile['libs/library']).toBeUndefined();
      // .gitmodules is a file (excluded by default)
      expect(result.state.files['.gitmodules']).toBeDefined();
      const full = ok(await analyzeRepository({ dir: repo.dir }));
      expect(figures(result)).toEqual(figures(full));
    } finally {
      library.cleanup();
    }
  });

  it('reads nothing when HEAD has not moved', async () => {
    const first = ok(await analyzeRepository({ dir: repo.dir }));
    const again = ok(
      await analyzeRepository({ dir: repo.dir, since: first.state }),
    );
    expect(again.run).toMatchObject({ mode: 'incremental', commitsRead: 0 });
    expect(figures(again)).toEqual(figures(first));
  });

  it('falls back to a full run when history was rewritten', async () => {
    repo.commit(FRANK, { write: { 'src/frank/f1.ts': source('f1') } });
    const first = ok(await analyzeRepository({ dir: repo.dir }));
    repo.git('reset', '-q', '--hard', 'HEAD~2');
    repo.commit(ERIN, { write: { 'src/erin/e4.ts': source('e4') } });

    const second = ok(
      await analyzeRepository({ dir: repo.dir, since: first.state }),
    );
    expect(second.run).toMatchObject({
      mode: 'full',
      fullRunReason: 'history-rewritten',
      commitsRead: 8,
    });
    const full = ok(await analyzeRepository({ dir: repo.dir }));
    expect(figures(second)).toEqual(figures(full));
    expect(second.state.files['src/frank/f1.ts']).toBeUndefined();
  });

  it('falls back to a full run when the lastSha is unknown to the repository', async () => {
    const first = ok(await analyzeRepository({ dir: repo.dir }));
    const second = ok(
      await analyzeRepository({
        dir: repo.dir,
        since: { ...first.state, lastSha: 'f'.repeat(40) },
      }),
    );
    expect(second.run.fullRunReason).toBe('history-rewritten');
    expect(figures(second)).toEqual(figures(first));
  });

  it('falls back to a full run when .mailmap changed', async () => {
    const first = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: HEALTHY_CATALOG }),
    );
    // Erin's old commits now count as Dave's
    repo.commit(ALICE, {
      write: {
        '.mailmap':
          'Bob <bob@example.com> <bob@laptop.local>\nDave <dave@example.com> <erin@example.com>\n',
      },
    });
    const second = ok(
      await analyzeRepository({
        dir: repo.dir,
        catalogUsers: HEALTHY_CATALOG,
        since: first.state,
      }),
    );
    expect(second.run).toMatchObject({
      mode: 'full',
      fullRunReason: 'mailmap-changed',
      commitsRead: 1 + 9,
    });
    expect(second.authorsByFile['src/erin/e1.ts']).toEqual([
      'user:default/dave',
    ]);
    const full = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: HEALTHY_CATALOG }),
    );
    expect(figures(second)).toEqual(figures(full));
  });

  it('falls back to a full run when the state is not usable', async () => {
    const result = ok(
      await analyzeRepository({
        dir: repo.dir,
        since: { version: 0 } as any,
      }),
    );
    expect(result.run).toMatchObject({
      mode: 'full',
      fullRunReason: 'incompatible-state',
      commitsRead: 8,
    });
  });
});
