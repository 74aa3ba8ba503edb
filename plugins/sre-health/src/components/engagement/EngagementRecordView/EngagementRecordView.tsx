import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  ENGAGEMENT_LIMITS,
  EngagementRecord,
  EngagementSituation,
  LIMITS,
  scheduleStatement,
  situationDefinition,
  sreHealthEngagementUpdatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../../api';
import { formatDate, formatPercent, shortRef } from '../../../utils/format';
import { AfterActionReportView } from '../AfterActionReport';
import { EngagementOpsLoad } from '../EngagementOpsLoad';
import { EngagementTimeline } from '../EngagementTimeline';
import { EngagementChecklist } from './EngagementChecklist';
import {
  EngagementDecisions,
  EngagementKindling,
  EngagementQuestions,
} from './EngagementEntries';
import { ActionDialog, FormTextField } from '../../shared/ActionDialog';
import { SituationFields } from '../EngagementStartDialog/SituationFields';
import { EngagementPhaseControls } from './EngagementPhaseControls';
import { PhaseStepper } from './PhaseStepper';

/** Loads an engagement's record; `retry` reloads it after a write. */
export function useEngagementRecord(engagementId: string) {
  const api = useApi(sreHealthApiRef);
  return useAsyncRetry(
    () => api.getEngagementRecord(engagementId),
    [api, engagementId],
  );
}

