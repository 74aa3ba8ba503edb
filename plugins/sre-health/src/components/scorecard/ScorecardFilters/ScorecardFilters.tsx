import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  COMPOUND_RISKS,
  SERVING_TIERS,
  STRESSORS,
  ScorecardFacets,
  ScorecardFilters as Filters,
  ServingTier,
  customStressorLabel,
} from '@sre-health/backstage-plugin-sre-health-common';
import { shortRef } from '../../../utils/format';

type Option = { value: string; label: string };

function MultiPicker(props: {
  id: string;
  label: string;
  options: Option[];
  value: string[] | undefined;
  onChange: (value: string[] | undefined) => void;
}) {
  const selected = (props.value ?? []).map(
    v =>
      props.options.find(o => o.value === v) ?? {
        value: v,
        label: shortRef(v),
      },
  );
  return (
    <Autocomplete
      id={props.id}
      multiple
      size="small"
      options={props.options}
      value={selected}
      getOptionLabel={o => o.label}
      getOptionSelected={(a, b) => a.value === b.value}
      onChange={(_e, value) =>
        props.onChange(value.length ? value.map(v => v.value) : undefined)
      }
      renderInput={params => (
        <TextField {...params} variant="outlined" label={props.label} />
      )}
    />
  );
}

const useStyles = makeStyles(theme => ({
  filters: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
}));
/**
 * The scorecard's filters: owner (a group includes its nested groups), system, lifecycle,
 * tier, engagement, stressor, compound risk and a text search. Every change replaces the whole filter set.
 */
export function ScorecardFilters(props: {
  facets?: ScorecardFacets;
  value: Filters;
  search: string;
  onSearch: (q: string) => void;
  onChange: (filters: Filters) => void;
}) {
  const { value, facets, onChange } = props;
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const classes = useStyles();
  // On a card: the page's grey behind outlined labels falls short of AA contrast.
  return (
    <Paper className={classes.filters}>
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={6} md={3}>
          <TextField
            id="scorecard-search"
            label="Search services"
            variant="outlined"
            size="small"
            fullWidth
            value={props.search}
            onChange={e => props.onSearch(e.target.value)}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <MultiPicker
            id="scorecard-owner"
            label="Owner"
            options={(facets?.owners ?? []).map(o => ({
              value: o.ref,
              label: o.type ? `${o.label} (${o.type})` : o.label,
            }))}
            value={value.owner}
            onChange={owner => set({ owner })}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <MultiPicker
            id="scorecard-system"
            label="System"
            options={(facets?.systems ?? []).map(s => ({
              value: s,
              label: shortRef(s),
            }))}
            value={value.system}
            onChange={system => set({ system })}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <MultiPicker
            id="scorecard-lifecycle"
            label="Lifecycle"
            options={(facets?.lifecycles ?? []).map(l => ({
              value: l,
              label: l,
            }))}
            value={value.lifecycle}
            onChange={lifecycle => set({ lifecycle })}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <MultiPicker
            id="scorecard-tier"
            label="Tier"
            options={SERVING_TIERS.map(t => ({ value: t, label: t }))}
            value={value.tier}
            onChange={tier => set({ tier: tier as ServingTier[] | undefined })}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <MultiPicker
            id="scorecard-stressor"
            label="Has stressor"
            options={[
              ...STRESSORS.map(s => ({ value: s.key, label: s.title })),
              ...(facets?.customStressors ?? []).map(key => ({
                value: key,
                label: `${customStressorLabel(key)} (custom)`,
              })),
            ]}
            value={value.stressor}
            onChange={stressor =>
              set({ stressor: stressor as Filters['stressor'] })
            }
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <MultiPicker
            id="scorecard-compound-risk"
            label="Compound risk"
            options={COMPOUND_RISKS.map(r => ({
              value: r.key,
              label: r.title,
            }))}
            value={value.compoundRisk}
            onChange={compoundRisk =>
              set({ compoundRisk: compoundRisk as Filters['compoundRisk'] })
            }
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <TextField
            id="scorecard-engagement"
            select
            label="Engagement"
            variant="outlined"
            size="small"
            fullWidth
            value={
              value.engagement === undefined ? 'any' : String(value.engagement)
            }
            onChange={e =>
              set({
                engagement:
                  e.target.value === 'any'
                    ? undefined
                    : e.target.value === 'true',
              })
            }
          >
            <MenuItem value="any">Any</MenuItem>
            <MenuItem value="true">Owner team has an engagement</MenuItem>
            <MenuItem value="false">No engagement</MenuItem>
          </TextField>
        </Grid>
      </Grid>
    </Paper>
  );
}
