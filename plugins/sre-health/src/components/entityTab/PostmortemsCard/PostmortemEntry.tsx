import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  ACTION_ITEM_CLASS_INFO,
  ClassifiedActionItem,
  Postmortem,
  PostmortemClassification,
} from '@internal/backstage-plugin-sre-health-common';
import { useId } from 'react';
import { formatDate, shortRef } from '../../../utils/format';
import { Disclosure } from '../../shared/Disclosure';
import { RollbackOnlyWarning } from './RollbackOnlyWarning';

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

export function PostmortemEntry(props: {
  postmortem: Postmortem;
  classification: PostmortemClassification;
  canCorrect: boolean;
  onCorrect: (index: number, item: ClassifiedActionItem) => void;
}) {
  const { postmortem: pm } = props;
  const headingId = useId();
  const count = pm.actionItems.length;
  return (
    <Box component="section" aria-labelledby={headingId} py={1}>
      <Typography
        variant="subtitle1"
        component="h3"
        id={headingId}
        style={{ ...plainText, fontWeight: 700, lineHeight: 1.3 }}
      >
        {pm.title}
      </Typography>
      <Typography variant="caption" color="textSecondary" display="block">
        {formatDate(pm.occurredAt)} · by {shortRef(pm.author)}
        {count === 0 && !pm.impact && ' · no action items'}
      </Typography>
      {(count > 0 || pm.impact) && (
        <Disclosure
          label={
            count > 0
              ? `${count} action item${count === 1 ? '' : 's'}`
              : 'Impact'
          }
          hideLabel={count > 0 ? 'Hide action items' : 'Hide impact'}
        >
          <PostmortemDetails {...props} />
        </Disclosure>
      )}
    </Box>
  );
}

/** A postmortem's impact, the rollback-only note and its graded action items. */
function PostmortemDetails(props: {
  postmortem: Postmortem;
  classification: PostmortemClassification;
  canCorrect: boolean;
  onCorrect: (index: number, item: ClassifiedActionItem) => void;
}) {
  const { postmortem: pm, classification, canCorrect, onCorrect } = props;
  const count = pm.actionItems.length;
  return (
    <>
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
    </>
  );
}
