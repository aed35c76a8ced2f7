import {
  ROOM_ACCESS_MODES,
  ROOM_DESCRIPTION_MAX_LENGTH,
  ROOM_NAME_MAX_LENGTH,
  type RoomAccessMode,
  type RoomDetail,
} from '@minimeet/contract';
import { useState, type FormEvent } from 'react';
import { describeError } from '../lib/errors';
import { Field } from '../ui/Field';
import { useUpdateRoom } from './queries';

const MODE_LABELS: Record<RoomAccessMode, string> = {
  open: 'Open: anyone with the link joins',
  lobby: 'Lobby: a moderator lets people in',
  locked: 'Locked: no new members',
};

/** Name, description, maximum participants and access mode (owner and moderators). */
export function GeneralForm({ room }: { room: RoomDetail }) {
  const [name, setName] = useState(room.name);
  const [description, setDescription] = useState(room.description);
  const [max, setMax] = useState(String(room.maxParticipants));
  const [mode, setMode] = useState<RoomAccessMode>(room.accessMode);
  const [allowGuests, setAllowGuests] = useState(room.allowGuests);
  const isOwner = room.role === 'owner';
  const update = useUpdateRoom(room.id);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      name: name.trim(),
      description,
      maxParticipants: Number(max),
      accessMode: mode,
      ...(isOwner ? { allowGuests } : {}),
    });
  };

  return (
    <form className="card settings-section" onSubmit={onSubmit} noValidate>
      <h2>General</h2>
      <Field
        label="Room name"
        maxLength={ROOM_NAME_MAX_LENGTH}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <div className="field">
        <label htmlFor="room-description">Description</label>
        <textarea
          id="room-description"
          rows={3}
          maxLength={ROOM_DESCRIPTION_MAX_LENGTH}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <Field
        label="Maximum participants"
        type="number"
        min={2}
        max={1000}
        value={max}
        onChange={(e) => setMax(e.target.value)}
      />
      <div className="field">
        <label htmlFor="room-access">Who can join with the link</label>
        <select
          id="room-access"
          value={mode}
          onChange={(e) => setMode(e.target.value as RoomAccessMode)}
        >
          {ROOM_ACCESS_MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
      {isOwner && (
        <div className="field field-check">
          <input
            id="room-guests"
            type="checkbox"
            checked={allowGuests}
            onChange={(e) => setAllowGuests(e.target.checked)}
          />
          <label htmlFor="room-guests">Guests can join with the link, with a name only</label>
        </div>
      )}
      {update.isError && (
        <p className="note note-error" role="alert">
          {describeError(update.error, 'settings')}
        </p>
      )}
      <div className="form-actions">
        <span className="muted" aria-live="polite">
          {update.isSuccess && !update.isPending ? 'Saved' : ''}
        </span>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          Save changes
        </button>
      </div>
    </form>
  );
}
