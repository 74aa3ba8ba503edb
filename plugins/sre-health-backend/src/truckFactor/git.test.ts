import { GitLogParser, type CommitRecord, parseTreeToken } from './git';
import { History } from './history';

// What `git log -z --raw -M --format=\x01%H%x00%aN%x00%aE%x00%at%x00%P` prints (as git 2.39
// does): a root commit adding two files, a rename, an empty commit, a modification of a file
// with a non-ASCII name and a type change, a merge (listed without changes), a deletion and a
// copy, and submodule changes (left out, or seen as a deletion/addition of the file).
const SHA = (c: string) => c.repeat(40);
const raw = (oldMode: string, newMode: string, status: string) =>
  `:${oldMode} ${newMode} 1234567 89abcde ${status}`;
const LOG = [
  `\x01${SHA('a')}\0Ann\0ann@x.org\x001700000000\0\0`,
  `\n${raw('000000', '100644', 'A')}\0a b.txt\0${raw(
    '000000',
    '100644',
    'A',
  )}\0ü.ts\0`,
  `\x01${SHA('b')}\0Bo Ø\0bo@x.org\x001700000060\0${SHA('a')}\0`,
  `\n${raw('100644', '100644', 'R100')}\0a b.txt\0dir/c d.txt\0`,
  `\x01${SHA('c')}\0Ann\0ann@x.org\x001700000120\0${SHA('b')}\0`,
  `\x01${SHA('d')}\0Ann\0ann@x.org\x001700000180\0${SHA('c')}\0`,
  `\n${raw('100644', '100644', 'M')}\0ü.ts\0${raw(
    '100644',
    '120000',
    'T',
  )}\0link\0`,
  `\x01${SHA('m')}\0Ann\0ann@x.org\x001700000200\0${SHA('d')} ${SHA('9')}\0`,
  `\x01${SHA('e')}\0Bo Ø\0bo@x.org\x001700000240\0${SHA('m')}\0`,
  `\n${raw('100644', '000000', 'D')}\0ü.ts\0${raw(
    '100644',
    '100644',
    'C75',
  )}\0dir/c d.txt\0copy.txt\0`,
  `${raw('000000', '160000', 'A')}\0libs/sub\0${raw(
    '160000',
    '160000',
    'M',
  )}\0libs/other\0`,
  `${raw('100644', '160000', 'T')}\0was-file\0${raw(
    '160000',
    '100644',
    'T',
  )}\0was-sub\0`,
].join('');

const EXPECTED: CommitRecord[] = [
  {
    sha: SHA('a'),
    parents: [],
    authorName: 'Ann',
    authorEmail: 'ann@x.org',
    authorTime: 1700000000,
    changes: [
      { status: 'A', path: 'a b.txt' },
      { status: 'A', path: 'ü.ts' },
    ],
  },
  {
    sha: SHA('b'),
    parents: [SHA('a')],
    authorName: 'Bo Ø',
    authorEmail: 'bo@x.org',
    authorTime: 1700000060,
    changes: [
      { status: 'R', from: 'a b.txt', path: 'dir/c d.txt', similarity: 100 },
    ],
  },
  {
    sha: SHA('c'),
    parents: [SHA('b')],
    authorName: 'Ann',
    authorEmail: 'ann@x.org',
    authorTime: 1700000120,
    changes: [],
  },
  {
    sha: SHA('d'),
    parents: [SHA('c')],
    authorName: 'Ann',
    authorEmail: 'ann@x.org',
    authorTime: 1700000180,
    changes: [
      { status: 'M', path: 'ü.ts' },
      { status: 'M', path: 'link' },
    ],
  },
  {
    sha: SHA('m'),
    parents: [SHA('d'), SHA('9')],
    authorName: 'Ann',
    authorEmail: 'ann@x.org',
    authorTime: 1700000200,
    changes: [],
  },
  {
    sha: SHA('e'),
    parents: [SHA('m')],
    authorName: 'Bo Ø',
    authorEmail: 'bo@x.org',
    authorTime: 1700000240,
    changes: [
      { status: 'D', path: 'ü.ts' },
      { status: 'C', from: 'dir/c d.txt', path: 'copy.txt', similarity: 75 },
      { status: 'D', path: 'was-file' },
      { status: 'A', path: 'was-sub' },
    ],
  },
];

/** The commits a History is given (merges are not applied). */
const NON_MERGES = EXPECTED.filter(c => c.parents.length < 2);

function parse(chunks: Array<Buffer | string>): CommitRecord[] {
  const commits: CommitRecord[] = [];
  const parser = new GitLogParser(c => commits.push(c));
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
  return commits;
}

