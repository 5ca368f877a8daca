import { AttachButton, type UploadDraft, VoiceRecorder } from '../media';

/** The composer's toolbar, left of the text box: the attachment picker and the voice recorder (features/media). */
export function ComposerTools({ media, disabled }: { media: UploadDraft; disabled: boolean }) {
  return (
    <>
      <AttachButton onFiles={media.add} disabled={disabled} />
      <VoiceRecorder onRecorded={media.sendVoice} disabled={disabled} />
    </>
  );
}
