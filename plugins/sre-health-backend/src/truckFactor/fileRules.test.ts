import { analyzeRepository } from './analyzeRepository';
import { computeTruckFactor } from './computeTruckFactor';
import { createAttributeReader } from './gitattributes';
import { createFileClassifier } from './fileRules';
import { GitFixture, source } from './testing/gitFixture';
import { ALICE, BOB, ok } from './testing/repositories';

describe('.gitattributes', () => {
  const read = createAttributeReader({
    '.gitattributes': [
      '# comment',
      'gen/** linguist-generated',
      '*.txt linguist-detectable linguist-language=Python',
      'vendor/ours/** -linguist-vendored',
      'third/** linguist-vendored=false',
      'lib/ linguist-vendored', // a folder pattern: git matches nothing with it
    ].join('\n'),
    'sub/.gitattributes':
      'x.ts linguist-documentation\n*.txt !linguist-detectable\n',
  });

  it('reads set, unset, =false and !unspecified, deeper files overriding', () => {
    expect(read('gen/a/b.ts')).toEqual({ generated: true });
    expect(read('src/gen/b.ts')).toBeUndefined(); // anchored at its folder
    expect(read('vendor/ours/a.js')).toEqual({ vendored: false });
    expect(read('third/a.js')).toEqual({ vendored: false });
    expect(read('a/b/notes.txt')).toEqual({
      detectable: true,
      language: 'Python',
    });
    expect(read('sub/notes.txt')).toEqual({ language: 'Python' });
    expect(read('sub/deep/x.ts')).toEqual({ documentation: true });
    expect(read('x.ts')).toBeUndefined();
    expect(read('lib/a.js')).toBeUndefined();
  });
});

describe('Linguist file rules', () => {
  const classify = createFileClassifier();

  it.each([
    ['src/index.ts', undefined],
    ['Makefile', undefined],
    ['lib/a.pl', undefined],
    ['vendor/jquery.js', 'vendored'],
    ['node_modules/x/index.js', 'vendored'],
    ['app/assets/x.min.js', 'vendored'],
    ['docs/intro.js', 'documentation'],
    ['README.md', 'documentation'],
    ['LICENSE', 'documentation'],
    ['package-lock.json', 'generated'],
    ['Cargo.lock', 'generated'],
    ['api/v1/service.pb.go', 'generated'],
    ['notes.md', 'other'],
    ['data/config.yml', 'other'],
    ['package.json', 'other'],
    ['logo.png', 'other'],
  ])('%s: %s', (path, rule) => {
    expect(classify(path)).toBe(rule);
  });
});

/**
 * A repository whose .gitattributes re-include a vendored folder, mark generated and
 * documentation files, and make a data file count; plus docs, vendored code and data files
 * left out by Linguist's own rules.
 */
describe('analyzeRepository with Linguist rules and .gitattributes overrides', () => {
  let repo: GitFixture;

  beforeAll(() => {
    repo = GitFixture.create();
    repo.commit(ALICE, {
      write: {
        'src/app.ts': source('app'),
        'src/gen/api.ts': source('api'),
        'vendor/ours/patched.js': source('patched'),
        'vendor/theirs/lib.js': source('lib'),
        'docs/guide.js': source('guide'),
        'README.md': '# readme\n',
        'schema.json': '{"a": 1}\n',
        'settings.json': '{"b": 2}\n',
        'tools/doc.ts': source('doc'),
      },
    });
    repo.commit(BOB, {
      write: {
        '.gitattributes': [
          'src/gen/** linguist-generated',
          'vendor/ours/** -linguist-vendored',
          'schema.json linguist-detectable',
        ].join('\n'),
        'tools/.gitattributes': 'doc.ts linguist-documentation\n',
      },
    });
  });

  afterAll(() => repo.cleanup());

  it('counts what Linguist counts and says why the rest is left out', async () => {
    const result = ok(await analyzeRepository({ dir: repo.dir }));
    expect(Object.keys(result.authorsByFile)).toEqual([
      'schema.json',
      'src/app.ts',
      'vendor/ours/patched.js',
    ]);
    expect(result.excludedFiles).toEqual([
      { path: '.gitattributes', rule: 'vendored' }, // Linguist's vendor.yml
      { path: 'README.md', rule: 'documentation' },
      { path: 'docs/guide.js', rule: 'documentation' },
      { path: 'settings.json', rule: 'other' },
      { path: 'src/gen/api.ts', rule: 'generated' },
      { path: 'tools/.gitattributes', rule: 'vendored' },
      { path: 'tools/doc.ts', rule: 'documentation' },
      { path: 'vendor/theirs/lib.js', rule: 'vendored' },
    ]);
    expect(result.excludedByRule).toEqual({
      config: 0,
      vendored: 3,
      documentation: 3,
      generated: 1,
      other: 1,
    });
    expect(result.state.gitattributes?.['tools/.gitattributes']).toBe(
      'doc.ts linguist-documentation\n',
    );
  });

  it('applies the stored .gitattributes when recomputing without git', async () => {
    const result = ok(await analyzeRepository({ dir: repo.dir }));
    const json = JSON.parse(JSON.stringify(result.state));
    expect(Object.keys(computeTruckFactor(json).authorsByFile)).toEqual(
      Object.keys(result.authorsByFile),
    );
    // without them: patched.js is vendored, schema.json data, api.ts and doc.ts code
    expect(
      Object.keys(
        computeTruckFactor({ ...json, gitattributes: undefined }).authorsByFile,
      ),
    ).toEqual(['src/app.ts', 'src/gen/api.ts', 'tools/doc.ts']);
  });
});
