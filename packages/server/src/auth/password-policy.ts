import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { AppError } from '../common/app-error';

/** zxcvbn's scale is 0-4; 3 is "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;
/** Parts of a name or email shorter than this are too common to refuse as "contained". */
const MIN_PERSONAL_PART = 3;

/** Whose password it is: its name and email are not allowed inside it. */
export interface PasswordOwner {
  username: string;
  email: string;
}

/**
 * The password policy, on top of the minimum length of the DTOs: zxcvbn-ts with its common
 * password list and English dictionaries must score it at least 3, it must not be a common
 * password (or a variant of one), and it must not contain the username or the email's local part.
 */
@Injectable()
export class PasswordPolicy {
  private readonly zxcvbn = new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });

  /** Why the password is refused, in plain words; null when it is strong enough. */
  problem(password: string, owner: PasswordOwner): string | null {
    const personal = personalParts(owner);
    const lower = password.toLowerCase();
    if (personal.some((part) => lower.includes(part)))
      return 'Your password must not contain your username or email.';
    const result = this.zxcvbn.check(password, personal);
    if (isCommonPassword(result, password))
      return 'This is a commonly used password. Choose one that is harder to guess.';
    if (result.score >= MIN_SCORE) return null;
    const why = result.feedback.warning ?? 'This password is too easy to guess.';
    const hint = result.feedback.suggestions[0] ?? 'Add more words that are less common.';
    return `${why} ${hint}`;
  }

  /** Throws VALIDATION with `fields[field]` saying why, when the password is refused. */
  assert(password: string, owner: PasswordOwner, field = 'password'): void {
    const problem = this.problem(password, owner);
    if (problem) throw AppError.validation({ [field]: [problem] }, problem);
  }
}

function personalParts(owner: PasswordOwner): string[] {
  const local = owner.email.split('@')[0] ?? '';
  return [owner.username, local]
    .map((part) => part.toLowerCase())
    .filter((part) => part.length >= MIN_PERSONAL_PART);
}

/** The whole password is one entry of the common-password list (also reversed or in l33t). */
function isCommonPassword(result: ZxcvbnResult, password: string): boolean {
  return result.sequence.some(
    (match) =>
      match.pattern === 'dictionary' &&
      'dictionaryName' in match &&
      typeof match.dictionaryName === 'string' &&
      match.dictionaryName.startsWith('passwords') &&
      match.i === 0 &&
      match.j === password.length - 1,
  );
}
