/** A form's failure message, announced as an alert; nothing when there is none. */
export function FormError({ error }: { error: string | null | undefined }) {
  return error ? (
    <p role="alert" className="form-error">
      {error}
    </p>
  ) : null;
}
