import { compileGlob, createPathFilter, expandBraces } from './glob';

/** The engine's former default exclusions (before Linguist's rules): a realistic pattern set. */
const DEFAULT_EXCLUDE_PATTERNS: readonly string[] = [
  // vendored code
  'vendor/',
  'vendors/',
  'node_modules/',
  'bower_components/',
  'third_party/',
  'third-party/',
  'thirdparty/',
  '.yarn/',
  // generated code and build output
  'dist/',
  'coverage/',
  '__generated__/',
  '__snapshots__/',
  '*.min.js',
  '*.min.css',
  '*.map',
  '*.pb.go',
  '*.pb.cc',
  '*.pb.h',
  '*_pb2.py',
  '*_pb2_grpc.py',
  '*.generated.*',
  '*.snap',
  // lock files
  '*.lock',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'go.sum',
  // documentation
  '*.md',
  '*.mdx',
  '*.rst',
  '*.adoc',
  'docs/',
  'LICENSE',
  'LICENSE.*',
  'COPYING',
  // images, fonts, other binaries
  '*.{png,jpg,jpeg,gif,bmp,tif,tiff,ico,icns,svg,webp,avif,psd}',
  '*.{woff,woff2,ttf,otf,eot}',
  '*.{pdf,zip,gz,tgz,jar,war,exe,dll,so,dylib,a,o,class,pyc}',
  // repository metadata
  '.gitignore',
  '.gitattributes',
  '.gitmodules',
  '.mailmap',
];

describe('compileGlob', () => {
  it.each([
    // pattern, path, matches
    ['*.md', 'README.md', true],
    ['*.md', 'docs/deep/guide.md', true],
    ['*.md', 'README.mdx', false],
    ['yarn.lock', 'packages/a/yarn.lock', true],
    ['vendor/', 'vendor/lib/x.go', true],
    ['vendor/', 'src/vendor/x.go', true],
    ['vendor/', 'vendor', false],
    ['vendor/', 'src/vendored.go', false],
    ['src/gen/', 'src/gen/a.ts', true],
    ['src/gen/', 'lib/src/gen/a.ts', false],
    ['docs/**', 'docs/a/b.txt', true],
    ['docs/**', 'x/docs/a.txt', false],
    ['**/docs/**', 'x/docs/a.txt', true],
    ['**/docs/**', 'docs/a.txt', true],
    ['a/**/b.ts', 'a/b.ts', true],
    ['a/**/b.ts', 'a/x/y/b.ts', true],
    ['/Makefile', 'Makefile', true],
    ['/Makefile', 'sub/Makefile', false],
    ['*.min.js', 'static/app.min.js', true],
    ['*.min.js', 'static/app.js', false],
    ['*.{png,svg}', 'img/Logo.PNG', true],
    ['*.{png,svg}', 'img/logo.jpg', false],
    ['file?.ts', 'file1.ts', true],
    ['file?.ts', 'file10.ts', false],
    ['[a-c]*.go', 'b.go', true],
    ['[!a-c]*.go', 'b.go', false],
    ['[!a-c]*.go', 'x.go', true],
    ['*.pb.go', 'api/v1/service.pb.go', true],
    ['a+b (1).txt', 'a+b (1).txt', true],
    ['{a,b{c,d}}.ts', 'bd.ts', true],
  ])('%s on %s → %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).test(path)).toBe(expected);
  });
});

describe('expandBraces', () => {
  it('expands alternatives, nested ones too', () => {
    expect(expandBraces('*.{png,jpg}')).toEqual(['*.png', '*.jpg']);
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('plain')).toEqual(['plain']);
    expect(expandBraces('broken{a,b')).toEqual(['broken{a,b']);
  });
});

describe('createPathFilter', () => {
  it('lets a later !pattern re-include a file', () => {
    const excluded = createPathFilter([
      'vendor/',
      '!vendor/ours/',
      '# comment',
      '',
    ]);
    expect(excluded('vendor/theirs/a.go')).toBe(true);
    expect(excluded('vendor/ours/a.go')).toBe(false);
    expect(excluded('src/a.go')).toBe(false);
  });

  it('excludes nothing without patterns', () => {
    expect(createPathFilter([])('yarn.lock')).toBe(false);
  });

  it('excludes vendored, generated, lock, doc and image files by default', () => {
    const excluded = createPathFilter(DEFAULT_EXCLUDE_PATTERNS);
    for (const path of [
      'vendor/github.com/x/y.go',
      'web/node_modules/react/index.js',
      'third_party/zlib/inflate.c',
      'packages/app/dist/index.js',
      'static/jquery.min.js',
      'api/v1/user.pb.go',
      'Cargo.lock',
      'yarn.lock',
      'package-lock.json',
      'README.md',
      'docs/index.html',
      'packages/x/docs/a.txt',
      'assets/logo.png',
      '.mailmap',
    ]) {
      expect([path, excluded(path)]).toEqual([path, true]);
    }
    for (const path of [
      'src/index.ts',
      'cmd/server/main.go',
      'Makefile',
      'scripts/build.sh',
      'src/docs.ts',
      'lib/vendor.go',
    ]) {
      expect([path, excluded(path)]).toEqual([path, false]);
    }
  });
});

describe('createPathFilter fast path', () => {
  it('decides like the regular expressions of the same patterns', () => {
    const fast = createPathFilter(DEFAULT_EXCLUDE_PATTERNS);
    // a re-inclusion that matches nothing forces the ordered, regex-only evaluation
    const slow = createPathFilter([
      ...DEFAULT_EXCLUDE_PATTERNS,
      '!no/such/file',
    ]);
    const names = [
      'a.ts',
      'README.md',
      'x.MIN.js',
      'yarn.lock',
      'logo.svg',
      'LICENSE.txt',
      'api.pb.go',
      'a.generated.ts',
      'vendor',
      '.mailmap',
      'go.sum',
      'x.map',
      'y.snap',
    ];
    const folders = [
      '',
      'src/',
      'vendor/',
      'src/vendor/',
      'docs/',
      'a/docs/b/',
      'Dist/',
      'node_modules/x/',
      'vendored/',
      'third_party/',
    ];
    for (const folder of folders) {
      for (const name of names) {
        const path = `${folder}${name}`;
        expect([path, fast(path)]).toEqual([path, slow(path)]);
      }
    }
  });
});
