import { MESSAGE_MAX_LENGTH } from '@minimeet/contract';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';

/** Remaining characters are shown once fewer than this are left. */
const COUNTER_FROM = 200;

export interface ComposerProps {
  onSend: (content: string) => void;
  onTyping: () => void;
  onStopTyping: () => void;
  /** The text box, for those who move the focus to it (starting a reply). */
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** Escape in the text box (cancels a reply). */
  onEscape?: () => void;
}

/** Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, onTyping, onStopTyping, inputRef, onEscape }: ComposerProps) {
  const [text, setText] = useState('');
  const ownInput = useRef<HTMLTextAreaElement>(null);
  const input = inputRef ?? ownInput;
  const id = useId();
  const remaining = MESSAGE_MAX_LENGTH - text.length;
  const content = text.trim();
  const canSend = content.length > 0 && content.length <= MESSAGE_MAX_LENGTH;

  function send() {
    if (!canSend) return;
    onSend(content);
    onStopTyping();
    setText('');
    input.current?.focus();
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
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
      <button type="submit" className="btn btn-primary" disabled={!canSend}>
        Send
      </button>
    </form>
  );
}
