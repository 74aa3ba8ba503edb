import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRepository } from './analyzeRepository';
import { coverageWithout } from './doa';
import { GitFixture, source } from './testing/gitFixture';
import {
  ALICE,
  HEALTHY_CATALOG,
  buildDominantRepository,
  buildHealthyRepository,
  ok,
} from './testing/repositories';
import type { CatalogUserIdentity } from './types';

/**
 * One dominant author: Alice creates 5 of the 7 source files (two of them under her home
 * e-mail, merged through the catalog), Bob (partly as "Bobby", merged through .mailmap) 1,
 * Carol, who is not in the catalog, 1.
 */
describe('analyzeRepository on a repository with one dominant author', () => {
  let repo: GitFixture;
  const catalogUsers: CatalogUserIdentity[] = [
    {
      userRef: 'user:default/alice',
      emails: ['alice@example.com', 'ALICE@home.example'],
    },
    { userRef: 'user:default/bob', emails: ['bob@example.com'] },
  ];

  beforeAll(() => {
    repo = buildDominantRepository();
  });

  afterAll(() => repo.cleanup());

  it('computes authors, truck factor, departed authors and lost files', async () => {
    const result = ok(await analyzeRepository({ dir: repo.dir, catalogUsers }));

    expect(result.headSha).toBe(repo.git('rev-parse', 'HEAD'));
    // .mailmap, yarn.lock and vendor/dep/index.js are excluded
    expect(result.excludedFileCount).toBe(3);
    expect(result.fileCount).toBe(7);
    // src/core/a.ts: Alice created it (as src/a.ts), Bob renamed it:
    //   DOA(Alice) = 3.293 + 1.098 + 0.164·1 − 0.321·ln(2) = 4.3325
    //   DOA(Bob)   = 3.293 + 0.164·1 − 0.321·ln(2) = 3.2345 < 3.293 → Alice only
    // src/d.ts, src/e.ts: "Alice Home" is Alice through her second catalog e-mail
    // src/f.ts: "Bobby <bob@old.example>" is Bob through .mailmap
    expect(result.authorsByFile).toEqual({
      'src/b.ts': ['user:default/alice'],
      'src/c.ts': ['user:default/alice'],
      'src/core/a.ts': ['user:default/alice'],
      'src/d.ts': ['user:default/alice'],
      'src/e.ts': ['user:default/alice'],
      'src/f.ts': ['user:default/bob'],
      'src/legacy.ts': ['Carol <carol@old.example>'],
    });
    expect(result.topAuthors).toEqual([
      {
        author: 'user:default/alice',
        files: 5,
        share: 5 / 7,
        departed: false,
        identities: [
          'Alice <alice@example.com>',
          'Alice Home <alice@home.example>',
        ],
        lastCommitAt: 1_700_000_360,
      },
      {
        author: 'Carol <carol@old.example>',
        files: 1,
        share: 1 / 7,
        departed: true,
        identities: ['Carol <carol@old.example>'],
        lastCommitAt: 1_700_000_240,
      },
      {
        author: 'user:default/bob',
        files: 1,
        share: 1 / 7,
        departed: false,
        identities: ['Bob <bob@example.com>'],
        lastCommitAt: 1_700_000_300,
      },
    ]);
    // 7/7 covered → remove Alice (5 files) → 2/7 = 29% < 50% → TF = 1
    expect(result.truckFactor).toBe(1);
    expect(result.truckFactorAuthors).toEqual(['user:default/alice']);
    // Carol already left: 6/7 covered → remove Alice → 1/7 → active TF = 1
    expect(result.activeTruckFactor).toBe(1);
    expect(result.activeTruckFactorAuthors).toEqual(['user:default/alice']);
    expect(result.departedAuthors.map(a => a.author)).toEqual([
      'Carol <carol@old.example>',
    ]);
    expect(result.lostFiles).toEqual(['src/legacy.ts']);
    expect(result.filesWithoutAuthor).toBe(0);

    expect(result.coverage(['user:default/alice'])).toEqual({
      coveredFiles: 2,
      totalFiles: 7,
      share: 2 / 7,
      orphanedFiles: [
        'src/b.ts',
        'src/c.ts',
        'src/core/a.ts',
        'src/d.ts',
        'src/e.ts',
      ],
    });
    expect(coverageWithout(result, ['user:default/bob'])).toEqual({
      coveredFiles: 6,
      totalFiles: 7,
      share: 6 / 7,
      orphanedFiles: ['src/f.ts'],
    });
    // the state keeps the creator across the rename and the mailmapped identity
    expect(result.state.files['src/core/a.ts']).toEqual({
      creator: 'alice@example.com',
      changes: { 'alice@example.com': 1, 'bob@example.com': 1 },
    });
    expect(Object.keys(result.state.developers)).toEqual([
      'alice@example.com',
      'alice@home.example',
      'bob@example.com',
      'carol@old.example',
    ]);
    expect(result.run).toMatchObject({
      mode: 'full',
      fullRunReason: 'no-previous-state',
      commitsRead: 6,
      shallowRepository: false,
    });
    // the result is plain JSON apart from the coverage helper
    expect(JSON.parse(JSON.stringify(result)).coverage).toBeUndefined();
  });

  it('without a catalog, keeps identities apart and marks nobody departed', async () => {
    const result = ok(await analyzeRepository({ dir: repo.dir }));
    // Alice's two e-mails are two people now: 3 + 2 files
    expect(result.topAuthors.map(a => [a.author, a.files])).toEqual([
      ['Alice <alice@example.com>', 3],
      ['Alice Home <alice@home.example>', 2],
      ['Bob <bob@example.com>', 1],
      ['Carol <carol@old.example>', 1],
    ]);
    // 7/7 → −Alice → 4/7 ≥ 50% → −Alice Home → 2/7 < 50% → TF = 2
    expect(result.truckFactor).toBe(2);
    expect(result.truckFactorAuthors).toEqual([
      'Alice <alice@example.com>',
      'Alice Home <alice@home.example>',
    ]);
    expect(result.activeTruckFactor).toBe(2);
    expect(result.departedAuthors).toEqual([]);
    expect(result.lostFiles).toEqual([]);
  });

  it('applies caller-supplied exclusion patterns on top of Linguist', async () => {
    const result = ok(
      await analyzeRepository({
        dir: repo.dir,
        catalogUsers,
        excludePatterns: ['src/core/', '!vendor/'],
      }),
    );
    // vendor/dep/index.js is counted now (Bob created it), src/core/a.ts is not
    expect(result.fileCount).toBe(7);
    expect(result.excludedFiles).toEqual([
      { path: '.mailmap', rule: 'other' },
      { path: 'src/core/a.ts', rule: 'config' },
      { path: 'yarn.lock', rule: 'other' },
    ]);
    expect(result.excludedByRule).toEqual({
      config: 1,
      vendored: 0,
      documentation: 0,
      generated: 0,
      other: 2,
    });
    expect(result.authorsByFile['vendor/dep/index.js']).toEqual([
      'user:default/bob',
    ]);
    expect(result.authorsByFile['src/core/a.ts']).toBeUndefined();
  });

  it('analyses the whole repository when given a folder inside it', async () => {
    const fromRoot = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers }),
    );
    const fromSub = ok(
      await analyzeRepository({ dir: join(repo.dir, 'src'), catalogUsers }),
    );
    expect(fromSub.state).toEqual(fromRoot.state);
    expect(fromSub.truckFactor).toBe(1);
  });

  it('reads a bare clone the same way (.mailmap from HEAD)', async () => {
    const bare = repo.cloneBare();
    try {
      const fromBare = ok(
        await analyzeRepository({ dir: bare.dir, catalogUsers }),
      );
      const fromWorkTree = ok(
        await analyzeRepository({ dir: repo.dir, catalogUsers }),
      );
      expect(fromBare.authorsByFile).toEqual(fromWorkTree.authorsByFile);
      expect(fromBare.state).toEqual(fromWorkTree.state);
      expect(fromBare.truckFactor).toBe(1);
    } finally {
      bare.cleanup();
    }
  });
});

