import { ROOM_NAME_MAX_LENGTH } from '@minimeet/contract';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../lib/errors';
import { Field } from '../ui/Field';
import { useCreateRoom } from './queries';

export function NewRoomForm({ onCancel }: { onCancel: () => void }) {
  const [name, setName] = useState('');
  const [empty, setEmpty] = useState(false);
  const create = useCreateRoom();
  const navigate = useNavigate();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setEmpty(!trimmed);
    if (!trimmed) return;
    create.mutate({ name: trimmed }, { onSuccess: (room) => void navigate(`/rooms/${room.id}`) });
  };

  return (
    <form className="card new-room" onSubmit={onSubmit} noValidate>
      <Field
        label="Room name"
        name="name"
        autoFocus
        maxLength={ROOM_NAME_MAX_LENGTH}
        placeholder="e.g. Weekly sync"
        value={name}
        error={empty ? 'Give the room a name.' : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      {create.isError && (
        <p className="note note-error" role="alert">
          {describeError(create.error, 'createRoom')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Create
        </button>
      </div>
    </form>
  );
}
