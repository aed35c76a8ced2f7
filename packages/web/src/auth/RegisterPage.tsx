import { ErrorCode } from '@minimeet/contract';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { AppError, describeError } from '../lib/errors';
import { safeNextPath } from '../lib/safeRedirect';
import { session } from '../app/services';
import { Field } from '../ui/Field';
import { AuthLayout } from './AuthLayout';
import { useSession } from './useSession';
import {
  fieldErrorsFromServer,
  registerRules,
  validateRegister,
  type FormErrors,
  type RegisterField,
} from './validation';

export function RegisterPage() {
  const state = useSession();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [values, setValues] = useState<Record<RegisterField, string>>({
    username: '',
    email: '',
    password: '',
  });
  const [fieldErrors, setFieldErrors] = useState<FormErrors<RegisterField>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signedIn') return <Navigate to={next} replace />;

  const set = (field: RegisterField) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    if (fieldErrors[field]) setFieldErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit() {
    const errors = validateRegister(values);
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await session.register({
        username: values.username.trim(),
        email: values.email.trim(),
        password: values.password,
      });
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.VALIDATION)
        setFieldErrors(fieldErrorsFromServer(err.fields));
      setError(err);
      setBusy(false);
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const signInLink = next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;

  return (
    <AuthLayout
      title="Create your account"
      footer={
        <>
          Already have an account? <Link to={signInLink}>Sign in instead</Link>
        </>
      }
    >
      {error !== null && (
        <p className="note note-error" role="alert">
          {describeError(error, 'register')}
        </p>
      )}
      <form onSubmit={onSubmit} className="form" noValidate>
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          hint={
            fieldErrors.username ? undefined : 'Others see this name. ' + registerRules.username
          }
          error={fieldErrors.username}
          value={values.username}
          onChange={set('username')}
          maxLength={32}
          required
        />
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          error={fieldErrors.email}
          value={values.email}
          onChange={set('email')}
          required
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint={fieldErrors.password ? undefined : registerRules.password}
          error={fieldErrors.password}
          value={values.password}
          onChange={set('password')}
          required
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
