/** Small display helpers of the window; figures themselves print through shared/metrics/format. */
import type { ExportedFile } from '../shared/api/types';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `26 Nov 2026, 16:20` in the user's locale. */
export function formatWhen(ms: number): string {
  return dateTime.format(new Date(ms));
}

/** Saves an exported file: a download in the browser, the native save dialog in the desktop app. */
export function saveExportedFile({ fileName, mimeType, base64 }: ExportedFile): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
