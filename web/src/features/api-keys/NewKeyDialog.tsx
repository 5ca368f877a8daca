import { useState } from 'react';
import type { CreatedApiKeyResponse } from '../../api/types';
import { Field } from '../../ui/Field';
import { Modal } from '../../ui/Modal';

/** The new key, once: Parley keeps only its hash, so closing this dialog is the last chance to copy it. */
export function NewKeyDialog({ created, onClose }: { created: CreatedApiKeyResponse; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(created.key).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <Modal title={`API key “${created.name}” created`} onClose={onClose} className="new-key-dialog">
      <p className="key-warning" role="note">
        <strong>Copy this key now.</strong> It is shown only once: Parley stores only a hash of it. If it is
        lost, revoke it and create another.
      </p>
      <div className="inline-form">
        <Field
          label="API key"
          value={created.key}
          readOnly
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'yes' ? 'Copied to the clipboard.' : null}
        {copied === 'failed' ? 'Could not copy: select the key and copy it yourself.' : null}
      </p>
      <p className="small muted">
        Services send it as <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          I have copied it
        </button>
      </div>
    </Modal>
  );
}
