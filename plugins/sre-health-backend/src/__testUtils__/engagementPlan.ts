const DAY = 86_400_000;

/**
 * What a test engagement carries since every engagement is planned (issue #16): an end 60
 * days ahead, and the override that lets the one test SRE be embedded in many test teams.
 */
export const TEST_ENGAGEMENT_PLAN = {
  plannedEndDate: new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10),
  concurrentReason: 'Test fixture: one SRE embedded in many teams',
} as const;
