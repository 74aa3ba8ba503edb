import { Content, Header, Page } from '@backstage/core-components';
import { ScorecardContent } from './ScorecardContent';

/**
 * The "SRE Scorecard" page of the classic frontend system, with its own header. The new
 * frontend system renders `ScorecardContent` under the page header of the plugin.
 */
export function ScorecardPage() {
  return (
    <Page themeId="tool">
      <Header
        title="SRE Scorecard"
        subtitle="Every service × every stressor, rolled up by team"
      />
      <Content>
        <ScorecardContent />
      </Content>
    </Page>
  );
}