function ProfileDialog(props: {
  record: EngagementRecord;
  onClose: () => void;
  onDone: () => void;
}) {
  const { record, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const profile = record.profile;
  const [situation, setSituation] = useState<EngagementSituation | ''>(
    profile?.situation ?? '',
  );
  const [notes, setNotes] = useState(profile?.situationNotes ?? '');
  const [summary, setSummary] = useState(profile?.summary ?? '');
  const [principles, setPrinciples] = useState(
    (profile?.principles ?? []).join('\n'),
  );
  const lines = principles
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
  return (
    <ActionDialog
      title="Situation and report narrative"
      submitLabel="Save"
      successMessage="Situation and narrative saved"
      invalid={lines.length > ENGAGEMENT_LIMITS.principles}
      onSubmit={() =>
        api.updateEngagementProfile(record.engagement.id, {
          ...(profile ? { version: profile.version } : {}),
          ...(situation ? { situation } : {}),
          situationNotes: notes,
          summary,
          principles: lines,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <SituationFields
        situation={situation}
        onSituation={setSituation}
        notes={notes}
        onNotes={setNotes}
      />
      <FormTextField
        label="What must change (for the report)"
        value={summary}
        onChange={e => setSummary(e.target.value)}
        multiline
        minRows={3}
        fullWidth
        margin="dense"
        inputProps={{ maxLength: LIMITS.text }}
      />
      <FormTextField
        label="Principles for new situations, one per line"
        value={principles}
        onChange={e => setPrinciples(e.target.value)}
        multiline
        minRows={3}
        fullWidth
        margin="dense"
        helperText={`${lines.length} of at most ${ENGAGEMENT_LIMITS.principles}`}
      />
    </ActionDialog>
  );
}

function Overview(props: {
  record: EngagementRecord;
  canUpdate: boolean;
  onChange: () => void;
}) {
  const { record, canUpdate, onChange } = props;
  const { engagement, profile } = record;
  const [editing, setEditing] = useState(false);
  const closed = engagement.phase === 'closed';
  const situation = situationDefinition(profile?.situation);
  const start = profile?.startFigures;
  return (
    <Box>
      <PhaseStepper record={record} />
      <Typography variant="body2">
        {shortRef(engagement.sreRef)} embedded with{' '}
        {shortRef(engagement.teamRef)} since {formatDate(engagement.startDate)}
        {engagement.endDate ? `, ended ${formatDate(engagement.endDate)}` : ''}.
      </Typography>
      <Typography variant="body2">
        <strong>Plan:</strong>{' '}
        {scheduleStatement({
          startDate: engagement.startDate,
          plannedEndDate: engagement.plannedEndDate,
          endDate: engagement.endDate,
          today: new Date().toISOString().slice(0, 10),
        })}
      </Typography>
      {engagement.concurrentReason && (
        <Typography variant="body2">
          <strong>Also embedded elsewhere:</strong>{' '}
          {engagement.concurrentReason}
        </Typography>
      )}
      <Typography variant="body2">
        <strong>Situation:</strong>{' '}
        {situation
          ? `${situation.title} — focus: ${situation.focus}`
          : 'not sorted yet'}
        {profile?.situationNotes ? `. ${profile.situationNotes}` : ''}
      </Typography>
      {engagement.goals && (
        <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
          <strong>Goals:</strong> {engagement.goals}
        </Typography>
      )}
      {start && (
        <Typography variant="body2">
          <strong>At the start</strong> (
          {start.source === 'snapshot' ? 'snapshot' : 'from history'}): ops work{' '}
          {formatPercent(start.ops.opsShare, 0)} of the team's time,{' '}
          {start.stressors.open} open stressor
          {start.stressors.open === 1 ? '' : 's'}
          {start.slos ? `, ${start.slos.length} SLO(s)` : ''}.
        </Typography>
      )}
      <Typography variant="body2">
        <strong>Kindling:</strong> {record.kindlingProgress.label}
      </Typography>
      {canUpdate && !closed && (
        <Box mt={2} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          <EngagementPhaseControls record={record} onChange={onChange} />
          <Button
            size="small"
            variant="outlined"
            onClick={() => setEditing(true)}
          >
            Edit situation and narrative
          </Button>
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="overline" color="textSecondary" display="block">
          Timeline
        </Typography>
        <EngagementTimeline events={record.timeline} />
      </Box>
      {editing && (
        <ProfileDialog
          record={record}
          onClose={() => setEditing(false)}
          onDone={onChange}
        />
      )}
    </Box>
  );
}

const TABS = [
  'Overview',
  'Checklist',
  'Decisions',
  'Kindling',
  'Questions',
  'Ops load',
  'Report',
] as const;

type RecordTab = (typeof TABS)[number];

/** @public */
export interface EngagementRecordViewProps {
  engagementId: string;
  /** Called after a write, e.g. so a history list reloads. */
  onChange?: () => void;
  /**
   * False where the page charts the team's ops share itself (the group page's Ops time,
   * shaded for the running engagement), so the record does not draw it a second time.
   */
  opsLoad?: boolean;
}

/**
 * The whole record of one engagement, where the embedded SRE runs it: phases with their
 * checklists, decisions, kindling, leading questions, ops load before/during/after, and the
 * after-action report. Writes need `sre-health.engagement.update` on the team.
 * @public
 */
export function EngagementRecordView(props: EngagementRecordViewProps) {
  const { engagementId, opsLoad = true } = props;
  const tabs = TABS.filter(t => opsLoad || t !== 'Ops load');
  const {
    value: record,
    loading,
    error,
    retry,
  } = useEngagementRecord(engagementId);
  const [tab, setTab] = useState<RecordTab>('Overview');
  const { allowed: canUpdate } = usePermission({
    permission: sreHealthEngagementUpdatePermission,
    resourceRef: record?.engagement.teamRef,
  });

  if (!record) {
    if (error) return <ResponseErrorPanel error={error} />;
    if (loading) return <Progress />;
    return null;
  }
  const changed = () => {
    retry();
    props.onChange?.();
  };
  const entries = { record, canUpdate, onChange: changed };
  return (
    <Box>
      {error && <ResponseErrorPanel error={error} title="Could not reload" />}
      <Tabs
        value={tab}
        onChange={(_, v) => setTab(v)}
        variant="scrollable"
        aria-label="Engagement record"
      >
        {tabs.map(t => (
          <Tab key={t} label={t} value={t} />
        ))}
      </Tabs>
      <Box mt={2} role="tabpanel" aria-label={tab}>
        {tab === 'Overview' && <Overview {...entries} />}
        {tab === 'Checklist' && <EngagementChecklist {...entries} />}
        {tab === 'Decisions' && <EngagementDecisions {...entries} />}
        {tab === 'Kindling' && <EngagementKindling {...entries} />}
        {tab === 'Questions' && <EngagementQuestions {...entries} />}
        {tab === 'Ops load' && (
          <EngagementOpsLoad
            teamRef={record.engagement.teamRef}
            samples={record.opsLoad}
            startDate={record.engagement.startDate}
            endDate={record.engagement.endDate}
          />
        )}
        {tab === 'Report' && (
          <AfterActionReportView
            key={`${record.engagement.version}-${record.timeline.length}`}
            engagementId={record.engagement.id}
          />
        )}
      </Box>
    </Box>
  );
}
