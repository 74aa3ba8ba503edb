import type {
  CatalogUserIdentity,
  TruckFactorAnalysis,
  TruckFactorResult,
} from '../types';
import { GitFixture, source } from './gitFixture';

/** The result, asserted to be `ok`. */
export function ok(result: TruckFactorAnalysis): TruckFactorResult {
  if (result.status !== 'ok') {
    throw new Error(`expected an ok result, got ${JSON.stringify(result)}`);
  }
  return result;
}

export const ALICE = { name: 'Alice', email: 'alice@example.com' };
export const ALICE_HOME = { name: 'Alice Home', email: 'alice@home.example' };
export const BOB = { name: 'Bob', email: 'bob@example.com' };
export const BOBBY = { name: 'Bobby', email: 'bob@old.example' };
export const CAROL = { name: 'Carol', email: 'carol@old.example' };

/**
 * One dominant author: Alice creates 5 of the 7 source files (two of them under her home
 * e-mail, merged through the catalog), Bob (partly as "Bobby", merged through .mailmap) 1,
 * Carol, who is not in the catalog, 1. Excluded: .mailmap, yarn.lock, vendor/.
 */
export function buildDominantRepository(): GitFixture {
  const repo = GitFixture.create();
  repo.commit(ALICE, {
    write: {
      'src/a.ts': source('a'),
      'src/b.ts': source('b'),
      'src/c.ts': source('c'),
      '.mailmap': 'Bob <bob@example.com> Bobby <bob@old.example>\n',
      'yarn.lock': '# lock\n',
    },
  });
  repo.commit(ALICE_HOME, {
    write: { 'src/d.ts': source('d'), 'src/e.ts': source('e') },
  });
  repo.commit(BOBBY, {
    write: { 'src/f.ts': source('f'), 'vendor/dep/index.js': source('dep') },
  });
  repo.commit(CAROL, { write: { 'src/legacy.ts': source('legacy') } });
  repo.commit(BOB, {
    rename: { 'src/a.ts': 'src/core/a.ts' },
    write: { 'yarn.lock': '# lock 2\n' },
  });
  repo.commit(ALICE, { write: { 'src/b.ts': `${source('b')}// more\n` } });

  return repo;
}

export const DAVE_ALIAS = { name: 'D. Alias', email: 'dave.alias@example.com' };
export const DAVE = { name: 'Dave', email: 'dave@example.com' };
export const ERIN = { name: 'Erin', email: 'erin@example.com' };
export const BOB_LAPTOP = { name: 'bob-laptop', email: 'bob@laptop.local' };

/** Four people owning three files each: a healthy spread. */
export function buildHealthyRepository(): GitFixture {
  const repo = GitFixture.create();
  repo.commit(ALICE, {
    write: {
      'src/alice/a1.ts': source('a1'),
      'src/alice/a2.ts': source('a2'),
      'src/alice/a3.ts': source('a3'),
      'package-lock.json': '{}\n',
    },
  });
  repo.commit(BOB_LAPTOP, {
    write: {
      'src/bob/b1.ts': source('b1'),
      'src/bob/b2.ts': source('b2'),
      'src/bob/b3.ts': source('b3'),
      '.mailmap': 'Bob <bob@example.com> <bob@laptop.local>\n',
    },
  });
  repo.commit(DAVE_ALIAS, {
    write: {
      'src/dave/d1.ts': source('d1'),
      'src/dave/naïve file.ts': source('naive'),
      'third_party/lib/foo.c': 'int foo(void) { return 1; }\n',
    },
  });
  repo.commit(DAVE, {
    write: { 'src/dave/d3.ts': source('d3'), 'docs/guide.md': '# Guide\n' },
  });
  repo.commit(ERIN, {
    write: {
      'src/erin/e1.ts': source('e1'),
      'src/erin/e2.ts': source('e2'),
      'src/erin/old name.ts': source('e3', 20),
    },
  });
  // a rename with a small edit (similarity < 100%)
  repo.commit(ERIN, {
    rename: { 'src/erin/old name.ts': 'src/erin/e3.ts' },
    write: { 'src/erin/e3.ts': `${source('e3', 20)}// renamed\n` },
  });
  repo.commit(BOB, { write: { 'src/alice/a1.ts': `${source('a1')}// 1\n` } });
  repo.commit(BOB_LAPTOP, {
    write: { 'src/alice/a1.ts': `${source('a1')}// 2\n` },
  });
  return repo;
}

export const HEALTHY_CATALOG: CatalogUserIdentity[] = [
  { userRef: 'user:default/alice', emails: ['alice@example.com'] },
  { userRef: 'user:default/bob', emails: ['bob@example.com'] },
  {
    userRef: 'user:default/dave',
    emails: ['dave@example.com', 'dave.alias@example.com'],
  },
  { userRef: 'user:default/erin', emails: ['erin@example.com'] },
];
