import { describe, expect, it } from 'vitest';
import { fieldErrorsFromServer, registerRules, validateRegister } from './validation';

describe('register validation', () => {
  it('accepts good values', () => {
    expect(
      validateRegister({ username: 'ann_1.b-c', email: 'ann@example.com', password: '12345678' }),
    ).toEqual({});
  });
  it('explains each bad field in our own words', () => {
    expect(validateRegister({ username: 'a!', email: 'nope', password: 'short' })).toEqual(
      registerRules,
    );
  });
  it('maps server field errors to our wording, ignoring unknown fields', () => {
    expect(fieldErrorsFromServer({ email: ['email must be an email'], other: ['x'] })).toEqual({
      email: registerRules.email,
    });
  });
  it("shows the server's reason when a long password is refused", () => {
    expect(fieldErrorsFromServer({ password: ['this is a commonly used password'] }).password).toBe(
      'This is a commonly used password.',
    );
    expect(fieldErrorsFromServer({ password: [] }).password).toBe(registerRules.password);
  });
});
