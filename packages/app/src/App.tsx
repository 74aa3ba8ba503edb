import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import sreHealthPlugin from '@sre-health/backstage-plugin-sre-health/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

export default createApp({
  // Feature discovery (app.packages: all) finds the SRE Health plugin in a webpack
  // build; listing it here keeps it installed where discovery does not run (tests).
  features: [catalogPlugin, sreHealthPlugin, navModule, homeModule],
});
