/**
 * Official documents (.docx in the GB/T 9704 layout) and spreadsheet ledgers (.xlsx). Pure generators: plain,
 * already-displayable data in, a Buffer out — no database access. Routes send them with
 * `reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(fileName, 'attachment'))`
 * (contentDisposition from server/modules/files/files.service).
 */
export * from './format';
export * from './official';
export * from './working-paper';
export * from './immediate-notice';
export * from './transfer-letter';
export * from './round-documents';
export * from './ledgers';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

