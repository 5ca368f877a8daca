export function EmptyConversation() {
  return (
    <section className="empty-conversation">
      <h2>Pick a conversation</h2>
      <p>Or start a new one from the list.</p>
    </section>
  );
}
