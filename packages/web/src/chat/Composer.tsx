import type { Attachment } from '@minimeet/contract';
import { MESSAGE_MAX_LENGTH } from '@minimeet/contract';
import {
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { UploadList, type Uploads } from '../attachments';
import { createStore } from '../lib/store';
import { useStore } from '../lib/useStore';

/** Remaining characters are shown once fewer than this are left. */
const COUNTER_FROM = 200;

const NO_UPLOADS = createStore<readonly unknown[]>([]);

export interface ComposerProps {
  /** `attachments` only when files go with the text (which may then be empty). */
  onSend: (content: string, attachments?: Attachment[]) => void;
  onTyping: () => void;
  onStopTyping: () => void;
  /** The text box, for those who move the focus to it (starting a reply). */
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** Escape in the text box (cancels a reply). */
  onEscape?: () => void;
  /** The files being attached: an Attach button, paste, a progress bar per file. */
  uploads?: Uploads;
}

/** Enter sends, Shift+Enter starts a new line. */
export function Composer({
  onSend,
  onTyping,
  onStopTyping,
  inputRef,
  onEscape,
  uploads,
}: ComposerProps) {
  const [text, setText] = useState('');
  const ownInput = useRef<HTMLTextAreaElement>(null);
  const input = inputRef ?? ownInput;
  const id = useId();
  const remaining = MESSAGE_MAX_LENGTH - text.length;
  const content = text.trim();
  useStore<readonly unknown[]>(uploads ?? NO_UPLOADS);
  const files = uploads ? uploads.ready() : [];
  const fileInput = useRef<HTMLInputElement>(null);
  const canSend =
    files !== null &&
    (content.length > 0 || files.length > 0) &&
    content.length <= MESSAGE_MAX_LENGTH;

  function send() {
    if (!canSend) return;
    if (files.length > 0) onSend(content, files);
    else onSend(content);
    uploads?.clear();
    onStopTyping();
    setText('');
    input.current?.focus();
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (!uploads || pasted.length === 0) return;
    event.preventDefault();
    uploads.add(pasted);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && onEscape) {
      event.preventDefault();
      onEscape();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {uploads && <UploadList uploads={uploads} />}
      <label htmlFor={id} className="sr-only">
        Message
      </label>
      <textarea
        id={id}
        ref={input}
        name="message"
        rows={1}
        placeholder="Write a message…"
        value={text}
        maxLength={MESSAGE_MAX_LENGTH}
        aria-describedby={remaining <= COUNTER_FROM ? `${id}-count` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim()) onTyping();
          else onStopTyping();
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={onStopTyping}
      />
      {remaining <= COUNTER_FROM && (
        <span
          id={`${id}-count`}
          className={`counter${remaining <= 20 ? ' counter-low' : ''}`}
          aria-live="polite"
        >
          {remaining} characters left
        </span>
      )}
      {uploads && (
        <>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            aria-label="Files to attach"
            onChange={(event) => {
              uploads.add([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
          <button
            type="button"
            className="btn btn-ghost"
            aria-label="Attach files"
            onClick={() => fileInput.current?.click()}
          >
            Attach
          </button>
        </>
      )}
      <button type="submit" className="btn btn-primary" disabled={!canSend}>
        Send
      </button>
    </form>
  );
}
