import { useSession } from '../auth';
import { ChangePasswordForm } from './ChangePasswordForm';
import { DeleteAccountForm } from './DeleteAccountForm';
import { SessionsList } from './SessionsList';
import './account.css';

export function AccountPage() {
  const state = useSession();
  return (
    <div className="page account-page">
      <h1>Account</h1>
      {state.status === 'signedIn' && (
        <p className="muted">
          Signed in as <strong>{state.user.username}</strong> ({state.user.email})
        </p>
      )}
      <SessionsList />
      <ChangePasswordForm />
      <DeleteAccountForm />
    </div>
  );
}
