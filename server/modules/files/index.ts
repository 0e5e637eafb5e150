export { filesRoutes, uploadedAttachment, multipartDoc, type OwnerReadCheck } from './files.routes';
export {
  storeFile,
  attachmentsOf,
  deleteAttachment,
  deleteAttachmentsOf,
  loadAttachment,
  checkFileType,
  checkFileSize,
  contentDisposition,
  MAX_FILE_BYTES,
  type AttachmentOut,
  type Owner,
  type StoredFile,
} from './files.service';
