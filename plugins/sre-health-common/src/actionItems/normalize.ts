/** The tokenizer's first step: the text every rule sees. */

/** Prefixes stripped from the start of an item (before lower-casing: ticket keys are upper case). */
const PREFIXES: ReadonlyArray<RegExp> = [
  /^\s*[-*•·>]+\s*/,
  /^\s*\d{1,2}[.)]\s+/,
  /^\s*\[[ xX]?\]\s*/,
  /^\s*[[(]?[A-Z][A-Z0-9]*-\d+[\])]?\s*(?:[:–—-]\s*)?/,
  /^\s*#\d+\s*(?:[:–—-]\s*)?/,
  /^\s*(?:ai|ar|todo|action(?:\s+item)?|p[0-4]|sev-?[0-4])\s*[:–—)-]\s*/i,
  /^\s*\((?:owner|p[0-4]|sev)[^)]*\)\s*/i,
  /^\s*owner\s*:\s*@?[\w.-]+\s*[,;:–—-]?\s*/i,
  /^\s*(?:create|file|open|raise)\s+(?:a\s+|an\s+)?(?:ticket|jira|bug|issue|task|story|epic)\s+(?:to|for)\s+/i,
];
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\brb(?:'?d|ed)\b/g, 'rolled back'],
  [/\brb\b/g, 'roll back'],
  [/\brca\b/g, 'root cause analysis'],
  [/\bpir\b/g, 'post-incident review'],
  [/\bw\/o\b/g, 'without'],
  [/\bw\//g, 'with '],
  [/\bb\/c\b/g, 'because'],
  [/\s&\s|\s\+\s/g, ' and '],
];

/**
 * The text the rules see: lower case, prefixes stripped, abbreviations expanded.
 * @public
 */
export function normalizeActionItem(text: string): string {
  let s = text
    .replace(/[‘’`]/g, "'")
    .replace(/[“”"]/g, ' ')
    .replace(/(^|\s)'|'(?=\s|$)/g, '$1 ')
    .replace(/(^|\s)@[\w.-]+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of PREFIXES) {
      const next = s.replace(prefix, '');
      if (next !== s) {
        s = next;
        changed = true;
      }
    }
  }
  s = s.toLowerCase();
  for (const [pattern, replacement] of ABBREVIATIONS) {
    s = s.replace(pattern, replacement);
  }
  return s.replace(/\s+/g, ' ').trim();
}
