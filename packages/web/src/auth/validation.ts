import { PASSWORD_MIN_LENGTH, USERNAME_PATTERN, type FieldErrors } from '@minimeet/contract';

export type RegisterField = 'username' | 'email' | 'password';
export type FormErrors<F extends string> = Partial<Record<F, string>>;

export const registerRules: Record<RegisterField, string> = {
  username: 'Use 3 to 32 letters, digits, dots, dashes or underscores.',
  email: 'Enter a valid email address, like name@example.com.',
  password: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateRegister(values: Record<RegisterField, string>): FormErrors<RegisterField> {
  const errors: FormErrors<RegisterField> = {};
  if (!USERNAME_PATTERN.test(values.username.trim())) errors.username = registerRules.username;
  if (!EMAIL_PATTERN.test(values.email.trim())) errors.email = registerRules.email;
  if (values.password.length < PASSWORD_MIN_LENGTH) errors.password = registerRules.password;
  return errors;
}

/** The server's field errors, shown with our own wording for each field (never its raw text). */
export function fieldErrorsFromServer(fields: FieldErrors | undefined): FormErrors<RegisterField> {
  const errors: FormErrors<RegisterField> = {};
  for (const key of Object.keys(fields ?? {})) {
    if (key === 'username' || key === 'email' || key === 'password')
      errors[key] = registerRules[key];
  }
  return errors;
}
