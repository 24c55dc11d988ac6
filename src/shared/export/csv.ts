// Tables leave as CSV for spreadsheets. A text cell that a spreadsheet would read as a formula (starting with
// = + - @, or a tab or carriage return that some programs skip before looking) gets an apostrophe in front, so
// a unit or service name can never run as a formula on the reader's machine. Numbers stay numbers.

export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open: a leading formula character is defused. */
export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = defuse(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV (RFC 4180, CRLF line ends) with a UTF-8 byte order mark, without which Excel reads the file
 * in the system's code page and garbles Chinese.
 */
export function toCsv(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [head, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A Content-Disposition naming the download, with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(filename: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
