/** Shared parts of the table's entries. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A state change's refusals (report, approve, withdraw; nominate, award, revoke). */
export const SHOW_ACTION = ['NOT_FOUND', 'STALE_VERSION', 'INVALID_STATUS'] as const;
/** A spreadsheet upload's refusals, besides the upload's own. */
export const SPREADSHEET = ['NOT_XLSX', 'EMPTY_FILE', 'PASSWORD_PROTECTED', 'SPREADSHEET_UNREADABLE', 'SPREADSHEET_TIMEOUT', 'FILE_TOO_LARGE_UNPACKED', 'UNSUPPORTED_FILE'] as const;
/** A platform export's refusals on the report page (issue 14), besides the spreadsheet's. */
export const FIGURE_IMPORT = ['NO_RUN', 'UNKNOWN_PLATFORM', 'EXPORT_NOT_RECOGNISED', 'EXPORT_NO_DATA', 'CSV_MALFORMED', 'TOO_MANY_ROWS'] as const;
