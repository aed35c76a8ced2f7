import { MESSAGE_MAX_LENGTH, type PublicUser } from '@minimeet/contract';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { activeMention, insertMention, matchMembers, type MentionQuery } from './mentions';

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
  /** The room's members, offered when typing `@name` (absent: no suggestions). */
  members?: readonly PublicUser[];
  selfId?: string | null;
}

/** Enter sends, Shift+Enter starts a new line; `@` offers the room's members to mention. */
export function Composer({
  onSend,
  onTyping,
  onStopTyping,
  inputRef,
  onEscape,
  members = [],
  selfId = null,
}: ComposerProps) {
  const [text, setText] = useState('');
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const ownInput = useRef<HTMLTextAreaElement>(null);
  const input = inputRef ?? ownInput;
  const id = useId();
  const remaining = MESSAGE_MAX_LENGTH - text.length;
  const content = text.trim();
  const canSend = content.length > 0 && content.length <= MESSAGE_MAX_LENGTH;
  const suggestions = mention ? matchMembers(members, mention.query, selfId) : [];
  const open = suggestions.length > 0;
  const listId = `${id}-mentions`;
  const optionId = (i: number) => `${id}-mention-${i}`;

  function follow(value: string, caret: number) {
    const next = activeMention(value, caret);
    setMention(next);
    if (next?.query !== mention?.query) setActive(0);
  }

  function pick(user: PublicUser) {
    const el = input.current;
    if (!mention || !el) return;
    const next = insertMention(text, mention, el.selectionStart, user.username);
    setText(next.text);
    setMention(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  }

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
    if (open && onSuggestionKey(event)) return;
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

  /** Arrows move, Enter or Tab picks, Escape closes; true when the key was used. */
  function onSuggestionKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    const n = suggestions.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      const user = suggestions[Math.min(active, n - 1)];
      if (user) pick(user);
    } else if (event.key === 'Escape') {
      setMention(null);
    } else return false;
    event.preventDefault();
    return true;
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      {open && (
        <ul id={listId} role="listbox" className="mention-list" aria-label="Mention someone">
          {suggestions.map((user, i) => (
            <li
              key={user.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'mention-option active' : 'mention-option'}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(user);
              }}
            >
              @{user.username}
            </li>
          ))}
        </ul>
      )}
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
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={
          open ? optionId(Math.min(active, suggestions.length - 1)) : undefined
        }
        onChange={(event) => {
          setText(event.target.value);
          follow(event.target.value, event.target.selectionStart);
          if (event.target.value.trim()) onTyping();
          else onStopTyping();
        }}
        onKeyDown={onKeyDown}
        onSelect={(event) => follow(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => {
          onStopTyping();
          setMention(null);
        }}
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
