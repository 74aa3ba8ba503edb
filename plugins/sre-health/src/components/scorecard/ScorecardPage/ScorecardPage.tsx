import { Page } from '@backstage/core-components';
import { ScorecardContent } from './ScorecardContent';

/**
 * The "SRE Scorecard" page, in both frontend systems: a tool page whose header states the
 * verdict (the new system's page blueprint hides its own header for it).
 */
export function ScorecardPage() {
  return (
    <Page themeId="tool">
      <ScorecardContent />
    </Page>
  );
}
