import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_OPENSLO,
  ANNOTATION_SLO_TARGET,
  ANNOTATION_SLO_WINDOW,
} from '@sre-health/backstage-plugin-sre-health-common';
import { InfoTip } from '../../shared/InfoTip';
import { SetupLine } from '../../shared/SetupLine';

/** The OpenSLO specification, the format of the files `sre-health.dev/openslo` names. */
export const OPENSLO_SPEC_URL = 'https://github.com/OpenSLO/OpenSLO';

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** "No SLO yet", in one line, and the two ways to add one behind the info icon. */
export function SloEmptyState() {
  return (
    <Box display="flex" alignItems="center">
      <SetupLine>
        No SLO yet: add the <code>{ANNOTATION_SLO_TARGET}</code> annotation
        (e.g. <code>"99.9"</code>) or OpenSLO files with{' '}
        <code>{ANNOTATION_OPENSLO}</code>.
      </SetupLine>
      <InfoTip label="adding an SLO">
        <Typography variant="body2" component="div">
          Writing an SLO is where driving change starts: it measures the impact
          of outages and shows how much a process change matters. Add one to
          this entity's catalog-info.yaml in either of two ways:
          <ul>
            <li>
              an availability target in percent, measured from events pushed to
              SRE Health: the <code>{ANNOTATION_SLO_TARGET}</code> annotation
              (e.g. <code>"99.9"</code>), optionally with{' '}
              <code>{ANNOTATION_SLO_WINDOW}</code> (e.g. <code>"30d"</code>);
            </li>
            <li>
              OpenSLO v1 files: the <code>{ANNOTATION_OPENSLO}</code> annotation
              naming one or more files relative to catalog-info.yaml (e.g.{' '}
              <code>./slos/my-service.yaml</code>), in the{' '}
              <Link
                href={OPENSLO_SPEC_URL}
                target="_blank"
                rel="noopener noreferrer"
              >
                OpenSLO format
                <span style={visuallyHidden}> (opens in a new tab)</span>
              </Link>
              .
            </li>
          </ul>
        </Typography>
      </InfoTip>
    </Box>
  );
}
