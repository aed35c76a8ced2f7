import type { Attachment } from '@minimeet/contract';
import { MESSAGE_MAX_LENGTH, type PublicUser } from '@minimeet/contract';
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
import { activeMention, insertMention, matchMembers, type MentionQuery } from './mentions';

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
  /** The room's members, offered when typing `@name` (absent: no suggestions). */
  members?: readonly PublicUser[];
  selfId?: string | null;
  /** The files being attached: an Attach button, paste, a progress bar per file. */
  uploads?: Uploads;
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
  uploads,
}: ComposerProps) {
  const [text, setText] = useState('');
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
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
        onPaste={onPaste}
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
