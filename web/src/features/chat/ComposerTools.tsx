/**
 * The composer's toolbar, left of the text box: the media feature adds the attachment picker and the voice
 * recorder here (they send through `session.outbox.enqueue` like text does).
 */
export function ComposerTools(_props: { conversationId: string; disabled: boolean }) {
  return null;
}
