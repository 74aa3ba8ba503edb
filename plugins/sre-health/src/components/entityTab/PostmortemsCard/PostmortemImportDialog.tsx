import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog } from '../../shared/ActionDialog';
import { FileButton } from '../../shared/FileButton';

/** What the backend reads; shown as the text area's placeholder. */
export const POSTMORTEM_MARKDOWN_TEMPLATE = `# Checkout down after the streaming change
Date: 2026-01-07

## Impact
40 minutes of failed checkouts.

## Contributing factors
- The client's 60 s timeout was a library default nobody had seen

## Action items
- [x] Revert the streaming timeout to 60 s
- Find out why the first 1 MB of the promo video takes 60 s
- Alert when the streaming timeout is hit`;

/** The backend takes at most this much Markdown. */
const MAX_MARKDOWN = 50_000;

/**
 * Imports a postmortem written in Markdown: `# Title`, a `Date: YYYY-MM-DD` line, optional
 * `## Impact` and `## Contributing factors`, and an `## Action items` list (`- [x]` marks
 * an item done). The backend says what is missing when it cannot read it.
 */
export function PostmortemImportDialog(props: {
  entityRef: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { entityRef, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [markdown, setMarkdown] = useState('');
  const [fileProblem, setFileProblem] = useState<string | undefined>();

  const loadFile = async (file: File) => {
    if (file.size > MAX_MARKDOWN) {
      setFileProblem(`${file.name} is larger than ${MAX_MARKDOWN} bytes.`);
      return;
    }
    setFileProblem(undefined);
    setMarkdown(await file.text());
  };

  return (
    <ActionDialog
      title="Import a postmortem from Markdown"
      submitLabel="Import"
      successMessage={postmortem => `Postmortem imported: ${postmortem.title}`}
      invalid={markdown.trim() === '' || markdown.length > MAX_MARKDOWN}
      onClose={onClose}
      onDone={onDone}
      maxWidth="md"
      onSubmit={() => api.importPostmortem({ entityRef, markdown })}
    >
      <DialogContentText>
        A "# Title" line, a "Date: YYYY-MM-DD" line, optional "## Impact" and
        "## Contributing factors" sections, and an "## Action items" list ("-
        [x]" marks an item done).
      </DialogContentText>
      <Box mb={1}>
        <FileButton
          label="Load a .md file"
          accept=".md,.markdown,text/markdown,text/plain"
          onFile={loadFile}
        />
      </Box>
      <TextField
        id="sre-health-postmortem-markdown"
        label="Markdown"
        value={markdown}
        onChange={e => setMarkdown(e.target.value)}
        placeholder={POSTMORTEM_MARKDOWN_TEMPLATE}
        required
        fullWidth
        multiline
        minRows={10}
        margin="dense"
        error={Boolean(fileProblem) || markdown.length > MAX_MARKDOWN}
        helperText={fileProblem ?? `${markdown.length} / ${MAX_MARKDOWN}`}
        inputProps={{ style: { fontFamily: 'monospace' } }}
      />
    </ActionDialog>
  );
}
