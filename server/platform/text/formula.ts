/**
 * Spreadsheet formula injection (CSV injection). A text cell that begins with `=`, `+`, `-` or
 * `@` (or a tab or carriage return before one) is read as a formula by Excel, WPS and LibreOffice
 * once the sheet is saved as CSV and opened again: `=HYPERLINK("http://…","点此")` becomes a live
 * link, `=cmd|…` a command prompt. Our .xlsx files write such text as text, but a clerk's "另存为
 * CSV" strips that. So exported text that starts like a formula gets a leading apostrophe, and
 * imported names may not start like one at all.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet could take the text for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as an exported cell: inert in any spreadsheet, even after a round trip through CSV. */
export function inertCellText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
