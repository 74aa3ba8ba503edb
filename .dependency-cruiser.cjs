// Import rules for the plugins (issue #14). Run by `yarn lint:deps` (scripts/check-dependencies.mjs),
// which also checks the one rule dependency-cruiser cannot express (common's root <-> area folders).
// Explore with e.g. `yarn depcruise --config .dependency-cruiser.cjs plugins/sre-health-backend/src`.

const backend = 'plugins/sre-health-backend/src';

// The layers below the features (see plugins/sre-health-backend/README.md, "Layout"). truckFactor is a library the knowledge
// feature uses, so it sits here too.
const sharedPaths = [
  `^${backend}/(database|http|catalog|truckFactor)/`,
  `^${backend}/(config|feature)\\.ts$`,
];
const storePath = `^${backend}/store/`;

// Tests and their helpers may reach across layers (the router-wide tests in http/ start the whole plugin).
const testPaths = [
  '\\.test\\.tsx?$',
  '/__testUtils__/',
  '/__fixtures__/',
  '/testing/',
  '/testUtils/',
];

module.exports = {
  forbidden: [
    {
      name: 'no-import-cycle',
      severity: 'error',
      comment:
        'Modules import each other in a loop (type-only imports count). Move the shared part into a ' +
        'module both can import, or invert the dependency.',
      from: { path: '^plugins/[^/]+/src/' },
      to: { circular: true },
    },
    {
      name: 'shared-layer-imports-feature',
      severity: 'error',
      comment:
        'database/, http/, catalog/, truckFactor/, config.ts and feature.ts are below the features: ' +
        'they may import only each other and packages, never a feature folder, store/ or the plugin wiring.',
      from: { path: sharedPaths, pathNot: testPaths },
      to: { path: `^${backend}/`, pathNot: sharedPaths },
    },
    {
      name: 'store-imports-feature-internals',
      severity: 'error',
      comment:
        "store/ builds each aggregate's table access from its mapping.ts (or, for a table that is not a " +
        'versioned record, its own *Store.ts): from a feature folder it may import only those.',
      from: { path: storePath, pathNot: testPaths },
      to: {
        path: `^${backend}/`,
        pathNot: [
          ...sharedPaths,
          storePath,
          `^${backend}/[^/]+/mapping\\.ts$`,
          `^${backend}/[^/]+/[A-Za-z]+Store\\.ts$`,
        ],
      },
    },
    {
      name: 'feature-imports-other-feature-internals',
      severity: 'error',
      comment:
        "A feature may import another feature only through that feature's index.ts (or its mapping.ts).",
      from: {
        path: `^${backend}/([^/]+)/`,
        pathNot: [
          ...sharedPaths,
          storePath,
          ...testPaths,
        ],
      },
      to: {
        path: `^${backend}/[^/]+/`,
        pathNot: [
          ...sharedPaths,
          storePath,
          `^${backend}/$1/`,
          `^${backend}/[^/]+/(index|mapping)\\.ts$`,
          ...testPaths,
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Count `import type` edges too: a type-only cycle is still a cycle between modules.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.d.ts', '.json'],
    },
  },
};