describe('GitLogParser', () => {
  it('parses commits, merges, renames, copies, submodules and unicode paths', () => {
    expect(parse([LOG])).toEqual(EXPECTED);
  });

  it('gives the same result whatever the chunk boundaries (even inside a UTF-8 character)', () => {
    const bytes = Buffer.from(LOG, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parse([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(
        EXPECTED,
      );
    }
    const oneByteChunks = [...bytes].map(b => Buffer.from([b]));
    expect(parse(oneByteChunks)).toEqual(EXPECTED);
  });

  it('parses empty output', () => {
    expect(parse([])).toEqual([]);
  });

  it('rejects output cut in the middle of a commit', () => {
    expect(() => parse([`\x01${SHA('a')}\0Ann\0`])).toThrow(/truncated/);
    expect(() => parse(['garbage\0'])).toThrow(/unexpected/);
    expect(() =>
      parse([`\x01${SHA('a')}\0Ann\0a@x\x001\0\0\nM\0a.ts\0`]),
    ).toThrow(/unexpected change/);
  });
});

describe('parseTreeToken', () => {
  it('reads type and path of ls-tree -z entries', () => {
    expect(parseTreeToken(`100644 blob ${SHA('1')}\tdir/a b.ts`)).toEqual({
      path: 'dir/a b.ts',
      type: 'blob',
    });
    expect(parseTreeToken(`160000 commit ${SHA('2')}\tlibs/sub`)).toEqual({
      path: 'libs/sub',
      type: 'commit',
    });
  });
});

describe('History', () => {
  it('follows renames, drops deletions and counts copies as new files', () => {
    const history = new History();
    for (const commit of NON_MERGES) history.apply(commit);
    expect(history.toState(SHA('e'))).toEqual({
      version: 1,
      lastSha: SHA('e'),
      developers: {
        'ann@x.org': {
          name: 'Ann',
          email: 'ann@x.org',
          commits: 3,
          lastCommitAt: 1700000180,
        },
        'bo@x.org': {
          name: 'Bo Ø',
          email: 'bo@x.org',
          commits: 2,
          lastCommitAt: 1700000240,
        },
      },
      files: {
        'copy.txt': { creator: 'bo@x.org', changes: { 'bo@x.org': 1 } },
        // created by Ann as "a b.txt", renamed by Bo: Ann stays the creator
        'dir/c d.txt': {
          creator: 'ann@x.org',
          changes: { 'ann@x.org': 1, 'bo@x.org': 1 },
        },
        // its creation was not seen: unknown creator
        link: { creator: null, changes: { 'ann@x.org': 1 } },
        'was-sub': { creator: 'bo@x.org', changes: { 'bo@x.org': 1 } },
      },
    });
  });

  it('handles a rename and a new file at the old path in one commit', () => {
    const history = new History();
    const commit = (
      sha: string,
      email: string,
      changes: CommitRecord['changes'],
    ) =>
      history.apply({
        sha: SHA(sha),
        parents: [],
        authorName: email,
        authorEmail: email,
        authorTime: 1,
        changes,
      });
    commit('1', 'a@x', [{ status: 'A', path: 'x.ts' }]);
    // git lists "A x.ts" before "R100 x.ts y.ts" (sorted by path)
    commit('2', 'b@x', [
      { status: 'A', path: 'x.ts' },
      { status: 'R', from: 'x.ts', path: 'y.ts', similarity: 100 },
    ]);
    commit('3', 'c@x', [{ status: 'A', path: '__proto__' }]);
    const state = history.toState(SHA('3'));
    expect(state.files['y.ts']).toEqual({
      creator: 'a@x',
      changes: { 'a@x': 1, 'b@x': 1 },
    });
    expect(state.files['x.ts']).toEqual({
      creator: 'b@x',
      changes: { 'b@x': 1 },
    });
    expect(Object.keys(state.files)).toEqual(['__proto__', 'x.ts', 'y.ts']);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(
      History.fromState(JSON.parse(JSON.stringify(state)))?.toState(SHA('3')),
    ).toEqual(state);
  });

  it('refuses states it cannot use', () => {
    expect(History.fromState(undefined)).toBeUndefined();
    expect(History.fromState({ version: 2 })).toBeUndefined();
    expect(
      History.fromState({
        version: 1,
        lastSha: '--output=/tmp/x',
        developers: {},
        files: {},
      }),
    ).toBeUndefined();
    expect(
      History.fromState({
        version: 1,
        lastSha: SHA('a'),
        developers: {},
        files: { 'a.ts': { creator: 1, changes: {} } },
      }),
    ).toBeUndefined();
  });

  it('aligns its files with the analysed tree', () => {
    const history = new History();
    history.apply(EXPECTED[0]);
    history.reconcile(new Set(['ü.ts', 'from-a-merge.ts']));
    expect(history.toState(SHA('a')).files).toEqual({
      'from-a-merge.ts': { creator: null, changes: {} },
      'ü.ts': { creator: 'ann@x.org', changes: { 'ann@x.org': 1 } },
    });
  });
});
