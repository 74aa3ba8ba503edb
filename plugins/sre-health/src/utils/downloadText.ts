/**
 * Offers text as a file download: a Blob behind an object URL, clicked through a
 * temporary link. The URL is revoked once the browser has taken the click.
 * The one download helper of the plugin (fires list, after-action report).
 */
export function downloadText(
  text: string,
  filename: string,
  type = 'text/markdown;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
