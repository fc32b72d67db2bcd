/** Small display helpers of the window; figures themselves print through shared/metrics/format. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `26 Nov 2026, 16:20` in the user's locale. */
export function formatWhen(ms: number): string {
  return dateTime.format(new Date(ms));
}

/** Saves text as a file: a download in the browser, the native save dialog in the desktop app. */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
