import { PASSWORD_MIN_LENGTH } from '@minimeet/contract';
import { useState, type FormEvent } from 'react';
import { Field } from '../ui/Field';
import { fieldMessage, formMessage } from './fieldMessage';
import { useChangePassword } from './queries';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [noCurrent, setNoCurrent] = useState(false);
  const change = useChangePassword();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const short = next.length < PASSWORD_MIN_LENGTH;
    setTooShort(short);
    setNoCurrent(!current);
    if (short || !current) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };

  const error = change.isError ? change.error : null;
  const summary = formMessage(error, FIELDS);
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      {change.isSuccess && (
        <p className="note" role="status">
          Your password was changed. Your other devices were signed out.
        </p>
      )}
      {summary && (
        <p className="note note-error" role="alert">
          {summary}
        </p>
      )}
      <Field
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        value={current}
        error={noCurrent ? 'Enter your current password.' : fieldMessage(error, 'currentPassword')}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <Field
        label="New password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, hard to guess, without your name.`}
        value={next}
        error={
          tooShort
            ? `Use at least ${PASSWORD_MIN_LENGTH} characters.`
            : fieldMessage(error, 'newPassword')
        }
        onChange={(e) => setNext(e.target.value)}
        required
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
