import { errorMessage } from '../../api/api-error';
import { useBlocks, useSetBlocked } from './blocks';

/**
 * "Block" / "Unblock" beside a member in group info (a direct chat has it in its header menu). A blocked user cannot write to you or see your
 * presence; they are not told. Asks first, as blocking is not something to do by a slip.
 */
export function BlockUserButton({ userId, displayName }: { userId: string; displayName: string }) {
  const blocks = useBlocks();
  const setBlocked = useSetBlocked();
  const blocked = blocks.data?.some((entry) => entry.user.id === userId) ?? false;

  function toggle() {
    const question = blocked
      ? `Unblock ${displayName}? They will be able to message you again.`
      : `Block ${displayName}? They will not be able to message you or see when you are online. They are not told.`;
    if (window.confirm(question)) {
      setBlocked.mutate({ userId, blocked: !blocked });
    }
  }

  return (
    <>
      <button
        type="button"
        className={blocked ? undefined : 'danger'}
        disabled={blocks.isPending || setBlocked.isPending}
        onClick={toggle}
      >
        {blocked ? 'Unblock' : 'Block'}
        <span className="visually-hidden"> {displayName}</span>
      </button>
      {setBlocked.isError ? (
        <span role="alert" className="form-error">
          {errorMessage(setBlocked.error)}
        </span>
      ) : null}
    </>
  );
}
