import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Add from '@material-ui/icons/Add';
import Publish from '@material-ui/icons/Publish';
import {
  ClassifiedActionItem,
  Postmortem,
  RECENT_POSTMORTEMS,
  VERDICT_ANCHORS,
  classifyPostmortem,
  postmortemPattern,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useMemo, useState } from 'react';
import { useAnnotationPermissions } from '../../../hooks';
import { Disclosure } from '../../shared/Disclosure';
import { Figure } from '../../shared/Figure';
import { InfoTip } from '../../shared/InfoTip';
import { SetupLine } from '../../shared/SetupLine';
import { ActionItemClassDialog } from './ActionItemClassDialog';
import { ActionItemDialog } from './ActionItemDialog';
import { PostmortemDialog } from './PostmortemDialog';
import { PostmortemEntry } from './PostmortemEntry';
import { PostmortemImportDialog } from './PostmortemImportDialog';
import { useSuggestionAudience } from './useSuggestionAudience';

/** How many postmortems are shown before "Show all". */
export const POSTMORTEMS_SHOWN = 2;

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr)) auto',
    gap: theme.spacing(1),
    alignItems: 'start',
  },
}));

type DialogState =
  | { kind: 'new' }
  | { kind: 'import' }
  | {
      kind: 'correct';
      postmortem: Postmortem;
      index: number;
      item: ClassifiedActionItem;
    }
  | { kind: 'edit'; postmortem: Postmortem; index: number };

/** @public */
export interface PostmortemsCardProps {
  entityRef: string;
  /** The newest postmortems (the tab's read carries at most `TAB_LIST_LIMITS.postmortems`). */
  postmortems: Postmortem[];
  /** How many postmortems the entity has in all; the listed ones when not given. */
  total?: number;
  /** Called after a change so the tab reloads its data. */
  onChange: () => void;
}

/**
 * Postmortems, newest first, with their contributing factors and every action item's
 * class (by the rules, or an SRE's correction), owner, due date and state. The figures
 * speak of the pattern across recent postmortems: how many have no action item aimed at
 * the cause. A single past postmortem is never graded in public: its suggestion shows to
 * its author and the SREs only. Whoever may annotate the entity records, imports and edits.
 * @public
 */
export function PostmortemsCard(props: PostmortemsCardProps) {
  const { entityRef, postmortems, onChange } = props;
  const total = Math.max(props.total ?? 0, postmortems.length);
  const partial = total > postmortems.length;
  const { canCreate, canUpdate } = useAnnotationPermissions(entityRef);
  const seesSuggestion = useSuggestionAudience(entityRef);
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const classes = useStyles();

  const { graded, pattern, overdue } = useMemo(() => {
    const now = new Date();
    const list = [...postmortems]
      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
      .map(pm => ({
        postmortem: pm,
        classification: classifyPostmortem(pm.actionItems, { now }),
      }));
    return {
      graded: list,
      // the newest are always listed, so the pattern is whole even when the list is not
      pattern: postmortemPattern(postmortems, now),
      overdue: list.reduce((n, g) => n + g.classification.overdueItems, 0),
    };
  }, [postmortems]);
  const close = () => setDialog(undefined);
  const entry = (
    { postmortem, classification }: (typeof graded)[number],
    i: number,
  ) => (
    <Box key={postmortem.id}>
      {i > 0 && <Divider />}
      <PostmortemEntry
        postmortem={postmortem}
        classification={classification}
        canUpdate={canUpdate}
        showSuggestion={seesSuggestion(postmortem)}
        onCorrect={(index, item) =>
          setDialog({ kind: 'correct', postmortem, index, item })
        }
        onEdit={index => setDialog({ kind: 'edit', postmortem, index })}
      />
    </Box>
  );
  const summary = `${total} postmortem${total === 1 ? '' : 's'}, ${
    pattern.withoutCauseItem
  } of the ${
    pattern.recent
  } recent without an action item aimed at the cause, ${overdue} action item${
    overdue === 1 ? '' : 's'
  } open past due${partial ? ` in the newest ${postmortems.length}` : ''}`;

  return (
    <div id={VERDICT_ANCHORS.postmortems}>
      <InfoCard
        title="Postmortems"
        action={
          canCreate ? (
            <Box pt={1} display="flex" alignItems="center" style={{ gap: 4 }}>
              <Tooltip title="Import from Markdown">
                <IconButton
                  aria-label="Import from Markdown"
                  onClick={() => setDialog({ kind: 'import' })}
                >
                  <Publish />
                </IconButton>
              </Tooltip>
              <Button
                size="small"
                variant="outlined"
                color="primary"
                startIcon={<Add />}
                aria-label="New postmortem"
                onClick={() => setDialog({ kind: 'new' })}
                style={{ whiteSpace: 'nowrap' }}
              >
                New
              </Button>
            </Box>
          ) : undefined
        }
      >
        {graded.length === 0 ? (
          <SetupLine>
            No postmortem recorded yet: lead the next one, blameless, and ask
            why the system misled the people who acted on it.
          </SetupLine>
        ) : (
          <>
            <Box role="group" aria-label={summary} className={classes.figures}>
              <Figure
                value={total}
                label={`postmortem${total === 1 ? '' : 's'}`}
              />
              <Figure
                value={pattern.withoutCauseItem}
                label="with no item at the cause"
                detail={`of the ${pattern.recent} recent`}
              />
              <Figure
                value={overdue}
                label="action items open past due"
                detail={
                  partial ? `in the newest ${postmortems.length}` : undefined
                }
              />
              <Box gridColumn={4}>
                <InfoTip label="postmortems">
                  Every action item is classed by rules, or by an SRE&apos;s
                  correction. An item aimed at the cause investigates or
                  prevents; rolling back, restarting or adding servers does not,
                  and an item left open past its due date no longer counts. The
                  figure is the pattern across the newest{' '}
                  {RECENT_POSTMORTEMS.count} postmortems of the last year: lead
                  the next one to an item aimed at the cause, rather than
                  grading old ones in public.
                </InfoTip>
              </Box>
            </Box>
            {partial && (
              <Typography variant="caption" color="textSecondary" component="p">
                The newest {postmortems.length} of {total} postmortems are
                listed.
              </Typography>
            )}
            <Box mt={1}>{graded.slice(0, POSTMORTEMS_SHOWN).map(entry)}</Box>
            {graded.length > POSTMORTEMS_SHOWN && (
              <Disclosure
                label={`Show all ${graded.length} ${
                  partial ? 'listed' : 'postmortems'
                }`}
                hideLabel="Show fewer"
              >
                {graded
                  .slice(POSTMORTEMS_SHOWN)
                  .map((g, i) => entry(g, i + POSTMORTEMS_SHOWN))}
              </Disclosure>
            )}
          </>
        )}
        {dialog?.kind === 'new' && (
          <PostmortemDialog
            entityRef={entityRef}
            onClose={close}
            onDone={onChange}
          />
        )}
        {dialog?.kind === 'import' && (
          <PostmortemImportDialog
            entityRef={entityRef}
            onClose={close}
            onDone={onChange}
          />
        )}
        {dialog?.kind === 'edit' && (
          <ActionItemDialog
            postmortem={dialog.postmortem}
            index={dialog.index}
            onClose={close}
            onDone={onChange}
          />
        )}
        {dialog?.kind === 'correct' && (
          <ActionItemClassDialog
            postmortem={dialog.postmortem}
            index={dialog.index}
            item={dialog.item}
            onClose={close}
            onDone={onChange}
          />
        )}
      </InfoCard>
    </div>
  );
}
