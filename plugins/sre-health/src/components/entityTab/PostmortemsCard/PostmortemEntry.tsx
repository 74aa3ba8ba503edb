import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  ACTION_ITEM_CLASS_INFO,
  ClassifiedActionItem,
  Postmortem,
  PostmortemActionItem,
  PostmortemClassification,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId } from 'react';
import { formatDate, shortRef } from '../../../utils/format';
import { Disclosure } from '../../shared/Disclosure';
import { StatusText } from '../../shared/StatusText';
import { CauseSuggestion } from './CauseSuggestion';
import { postmortemAnchor } from './PostmortemLink';

const plainText = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** The class of an item: a label, the same for every class (it grades nobody). */
function ClassChip(props: { item: ClassifiedActionItem }) {
  const { item } = props;
  const info = ACTION_ITEM_CLASS_INFO[item.class];
  const corrected = item.source === 'correction';
  return (
    <Tooltip title={info.description}>
      <Chip
        size="small"
        label={info.title}
        variant={corrected ? 'default' : 'outlined'}
        aria-label={`class: ${info.title}${
          corrected ? ', corrected by an SRE' : ''
        }`}
      />
    </Tooltip>
  );
}

/** Owner, due date and state of an item, e.g. "carol · due 2026-12-01 · open". */
function ItemStatus(props: {
  item: PostmortemActionItem;
  classified: ClassifiedActionItem;
}) {
  const { item, classified } = props;
  const parts = [
    item.owner ? shortRef(item.owner) : 'no owner',
    ...(item.dueDate ? [`due ${item.dueDate}`] : []),
  ];
  return (
    <Typography variant="caption" color="textSecondary" component="span">
      {parts.join(' · ')} ·{' '}
      {classified.overdue ? (
        <StatusText kind="warning">open past its due date</StatusText>
      ) : (
        item.state ?? 'open'
      )}
    </Typography>
  );
}

interface EntryProps {
  postmortem: Postmortem;
  classification: PostmortemClassification;
  /** May correct classes and set owners, due dates and states. */
  canUpdate: boolean;
  /** The suggestion is for the postmortem's author and the SREs only. */
  showSuggestion: boolean;
  onCorrect: (index: number, item: ClassifiedActionItem) => void;
  onEdit: (index: number) => void;
}

export function PostmortemEntry(props: EntryProps) {
  const { postmortem: pm } = props;
  const headingId = useId();
  const count = pm.actionItems.length;
  const factors = pm.contributingFactors ?? [];
  const hasDetails = count > 0 || Boolean(pm.impact) || factors.length > 0;
  const byline = (
    <Typography variant="caption" color="textSecondary" display="block">
      {formatDate(pm.occurredAt)} · by {shortRef(pm.author)}
      {count === 0 && ' · no action items'}
    </Typography>
  );
  return (
    <Box
      component="section"
      id={postmortemAnchor(pm.id)}
      aria-labelledby={headingId}
      py={1}
    >
      <Typography
        variant="subtitle1"
        component="h3"
        id={headingId}
        style={{ ...plainText, fontWeight: 700, lineHeight: 1.3 }}
      >
        {pm.title}
      </Typography>
      {hasDetails ? (
        <Disclosure
          summary={byline}
          label={
            count > 0
              ? `${count} action item${count === 1 ? '' : 's'}`
              : 'Details'
          }
          hideLabel={count > 0 ? 'Hide action items' : 'Hide details'}
        >
          <PostmortemDetails {...props} />
        </Disclosure>
      ) : (
        byline
      )}
    </Box>
  );
}

/** A postmortem's impact, contributing factors, the suggestion and its action items. */
function PostmortemDetails(props: EntryProps) {
  const { postmortem: pm, classification, canUpdate } = props;
  const factors = pm.contributingFactors ?? [];
  return (
    <>
      {pm.impact && (
        <Typography variant="body2" style={plainText}>
          {pm.impact}
        </Typography>
      )}
      {factors.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2" component="h4">
            Contributing factors
          </Typography>
          <Box
            component="ul"
            m={0}
            pl={2}
            aria-label={`Contributing factors of ${pm.title}`}
          >
            {factors.map((factor, i) => (
              <li key={i}>
                <Typography variant="body2" style={plainText}>
                  {factor}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
      {props.showSuggestion && classification.noItemAimedAtCause && (
        <Box my={1}>
          <CauseSuggestion
            overdueCauseItems={classification.overdueCauseItems}
          />
        </Box>
      )}
      {pm.actionItems.length > 0 && (
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
                <ItemStatus item={pm.actionItems[index]} classified={item} />
                {item.source === 'correction' && (
                  <Typography variant="caption" color="textSecondary">
                    corrected; the rules said{' '}
                    {ACTION_ITEM_CLASS_INFO[item.ruleClass].title}
                  </Typography>
                )}
                {canUpdate && (
                  <>
                    <Button
                      size="small"
                      aria-label={`Owner, due date and state of “${item.text}”`}
                      onClick={() => props.onEdit(index)}
                    >
                      Edit
                    </Button>
                    <Button
                      size="small"
                      aria-label={`Correct the class of “${item.text}”`}
                      onClick={() => props.onCorrect(index, item)}
                    >
                      Correct
                    </Button>
                  </>
                )}
              </Box>
            </li>
          ))}
        </Box>
      )}
    </>
  );
}
