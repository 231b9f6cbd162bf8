// Saving a report from the browser: a file download, or the self-contained HTML report in a new tab to print to PDF.

export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens the HTML report (its own print layout, no Grafana chrome) in a new tab, where the browser prints it to PDF. */
export function openPrintable(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a period label: 2026-07-01/2026-08-15 -> 2026-07-01_2026-08-15. */
export function reportFileName(label: string, ext: string): string {
  return `burndown-report-${label.replace(/[^A-Za-z0-9-]+/g, '_')}.${ext}`;
}
