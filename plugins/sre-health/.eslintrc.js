module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // expectInert() in inertUserText.test.tsx asserts for several cards at once
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectInert'] },
    ],
  },
});
