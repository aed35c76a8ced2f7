import { MESSAGE_REACTION_EMOJI, type MessageReactionEmoji } from '@minimeet/contract';
import { useState } from 'react';

/** The actions on one message: React, Reply, and on your own, Edit and Delete (confirmed). */
export function MessageToolbar({
  own,
  busy,
  onReact,
  onReply,
  onEdit,
  onDelete,
}: {
  own: boolean;
  busy: boolean;
  onReact: (emoji: MessageReactionEmoji) => void;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const [open, setOpen] = useState<'react' | 'delete' | null>(null);
  return (
    <div className="msg-toolbar">
      <div className="msg-actions" role="group" aria-label="Actions">
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label="React"
          title="Add a reaction"
          aria-expanded={open === 'react'}
          onClick={() => setOpen(open === 'react' ? null : 'react')}
        >
          ☺
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label="Reply"
          title="Reply"
          onClick={onReply}
        >
          ↩
        </button>
        {own && (
          <>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label="Edit"
              title="Edit message"
              onClick={onEdit}
            >
              ✎
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label="Delete"
              title="Delete message"
              onClick={() => setOpen('delete')}
            >
              🗑
            </button>
          </>
        )}
      </div>
      {open === 'react' && (
        <div className="reaction-picker" role="group" aria-label="Pick a reaction">
          {MESSAGE_REACTION_EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="btn btn-small btn-ghost"
              aria-label={`React with ${emoji}`}
              onClick={() => {
                setOpen(null);
                onReact(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      {open === 'delete' && (
        <span className="msg-delete-confirm" role="group" aria-label="Confirm deletion">
          <span>Delete this message for everyone?</span>
          <button
            type="button"
            className="btn btn-small btn-danger"
            disabled={busy}
            onClick={() => {
              setOpen(null);
              onDelete();
            }}
          >
            Yes, delete
          </button>
          <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>
            Keep it
          </button>
        </span>
      )}
    </div>
  );
}
