import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { computeVerdict } from '@sre-health/backstage-plugin-sre-health-common';
import { useMemo } from 'react';
import { useEntityHealth } from '../../../hooks';
import { VerdictFigures, VerdictStateLabel } from '../../shared/Verdict';

/** The path of the SRE Health tab below an entity's page. */
export const SRE_HEALTH_TAB_PATH = 'sre-health';

/**
 * The SRE Health summary for an entity's Overview tab: the verdict, the first thing to do,
 * budget left, the top stressor and the truck factor, and a link to the full tab. It reads
 * the same single request as the tab.
 * @public
 */
export function EntitySreHealthCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useEntityHealth(entityRef);
  const verdict = useMemo(() => value && computeVerdict(value), [value]);
  // From the ref: its kind is lower case, as in the catalog's own links.
  const tab = `${entityRoute(
    entityRouteParams(entityRef),
  )}/${SRE_HEALTH_TAB_PATH}`;

  let body;
  if (error && !verdict) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!verdict) {
    body = loading ? <Progress /> : null;
  } else {
    const [first] = verdict.actions;
    body = (
      <>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 12 }}
        >
          <VerdictStateLabel state={verdict.state} />
          <Typography variant="body1" component="p">
            {verdict.headline}
          </Typography>
        </Box>
        {first && (
          <Box my={1.5}>
            <Typography variant="subtitle2" component="h3">
              What to do first
            </Typography>
            <Typography variant="body2">
              {first.text}{' '}
              <Typography
                variant="body2"
                component="span"
                color="textSecondary"
              >
                — {first.reason}
              </Typography>
            </Typography>
          </Box>
        )}
        <VerdictFigures verdict={verdict} />
      </>
    );
  }
  return (
    <div id="sre-health-summary">
      <InfoCard
        title="SRE Health"
        deepLink={{ title: 'Open the SRE Health tab', link: tab }}
      >
        {body}
      </InfoCard>
    </div>
  );
}
