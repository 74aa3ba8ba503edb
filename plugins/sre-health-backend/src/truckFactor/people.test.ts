import { analyzeRepository } from './analyzeRepository';
import { resolvePeople } from './people';
import { GitFixture, source } from './testing/gitFixture';
import { ok } from './testing/repositories';
import type { DeveloperRecord } from './types';

function dev(
  name: string,
  email: string,
  commits = 1,
  names?: string[],
): DeveloperRecord {
  return {
    name,
    email,
    commits,
    lastCommitAt: commits,
    ...(names ? { names } : {}),
  };
}

describe('resolvePeople (alias heuristics of the reference tool)', () => {
  it('merges identities written with the same name, whatever the case', () => {
    const { personOf, merged } = resolvePeople({
      'jane@work.example': dev('Jane Roe', 'jane@work.example', 5),
      'jroe@home.example': dev('jane roe', 'jroe@home.example', 2),
      'other@example.com': dev('John Doe', 'other@example.com'),
    });
    expect(personOf.get('jroe@home.example')).toBe(
      personOf.get('jane@work.example'),
    );
    expect(personOf.get('jane@work.example')?.id).toBe(
      'Jane Roe <jane@work.example>',
    );
    expect(personOf.get('other@example.com')?.id).toBe(
      'John Doe <other@example.com>',
    );
    expect(merged).toEqual([
      {
        person: 'Jane Roe <jane@work.example>',
        identities: [
          'Jane Roe <jane@work.example>',
          'jane roe <jroe@home.example>',
        ],
        reasons: ['same-name'],
      },
    ]);
  });

  it('merges through any name an e-mail was written with (transitively)', () => {
    const { personOf } = resolvePeople({
      'a@x.example': dev('Ann Smith', 'a@x.example', 3, [
        'A. Smith',
        'Ann Smith',
      ]),
      'b@y.example': dev('A. Smith', 'b@y.example'),
      'c@z.example': dev('Ann Smith', 'c@z.example'),
    });
    const ids = new Set(
      ['a@x.example', 'b@y.example', 'c@z.example'].map(k => personOf.get(k)),
    );
    expect(ids.size).toBe(1);
  });

  it('can be switched off, and never merges empty names', () => {
    const developers = {
      'a@x.example': dev('Sam', 'a@x.example'),
      'b@y.example': dev('Sam', 'b@y.example'),
      'c@z.example': dev('', 'c@z.example'),
      'd@z.example': dev(' ', 'd@z.example'),
    };
    expect(resolvePeople(developers, { mergeSameName: false }).merged).toEqual(
      [],
    );
    const { merged } = resolvePeople(developers);
    expect(merged.map(m => m.identities)).toEqual([
      ['Sam <a@x.example>', 'Sam <b@y.example>'],
    ]);
  });

  it('keeps two catalog users with the same name apart', () => {
    const { personOf, merged } = resolvePeople(
      {
        'sam@a.example': dev('Sam Lee', 'sam@a.example'),
        'sam@b.example': dev('Sam Lee', 'sam@b.example'),
        'sam@old.example': dev('Sam Lee', 'sam@old.example'),
      },
      {
        catalogUsers: [
          { userRef: 'user:default/sam-a', emails: ['sam@a.example'] },
          { userRef: 'user:default/sam-b', emails: ['SAM@b.example'] },
        ],
      },
    );
    expect(personOf.get('sam@a.example')?.id).toBe('user:default/sam-a');
    expect(personOf.get('sam@b.example')?.id).toBe('user:default/sam-b');
    // the unknown identity joins the first of them by name, not both
    expect(personOf.get('sam@old.example')?.id).toBe('user:default/sam-a');
    expect(merged).toEqual([
      {
        person: 'user:default/sam-a',
        identities: ['Sam Lee <sam@a.example>', 'Sam Lee <sam@old.example>'],
        reasons: ['catalog-email', 'same-name'],
      },
    ]);
  });
});

describe('analyzeRepository merges aliases like the reference tool', () => {
  let repo: GitFixture;
  beforeAll(() => {
    repo = GitFixture.create();
    const work = { name: 'Pat Kim', email: 'pat@work.example' };
    const home = { name: 'PAT KIM', email: 'pat@home.example' };
    const renamed = { name: 'Patricia Kim', email: 'pat@home.example' };
    const other = { name: 'Lou', email: 'lou@example.com' };
    repo.commit(work, { write: { 'a.ts': source('a'), 'b.ts': source('b') } });
    repo.commit(work, { write: { 'a.ts': `${source('a')}// more\n` } });
    repo.commit(work, { write: { 'b.ts': `${source('b')}// more\n` } });
    repo.commit(home, { write: { 'c.ts': source('c'), 'd.ts': source('d') } });
    repo.commit(renamed, { write: { 'e.ts': source('e') } });
    repo.commit(other, { write: { 'f.ts': source('f') } });
  });
  afterAll(() => repo.cleanup());

  it('counts one person for the same name under two e-mails, and lists the merge', async () => {
    const result = ok(await analyzeRepository({ dir: repo.dir }));
    expect(result.state.developers['pat@home.example'].names).toEqual([
      'PAT KIM',
      'Patricia Kim',
    ]);
    expect(result.topAuthors.map(a => [a.author, a.files])).toEqual([
      ['Pat Kim <pat@work.example>', 5],
      ['Lou <lou@example.com>', 1],
    ]);
    expect(result.truckFactor).toBe(1);
    expect(result.mergedIdentities).toEqual([
      {
        person: 'Pat Kim <pat@work.example>',
        identities: [
          'Pat Kim <pat@work.example>',
          'Patricia Kim <pat@home.example>',
        ],
        reasons: ['same-name'],
      },
    ]);
    const apart = ok(
      await analyzeRepository({ dir: repo.dir, mergeSameName: false }),
    );
    expect(apart.topAuthors).toHaveLength(3);
    expect(apart.mergedIdentities).toEqual([]);
  });
});
