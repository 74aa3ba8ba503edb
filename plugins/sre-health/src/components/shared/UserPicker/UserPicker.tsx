import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  defaultEntityPresentation,
} from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import { ReactNode, useId, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** @public */
export type PersonKind = 'User' | 'Group';

/** @public */
export interface UserPickerProps {
  /** The field's label, which is also the accessible name of its input. */
  label: string;
  /** The chosen entity ref, e.g. `user:default/carol`; `''` when nobody is chosen. */
  value: string;
  onChange: (entityRef: string) => void;
  /** Which catalog kinds can be chosen: people by default, teams too for an owner. */
  kinds?: ReadonlyArray<PersonKind>;
  required?: boolean;
  disabled?: boolean;
  helperText?: ReactNode;
  variant?: 'standard' | 'outlined';
  size?: 'small' | 'medium';
  margin?: 'dense' | 'none' | 'normal';
  fullWidth?: boolean;
}

interface PersonOption {
  ref: string;
  title: string;
  detail?: string;
}

/** The catalog fields a picker needs: enough for the display name, nothing more. */
export const PERSON_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

function toOption(entityOrRef: Entity | string): PersonOption {
  const p = defaultEntityPresentation(entityOrRef, { defaultKind: 'User' });
  return { ref: p.entityRef, title: p.primaryTitle, detail: p.entityRef };
}

const filter = createFilterOptions<PersonOption>({
  stringify: o => `${o.title} ${o.ref}`,
});

/**
 * Chooses a person (or a team) from the catalog by display name; the value is the entity
 * ref. A ref that is not in the catalog (e.g. a person who left) still shows as chosen.
 * @public
 */
export function UserPicker(props: UserPickerProps) {
  const {
    label,
    value,
    onChange,
    kinds = ['User'],
    required,
    disabled,
    helperText,
    variant,
    size,
    margin = 'dense',
    fullWidth = true,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const id = useId();
  const kindKey = kinds.join(',');
  const people = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: kindKey.split(',') },
      fields: PERSON_FIELDS,
    });
    return items.map(toOption).sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi, kindKey]);

  const options = useMemo(() => {
    const known = people.value ?? [];
    if (!value || known.some(o => o.ref === value)) return known;
    return [toOption(value), ...known];
  }, [people.value, value]);
  const chosen = value ? options.find(o => o.ref === value) ?? null : null;
  const noun = kinds.includes('User') ? 'people' : 'teams';

  return (
    <Autocomplete<PersonOption>
      id={id}
      options={options}
      value={chosen}
      onChange={(_event, option) => onChange(option?.ref ?? '')}
      getOptionLabel={o => o.title}
      getOptionSelected={(o, v) => o.ref === v.ref}
      filterOptions={filter}
      loading={people.loading}
      disabled={disabled}
      fullWidth={fullWidth}
      size={size}
      renderOption={o => (
        <div>
          <div>{o.title}</div>
          {o.detail && o.detail !== o.title && (
            <Typography component="div" variant="caption" color="textSecondary">
              {o.detail}
            </Typography>
          )}
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          required={required}
          variant={variant}
          size={size}
          margin={margin}
          error={!!people.error}
          helperText={
            people.error
              ? `Could not load ${noun} from the catalog: ${people.error.message}`
              : helperText
          }
        />
      )}
    />
  );
}
