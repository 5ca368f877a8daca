import { useState } from 'react';
import { relayOnly, setRelayOnly } from '../../calls/relay-preference';
import { Section } from './Section';

/** Settings → Calls: relay this browser's calls through the server, so peers never see its IP address. */
export function CallsSection() {
  const [relay, setRelay] = useState(relayOnly);
  return (
    <Section title="Calls">
      <label className="toggle">
        <input
          type="checkbox"
          checked={relay}
          onChange={(event) => {
            setRelayOnly(event.target.checked);
            setRelay(event.target.checked);
          }}
        />
        Relay calls through the server
      </label>
      <p className="muted">
        Hides your IP address from the people you call, on this browser. Calls may sound and look a little
        worse, and cannot connect if this server has no relay (TURN) configured.
      </p>
    </Section>
  );
}
