module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // supertest's .expect(status) and fast-check's fc.assert are assertions too, and so is the hostile-input suite's check()
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          'request.**.expect',
          'fc.assert',
          'check',
        ],
      },
    ],
  },
});
