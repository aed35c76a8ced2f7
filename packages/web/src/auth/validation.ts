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

/**
 * The server's field errors, shown with our own wording for the username and email. For the
 * password the server's reason is shown (too common, contains your name, ...): our rule of
 * length alone would not say why a long password was refused.
 */
export function fieldErrorsFromServer(fields: FieldErrors | undefined): FormErrors<RegisterField> {
  const errors: FormErrors<RegisterField> = {};
  for (const [key, reasons] of Object.entries(fields ?? {})) {
    if (key === 'username' || key === 'email') errors[key] = registerRules[key];
    if (key === 'password') errors.password = passwordReason(reasons) ?? registerRules.password;
  }
  return errors;
}

function passwordReason(reasons: readonly string[] | undefined): string | null {
  const first = reasons?.[0]?.trim();
  if (!first) return null;
  const sentence = first.charAt(0).toUpperCase() + first.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
