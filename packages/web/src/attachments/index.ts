import './attachments.css';
export { AttachmentList } from './AttachmentList';
export { UploadList } from './UploadList';
export { uploadWithXhr, type Uploader } from './upload';
export { createUploads, type Uploads } from './uploads';
