import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { session } from '../app/services';
import { Field } from '../ui/Field';
import { fieldMessage, formMessage } from './fieldMessage';
import { useDeleteAccount } from './queries';

/** Deleting the account, confirmed with the password; then this browser signs out. */
export function DeleteAccountForm() {
  const [password, setPassword] = useState('');
  const remove = useDeleteAccount();
  const navigate = useNavigate();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    remove.mutate(
      { password },
      {
        onSuccess: () => void session.logout().then(() => navigate('/signin', { replace: true })),
      },
    );
  };

  const error = remove.isError ? remove.error : null;
  const summary = formMessage(error, ['password']);
  return (
    <form
      className="card form danger-zone"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="delete-title"
    >
      <h2 id="delete-title">Delete account</h2>
      <p>
        Your name, email and password are erased and you are signed out everywhere. Messages you
        sent stay in their rooms, shown as written by “Deleted user”. This cannot be undone.
      </p>
      {summary && (
        <p className="note note-error" role="alert">
          {summary}
        </p>
      )}
      <Field
        label="Password"
        type="password"
        name="delete-password"
        autoComplete="current-password"
        hint="Enter your password to confirm."
        value={password}
        error={fieldMessage(error, 'password')}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-danger"
          disabled={remove.isPending || remove.isSuccess || !password}
        >
          {remove.isPending ? 'Deleting…' : 'Delete my account'}
        </button>
      </div>
    </form>
  );
}