describe('analyzeRepository on a repository with a healthy spread', () => {
  let repo: GitFixture;

  beforeAll(() => {
    repo = buildHealthyRepository();
  });

  afterAll(() => repo.cleanup());

  it('finds a truck factor of 3', async () => {
    const result = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: HEALTHY_CATALOG }),
    );
    // package-lock.json, .mailmap, third_party/lib/foo.c, docs/guide.md are excluded
    expect(result.excludedFileCount).toBe(4);
    expect(result.fileCount).toBe(12);
    // src/alice/a1.ts: Alice created it (1 commit); Bob changed it twice, once as
    // bob@laptop.local (merged by .mailmap):
    //   DOA(Alice) = 4.555 − 0.321·ln(1+2) = 4.555 − 0.35265 = 4.20235
    //   DOA(Bob)   = 3.293 + 0.164·2 − 0.321·ln(1+1) = 3.621 − 0.22250 = 3.39850
    //   normalised Bob = 3.39850 / 4.20235 = 0.8087 > 0.75, 3.3985 ≥ 3.293 → co-author
    // src/erin/e3.ts: renamed from "old name.ts" with an edit; Erin keeps it
    expect(result.authorsByFile).toEqual({
      'src/alice/a1.ts': ['user:default/alice', 'user:default/bob'],
      'src/alice/a2.ts': ['user:default/alice'],
      'src/alice/a3.ts': ['user:default/alice'],
      'src/bob/b1.ts': ['user:default/bob'],
      'src/bob/b2.ts': ['user:default/bob'],
      'src/bob/b3.ts': ['user:default/bob'],
      'src/dave/d1.ts': ['user:default/dave'],
      'src/dave/d3.ts': ['user:default/dave'],
      'src/dave/naïve file.ts': ['user:default/dave'],
      'src/erin/e1.ts': ['user:default/erin'],
      'src/erin/e2.ts': ['user:default/erin'],
      'src/erin/e3.ts': ['user:default/erin'],
    });
    expect(result.state.files['src/erin/e3.ts']).toEqual({
      creator: 'erin@example.com',
      changes: { 'erin@example.com': 2 },
    });
    expect(result.topAuthors.map(a => [a.author, a.files, a.share])).toEqual([
      ['user:default/bob', 4, 4 / 12],
      ['user:default/alice', 3, 3 / 12],
      ['user:default/dave', 3, 3 / 12],
      ['user:default/erin', 3, 3 / 12],
    ]);
    // 12/12 → −Bob (4 files; a1 keeps Alice) → 9/12 → −Alice → 6/12 = 50%, not fewer
    //   → −Dave → 3/12 = 25% < 50% → TF = 3
    expect(result.truckFactor).toBe(3);
    expect(result.truckFactorAuthors).toEqual([
      'user:default/bob',
      'user:default/alice',
      'user:default/dave',
    ]);
    expect(result.activeTruckFactor).toBe(3);
    expect(result.departedAuthors).toEqual([]);
    expect(result.lostFiles).toEqual([]);
    expect(result.coverage(['user:default/alice'])).toEqual({
      coveredFiles: 10,
      totalFiles: 12,
      share: 10 / 12,
      orphanedFiles: ['src/alice/a2.ts', 'src/alice/a3.ts'],
    });
    expect(
      result.coverage([
        'user:default/bob',
        'user:default/alice',
        'user:default/dave',
      ]).share,
    ).toBe(0.25);
  });

  it('treats every identity as departed when the catalog is empty', async () => {
    const result = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers: [] }),
    );
    // −Bob → 9/12 → −Alice → 6/12 → −Erin → 3/12 → TF = 3, as if nobody had left
    expect(result.truckFactor).toBe(3);
    // but everybody has left: nothing is covered any more
    expect(result.activeTruckFactor).toBe(0);
    expect(result.lostFiles).toHaveLength(12);
    // without the catalog Dave's two e-mails are two people (2 files + 1 file)
    expect(result.departedAuthors.map(a => [a.author, a.files])).toEqual([
      ['Bob <bob@example.com>', 4],
      ['Alice <alice@example.com>', 3],
      ['Erin <erin@example.com>', 3],
      ['D. Alias <dave.alias@example.com>', 2],
      ['Dave <dave@example.com>', 1],
    ]);
  });

  it('matches catalog users by name when their e-mail is unknown', async () => {
    const result = ok(
      await analyzeRepository({
        dir: repo.dir,
        catalogUsers: [
          ...HEALTHY_CATALOG.filter(u => u.userRef !== 'user:default/dave'),
          {
            userRef: 'user:default/dave',
            emails: [],
            names: ['dave', 'D. ALIAS'],
          },
        ],
      }),
    );
    expect(result.authorsByFile['src/dave/naïve file.ts']).toEqual([
      'user:default/dave',
    ]);
    expect(result.departedAuthors).toEqual([]);
  });
});

