module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The demo seeds write through the plugin's own stores, which only the plugin package
    // holds: its `/seeding` subpath is the one import this module makes from it.
    '@backstage/no-mixed-plugin-imports': [
      'warn',
      {
        excludedTargetPackages: [
          '@sre-health/backstage-plugin-sre-health-backend',
        ],
      },
    ],
  },
});
