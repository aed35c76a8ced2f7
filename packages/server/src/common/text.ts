/**
 * Normalises user-visible text (room names, chat messages) so it cannot mislead: Unicode NFC,
 * no terminal escape sequences, no control characters, no bidi overrides or embeddings.
 * Text that holds nothing visible once invisible characters (zero-width, fillers, spaces) go
 * becomes the empty string, so the DTO's non-empty check refuses it with VALIDATION.
 */

/** ANSI/VT escape sequences: CSI (ESC [ or C1 0x9B), OSC (ESC ] or 0x9D) up to BEL/ST, other ESC x. */
const ESCAPES = new RegExp(
  [
    String.raw`(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]`,
    String.raw`(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?`,
    String.raw`(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)?`,
    String.raw`\u001b[\u0020-\u002f]*[\u0030-\u007e]?`,
  ].join('|'),
  'g',
);
/** C0 and C1 controls and DEL, except tab and newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** What does not show: spaces, default-ignorable code points (zero-width, fillers, tags…), blanks. */
const INVISIBLE =
  /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800\u115f\u1160\u3164\uffa0]/gu;

export interface TextOptions {
  /** Keeps newlines and tabs (messages); otherwise each becomes a space (names). */
  multiline: boolean;
}

export function normaliseText(value: string, { multiline }: TextOptions): string {
  let text = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(ESCAPES, '');
  if (!multiline) text = text.replace(/[\t\n]/g, ' ');
  text = text.replace(CONTROLS_KEEP_LINES, '').replace(BIDI, '').trim();
  return text.replace(INVISIBLE, '') === '' ? '' : text;
}

/** For class-transformer's `@Transform`: normalises strings, passes anything else to the validators. */
export const normalisedText =
  (options: TextOptions) =>
  ({ value }: { value: unknown }): unknown =>
    typeof value === 'string' ? normaliseText(value, options) : value;
