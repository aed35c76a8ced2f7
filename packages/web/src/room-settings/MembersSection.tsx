import type { RoomDetail, RoomRole } from '@minimeet/contract';
import { describeError } from '../lib/errors';
import { useMembers, useSetRole } from './queries';

const ROLE_LABELS: Record<RoomRole, string> = {
  owner: 'Owner',
  moderator: 'Moderator',
  member: 'Member',
};

/** Everyone in the room with their role; the owner promotes and demotes moderators. */
export function MembersSection({ room }: { room: RoomDetail }) {
  const members = useMembers(room.id);
  const setRole = useSetRole(room.id);
  const isOwner = room.role === 'owner';
  return (
    <section className="card settings-section" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {members.isError && <p className="muted">{describeError(members.error)}</p>}
      <ul className="settings-members">
        {members.data?.items.map((m) => (
          <li key={m.user.id}>
            <span className="settings-member-name">{m.user.username}</span>
            <span className={`role-badge role-${m.role}`}>{ROLE_LABELS[m.role]}</span>
            {isOwner && m.role !== 'owner' && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                disabled={setRole.isPending}
                onClick={() =>
                  setRole.mutate({
                    userId: m.user.id,
                    role: m.role === 'moderator' ? 'member' : 'moderator',
                  })
                }
              >
                {m.role === 'moderator' ? 'Remove moderator' : 'Make moderator'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {setRole.isError && (
        <p className="note note-error" role="alert">
          {describeError(setRole.error, 'settings')}
        </p>
      )}
    </section>
  );
}
