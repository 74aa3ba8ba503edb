import { GitFixture, source } from '../../truckFactor/testing/gitFixture';

export const GIT = {
  carol: { name: 'Carol', email: 'carol@example.com' },
  carolOld: { name: 'Carol', email: 'carol@old.example' },
  dan: { name: 'Dan', email: 'dan@example.com' },
  alice: { name: 'Alice', email: 'alice@example.com' },
  bob: { name: 'Bob', email: 'bob@example.com' },
  erin: { name: 'Erin', email: 'erin@example.com' },
  /** Not in the catalog: departed. */
  mallory: { name: 'Mallory', email: 'mallory@example.com' },
};

export const LOST_FILES = ['src/legacy/export.ts', 'src/legacy/reconcile.ts'];

/**
 * Truck factor 1: Carol writes eight of the ten files (one under her old address), Mallory,
 * who left, wrote two nobody else touched; Dan edits one of Carol's files once.
 */
export function buildSiloRepository(): GitFixture {
  const repo = GitFixture.create();
  repo.commit(GIT.mallory, {
    write: Object.fromEntries(LOST_FILES.map(f => [f, source(f)])),
  });
  repo.commit(GIT.carol, {
    write: {
      'src/accounts.ts': source('accounts'),
      'src/journal.ts': source('journal'),
      'src/postings.ts': source('postings'),
      'README.md': '# Ledger\n',
    },
  });
  repo.commit(GIT.carolOld, {
    write: {
      'src/balances.ts': source('balances'),
      'src/currency.ts': source('currency'),
    },
  });
  repo.commit(GIT.carol, {
    write: {
      'src/audit.ts': source('audit'),
      'src/api.ts': source('api'),
      'src/db.ts': source('db'),
    },
  });
  repo.commit(GIT.dan, {
    write: { 'src/journal.ts': `${source('journal')}// typo\n` },
  });
  return repo;
}

/** Truck factor 3: five people, three files each. */
export function buildSpreadRepository(): GitFixture {
  const repo = GitFixture.create();
  for (const [name, author] of [
    ['carol', GIT.carol],
    ['dan', GIT.dan],
    ['alice', GIT.alice],
    ['bob', GIT.bob],
    ['erin', GIT.erin],
  ] as const) {
    repo.commit(author, {
      write: Object.fromEntries(
        [1, 2, 3].map(i => [`src/${name}/${i}.ts`, source(`${name}${i}`)]),
      ),
    });
  }
  return repo;
}
