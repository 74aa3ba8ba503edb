import { analyzeRepository } from './analyzeRepository';
import { GitFixture, source } from './testing/gitFixture';
import { ALICE, BOB, ok } from './testing/repositories';

/** A text of about `lines` × 60 bytes, the same for the same seed. */
function bigSource(seed: string, lines: number): string {
  return Array.from(
    { length: lines },
    (_, i) => `export const ${seed}${i} = '${'x'.repeat(40)}${i}';\n`,
  ).join('');
}

/**
 * Alice writes a large file (above the clone's 1 KiB blob limit) and a small one; Bob renames
 * the large one with an edit (a rename found by content only) and the small one unchanged
 * (an exact rename).
 */
describe('analyzeRepository on a partial clone (blobs missing)', () => {
  let origin: GitFixture;
  let partial: GitFixture;
  let bigBlob: string;

  beforeAll(() => {
    origin = GitFixture.create();
    const big = bigSource('big', 80);
    origin.commit(ALICE, {
      write: { 'src/big.ts': big, 'src/small.ts': source('small') },
    });
    bigBlob = origin.git('rev-parse', 'HEAD:src/big.ts');
    origin.commit(BOB, {
      rename: { 'src/big.ts': 'src/huge.ts', 'src/small.ts': 'src/tiny.ts' },
    });
    origin.commit(BOB, { write: { 'src/huge.ts': `${big}// edited\n` } });
    origin.commit(BOB, {
      rename: { 'src/huge.ts': 'src/giant.ts' },
      write: { 'src/giant.ts': `${big}// edited\n// moved\n` },
    });
    partial = origin.clonePartial('blob:limit=1k');
  });

  afterAll(() => {
    origin.cleanup();
    partial.cleanup();
  });

  it('is a partial clone that lacks the large blobs (the premise)', () => {
    const missing = partial
      .git('rev-list', '--objects', '--missing=print', '--all')
      .split('\n')
      .filter(line => line.startsWith('?'));
    expect(missing).toContain(`?${bigBlob}`);
  });

  it('reads the full clone with rename detection by content', async () => {
    const result = ok(await analyzeRepository({ dir: origin.dir }));
    expect(result.run.renameDetection).toBe('similarity');
    expect(result.run.missingObjects).toBeUndefined();
    // the edited rename is followed: Alice still created the large file
    expect(result.state.files['src/giant.ts'].creator).toBe(
      'alice@example.com',
    );
  });

  it('still gives a result, with exact renames only, and names the missing objects', async () => {
    const result = ok(
      await analyzeRepository({ dir: partial.dir, maxPathsWithoutContent: 0 }),
    );
    expect(result.headSha).toBe(origin.git('rev-parse', 'HEAD'));
    expect(result.run.renameDetection).toBe('exact');
    expect(result.run.missingObjects?.count).toBeGreaterThanOrEqual(3);
    expect(result.run.missingObjects?.shown).toContain(bigBlob);
    expect(Object.keys(result.state.files).sort()).toEqual([
      'src/giant.ts',
      'src/tiny.ts',
    ]);
    // the exact rename is still followed...
    expect(result.state.files['src/tiny.ts'].creator).toBe('alice@example.com');
    // ...the one with an edit starts a new history at its new path
    expect(result.state.files['src/giant.ts'].creator).toBe('bob@example.com');
    expect(result.fileCount).toBe(2);
  });

  it('fetches nothing from the promisor remote', async () => {
    ok(await analyzeRepository({ dir: partial.dir }));
    const missing = partial
      .git('rev-list', '--objects', '--missing=print', '--all')
      .split('\n')
      .filter(line => line.startsWith('?'));
    expect(missing).toContain(`?${bigBlob}`);
  });

  it('falls back the same way on an incremental run', async () => {
    const first = ok(await analyzeRepository({ dir: partial.dir }));
    origin.commit(ALICE, {
      rename: { 'src/giant.ts': 'src/colossal.ts' },
      write: { 'src/colossal.ts': `${bigSource('big', 80)}// again\n` },
    });
    partial.git('fetch', '-q', 'origin', '+refs/heads/*:refs/heads/*');
    const next = ok(
      await analyzeRepository({ dir: partial.dir, since: first.state }),
    );
    expect(next.run.mode).toBe('incremental');
    // the paths whose blobs are missing follow exact renames only
    expect(next.run.renameDetection).toBe('similarity-except-missing');
    expect(next.run.missingObjects?.count).toBeGreaterThanOrEqual(1);
    expect(Object.keys(next.state.files).sort()).toEqual([
      'src/colossal.ts',
      'src/tiny.ts',
    ]);
    expect(next.state.files['src/colossal.ts']).toEqual({
      creator: 'alice@example.com',
      changes: { 'alice@example.com': 1 },
    });
  });
});

/**
 * Only one large data file lacks its blobs: the other files keep rename detection by content,
 * the large one follows exact renames only.
 */
describe('analyzeRepository on a partial clone lacking a few blobs', () => {
  let origin: GitFixture;
  let partial: GitFixture;

  beforeAll(() => {
    origin = GitFixture.create();
    origin.commit(ALICE, {
      write: {
        'src/app.ts': source('app', 12),
        'assets/data.json': bigSource('data', 80),
      },
    });
    // one commit renames both with an edit: detecting either needs the large blobs too
    origin.commit(BOB, {
      rename: {
        'src/app.ts': 'src/main.ts',
        'assets/data.json': 'assets/table.json',
      },
      write: {
        'src/main.ts': `${source('app', 12)}// moved\n`,
        'assets/table.json': `${bigSource('data', 80)}// moved\n`,
      },
    });
    origin.commit(BOB, {
      write: { 'assets/table.json': `${bigSource('data', 80)}// more\n` },
    });
    partial = origin.clonePartial('blob:limit=1k');
  });

  afterAll(() => {
    origin.cleanup();
    partial.cleanup();
  });

  it('follows renames by content for every file whose blobs are there', async () => {
    const result = ok(await analyzeRepository({ dir: partial.dir }));
    expect(result.run.renameDetection).toBe('similarity-except-missing');
    expect(result.run.missingObjects?.count).toBe(3);
    expect(result.state.files['src/main.ts']).toEqual({
      creator: 'alice@example.com', // renamed with an edit, followed
      changes: { 'alice@example.com': 1, 'bob@example.com': 1 },
    });
    // the large file's rename needed its content: a new history at the new path
    expect(result.state.files['assets/table.json']).toEqual({
      creator: 'bob@example.com',
      changes: { 'bob@example.com': 2 },
    });
    // each commit counted once, though two passes read some of them
    expect(result.state.developers['bob@example.com'].commits).toBe(2);
    expect(result.state.developers['alice@example.com'].commits).toBe(1);
    expect(result.run.commitsRead).toBe(3);
    // the full clone follows both renames
    const full = ok(await analyzeRepository({ dir: origin.dir }));
    expect(full.state.files['assets/table.json'].creator).toBe(
      'alice@example.com',
    );
    expect(result.state.files['src/main.ts']).toEqual(
      full.state.files['src/main.ts'],
    );
  });

  it('follows exact renames only for every file above the path limit', async () => {
    const result = ok(
      await analyzeRepository({ dir: partial.dir, maxPathsWithoutContent: 1 }),
    );
    expect(result.run.renameDetection).toBe('exact');
    expect(result.state.files['src/main.ts'].creator).toBe('bob@example.com');
  });
});
