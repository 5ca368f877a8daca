import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { UserResponse } from '../../api/types';
import { useAuth, useSignedIn } from '../../auth/auth-context';
import { Field } from '../../ui/Field';
import { formText } from '../../ui/form-text';
import { Avatar } from '../chat/Avatar';
import { PhotoPicker } from '../media';
import { Outcome, Section } from './Section';

export function ProfileSection() {
  const { user, http } = useSignedIn();
  const { setUser } = useAuth();
  const [saved, setSaved] = useState<string | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  // Optimistic: the switch moves at once and moves back if the server refuses.
  const [hideLastSeen, setHideLastSeen] = useState(user.hideLastSeen);
  const save = useMutation({
    mutationFn: (body: { displayName?: string; avatarUrl?: string; hideLastSeen?: boolean }) =>
      http.patch<{ user: UserResponse }>('/users/me', body),
    onMutate: () => setPhotoError(null),
    onSuccess: ({ user: updated }) => setUser(updated),
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const displayName = formText(new FormData(event.currentTarget), 'displayName').trim();
    save.mutate({ displayName }, { onSuccess: () => setSaved('Name saved.') });
  }

  return (
    <Section title="Profile">
      {/* The API cannot clear a profile photo (avatarUrl is https or absent), so there is no "Remove". */}
      <div className="profile-photo">
        <Avatar id={user.id} name={user.displayName} url={user.avatarUrl} />
        <PhotoPicker
          label="Change photo"
          save={(avatarUrl) =>
            save.mutateAsync({ avatarUrl }).then(
              () => setSaved('Photo saved.'),
              () => undefined,
            )
          }
          onError={(text) => {
            save.reset();
            setPhotoError(text);
          }}
        />
      </div>
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Display name"
          name="displayName"
          defaultValue={user.displayName}
          autoComplete="name"
          maxLength={64}
          required
          error={fieldErrors.displayName}
        />
        <button type="submit" disabled={save.isPending}>
          Save name
        </button>
      </form>
      <label className="toggle">
        <input
          type="checkbox"
          checked={hideLastSeen}
          onChange={(event) => {
            const hide = event.currentTarget.checked;
            setHideLastSeen(hide);
            save.mutate(
              { hideLastSeen: hide },
              {
                onSuccess: () => setSaved(hide ? 'Last seen is hidden.' : 'Last seen is shown.'),
                onError: () => setHideLastSeen(!hide),
              },
            );
          }}
        />
        <span>
          Hide my “last seen” time
          <small className="muted">Others still see when you are online.</small>
        </span>
      </label>
      <Outcome
        ok={save.isSuccess ? saved : null}
        error={photoError ?? (save.isError && !fieldErrors.displayName ? errorMessage(save.error) : null)}
      />
      <EmailStatus />
    </Section>
  );
}

/** The account's address, and for an unverified one the way to get a fresh link. */
function EmailStatus() {
  const { user, http } = useSignedIn();
  const resend = useMutation({ mutationFn: () => http.post<void>('/auth/verify-email/send') });
  if (!user.email) {
    return <p className="muted">No email address: you sign in through a linked provider.</p>;
  }
  return (
    <div className="email-status">
      <p>
        Email: <strong>{user.email}</strong>{' '}
        {user.emailVerified ? (
          <span className="pill ok">Verified</span>
        ) : (
          <span className="pill warn">Not verified</span>
        )}
      </p>
      {user.emailVerified ? null : (
        <div className="notice" role="note">
          <p>Verify your address so you can recover your account. We sent a link when you signed up.</p>
          <button
            type="button"
            onClick={() => resend.mutate()}
            disabled={resend.isPending || resend.isSuccess}
          >
            {resend.isSuccess ? 'Link sent' : 'Resend link'}
          </button>
          <Outcome
            ok={resend.isSuccess ? `We sent a new link to ${user.email}.` : null}
            error={resend.isError ? errorMessage(resend.error) : null}
          />
        </div>
      )}
    </div>
  );
}
