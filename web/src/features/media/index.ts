/** Media in the chat: attaching, recording and showing files. The chat screens import from here only. */
import './media.css';

export { AttachButton } from './AttachButton';
export { AttachmentTray } from './AttachmentTray';
export { MessageAttachments } from './MessageAttachments';
export { VoiceRecorder } from './VoiceRecorder';
export { useDropAndPaste } from './useDropAndPaste';
export { useFreshUrls } from './useFreshUrls';
export { useUpload, type UploadDraft } from './useUpload';
export { PhotoPicker } from './PhotoPicker';
