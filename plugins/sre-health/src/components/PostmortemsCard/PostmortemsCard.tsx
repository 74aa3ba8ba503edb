import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  ACTION_ITEM_CLASS_INFO,
  ClassifiedActionItem,
  Postmortem,
  PostmortemClassification,
  classifyPostmortem,
} from '@internal/backstage-plugin-sre-health-common';
import { useId, useMemo, useState } from 'react';
import { useAnnotationPermissions } from '../../hooks';
import { formatDate, shortRef } from '../../utils/format';
import { ActionItemClassDialog } from './ActionItemClassDialog';
import { PostmortemDialog } from './PostmortemDialog';
import { PostmortemImportDialog } from './PostmortemImportDialog';
import { RollbackOnlyWarning } from './RollbackOnlyWarning';

/** How many postmortems are shown before "Show all". */
export const POSTMORTEMS_SHOWN = 5;

const plainText = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

function ClassChip(props: { item: ClassifiedActionItem }) {
  const { item } = props;
  const info = ACTION_ITEM_CLASS_INFO[item.class];
  const corrected = item.source === 'correction';
  return (
    <Tooltip title={info.description}>
      <Chip
        size="small"
        label={info.title}
        color={item.class === 'rollback' ? 'secondary' : 'default'}
        variant={corrected ? 'default' : 'outlined'}
        aria-label={`class: ${info.title}${
          corrected ? ', corrected by an SRE' : ''
        }`}
      />
    </Tooltip>
  );
}

function PostmortemEntry(props: {
  postmortem: Postmortem;
  classification: PostmortemClassification;
  canCorrect: boolean;
  onCorrect: (index: number, item: ClassifiedActionItem) => void;
}) {
  const { postmortem: pm, classification, canCorrect, onCorrect } = props;
  const headingId = useId();
  const count = pm.actionItems.length;
  return (
    <Box component="section" aria-labelledby={headingId} py={1.5}>
      <Typography
        variant="subtitle1"
        component="h3"
        id={headingId}
        style={plainText}
      >
        {pm.title}
      </Typography>
      <Typography variant="caption" color="textSecondary" display="block">
        {formatDate(pm.occurredAt)} · by {shortRef(pm.author)} · {count} action
        item{count === 1 ? '' : 's'}
      </Typography>
      {pm.impact && (
        <Typography variant="body2" style={plainText}>
          {pm.impact}
        </Typography>
      )}
      {classification.rollbackOnly && (
        <Box my={1}>
          <RollbackOnlyWarning />
        </Box>
      )}
      {count === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No action items.
        </Typography>
      ) : (
        <Box
          component="ul"
          m={0}
          pl={2}
          aria-label={`Action items of ${pm.title}`}
        >
          {classification.classes.map((item, index) => (
            <li key={index}>
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
                py={0.5}
              >
                <Typography variant="body2" component="span" style={plainText}>
                  {item.text}
                </Typography>
                <ClassChip item={item} />
                {item.source === 'correction' && (
                  <Typography variant="caption" color="textSecondary">
                    corrected; the rules said{' '}
                    {ACTION_ITEM_CLASS_INFO[item.ruleClass].title}
                  </Typography>
                )}
                {canCorrect && (
                  <Button
                    size="small"
                    aria-label={`Correct the class of “${item.text}”`}
                    onClick={() => onCorrect(index, item)}
                  >
                    Correct
                  </Button>
                )}
              </Box>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

type DialogState =
  | { kind: 'new' }
  | { kind: 'import' }
  | {
      kind: 'correct';
      postmortem: Postmortem;
      index: number;
      item: ClassifiedActionItem;
    };

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
 * Postmortems, newest first, with every action item graded by the rule-based classifier
 * (or an SRE's correction). A postmortem whose only action items roll back the change is
 * flagged, with the book's example of a better one. SREs record, import and correct.
 * @public
 */
export function PostmortemsCard(props: PostmortemsCardProps) {
  const { entityRef, postmortems, onChange } = props;
  const total = Math.max(props.total ?? 0, postmortems.length);
  const partial = total > postmortems.length;
  const { canCreate, canUpdate } = useAnnotationPermissions(entityRef);
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const [showAll, setShowAll] = useState(false);

  const graded = useMemo(
    () =>
      [...postmortems]
        .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
        .map(pm => ({
          postmortem: pm,
          classification: classifyPostmortem(pm.actionItems),
        })),
    [postmortems],
  );
  const rollbackOnly = graded.filter(g => g.classification.rollbackOnly).length;
  const shown = showAll ? graded : graded.slice(0, POSTMORTEMS_SHOWN);
  const close = () => setDialog(undefined);

  return (
    <InfoCard
      title="Postmortems"
      subheader={`${total} postmortem${
        total === 1 ? '' : 's'
      }, ${rollbackOnly} ${
        partial ? `of the newest ${postmortems.length} ` : ''
      }rollback-only`}
      action={
        canCreate ? (
          <Box pt={1} pr={1} display="flex" style={{ gap: 8 }}>
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setDialog({ kind: 'new' })}
            >
              New postmortem
            </Button>
            <Button
              variant="outlined"
              onClick={() => setDialog({ kind: 'import' })}
            >
              Import from Markdown
            </Button>
          </Box>
        ) : undefined
      }
    >
      {partial && (
        <Typography variant="body2" color="textSecondary" paragraph>
          The newest {postmortems.length} of {total} postmortems are listed.
        </Typography>
      )}
      {graded.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No postmortem recorded yet. Lead the next one, blameless: ask why the
          system misled the people who acted on it.
        </Typography>
      ) : (
        shown.map(({ postmortem, classification }, i) => (
          <Box key={postmortem.id}>
            {i > 0 && <Divider />}
            <PostmortemEntry
              postmortem={postmortem}
              classification={classification}
              canCorrect={canUpdate}
              onCorrect={(index, item) =>
                setDialog({ kind: 'correct', postmortem, index, item })
              }
            />
          </Box>
        ))
      )}
      {graded.length > POSTMORTEMS_SHOWN && (
        <Button size="small" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? 'Show fewer'
            : `Show all ${graded.length} ${partial ? 'listed' : 'postmortems'}`}
        </Button>
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
  );
}