describe('analyzeRepository on what is not a readable repository', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'truck-factor-scratch-'));
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reports a missing folder', async () => {
    await expect(
      analyzeRepository({ dir: join(scratch, 'missing') }),
    ).resolves.toEqual({
      status: 'unavailable',
      code: 'not-found',
      reason: `${join(scratch, 'missing')} does not exist`,
    });
  });

  it('reports a file', async () => {
    writeFileSync(join(scratch, 'file.txt'), 'x');
    await expect(
      analyzeRepository({ dir: join(scratch, 'file.txt') }),
    ).resolves.toMatchObject({
      status: 'unavailable',
      code: 'not-a-directory',
    });
  });

  it('reports a folder that is not a git repository', async () => {
    await expect(analyzeRepository({ dir: scratch })).resolves.toEqual({
      status: 'unavailable',
      code: 'not-a-repository',
      reason: `${scratch} is not a git repository`,
    });
  });

  it('reports a repository without commits', async () => {
    const empty = GitFixture.create();
    try {
      await expect(
        analyzeRepository({ dir: empty.dir }),
      ).resolves.toMatchObject({
        status: 'unavailable',
        code: 'empty-repository',
      });
    } finally {
      empty.cleanup();
    }
  });

  it('reports a missing git executable', async () => {
    const repo = GitFixture.create();
    try {
      await expect(
        analyzeRepository({
          dir: repo.dir,
          gitBinary: join(scratch, 'no-such-git'),
        }),
      ).resolves.toMatchObject({
        status: 'unavailable',
        code: 'git-not-available',
      });
    } finally {
      repo.cleanup();
    }
  });

  it('reports a cancelled run', async () => {
    const repo = GitFixture.create();
    try {
      repo.commit(ALICE, { write: { 'a.ts': source('a') } });
      const controller = new AbortController();
      controller.abort();
      await expect(
        analyzeRepository({ dir: repo.dir, signal: controller.signal }),
      ).resolves.toEqual({
        status: 'unavailable',
        code: 'aborted',
        reason: 'the analysis was cancelled',
      });
    } finally {
      repo.cleanup();
    }
  });
});
