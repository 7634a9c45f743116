/**
 * @module designer/admin/org/calendars/download-csv
 * Saves a CSV text as a file in the browser, with a BOM so spreadsheet programs read it as UTF-8.
 */

/** Saves a text as a file through a Blob URL (no inline script, no data: URL). */
export function downloadCsv(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
