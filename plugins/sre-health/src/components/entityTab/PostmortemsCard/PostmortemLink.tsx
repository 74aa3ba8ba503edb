import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { PostmortemLink as PostmortemLinkValue } from '@sre-health/backstage-plugin-sre-health-common';
import { SRE_HEALTH_TAB_PATH } from '../../overviewCard/EntitySreHealthCard/EntitySreHealthCard';

/** The element id of a postmortem on its entity's SRE Health tab. */
export function postmortemAnchor(id: string): string {
  return `postmortem-${id}`;
}

/**
 * A link to a postmortem on its entity's SRE Health tab, e.g. the one an engagement's SRE
 * led ("lead the next postmortem").
 */
export function PostmortemLink(props: { postmortem: PostmortemLinkValue }) {
  const { postmortem } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const to = `${entityRoute(
    entityRouteParams(postmortem.entityRef),
  )}/${SRE_HEALTH_TAB_PATH}#${postmortemAnchor(postmortem.id)}`;
  return <Link to={to}>{postmortem.title}</Link>;
}
