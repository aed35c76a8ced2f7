import { describeError, type ErrorContext } from '../lib/errors';

/** A readable error sentence from an error code, with an optional retry. */
export function ErrorNote({
  error,
  context,
  onRetry,
}: {
  error: unknown;
  context?: ErrorContext;
  onRetry?: () => void;
}) {
  return (
    <div className="note note-error" role="alert">
      <p>{describeError(error, context)}</p>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
