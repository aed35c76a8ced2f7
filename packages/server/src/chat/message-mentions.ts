import { mentionCandidates } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { MessageMentionEntity } from '../database/entities/message-mention.entity';
import { RoomMemberEntity } from '../database/entities/room-member.entity';
import { UserEntity } from '../database/entities/user.entity';

/** Who a message @mentions: only members of its room are recorded (on send and on every edit). */
@Injectable()
export class MessageMentions {
  constructor(
    @InjectRepository(MessageMentionEntity)
    private readonly mentions: Repository<MessageMentionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * Records the mentions the message's text makes; `replacing` (an edit) drops the old ones
   * first, which a new message has none of. Returns the user ids.
   */
  async record(
    roomId: string,
    messageId: number,
    content: string,
    { replacing }: { replacing: boolean },
  ): Promise<string[]> {
    const ids = await this.membersNamed(roomId, mentionCandidates(content));
    if (replacing) await this.mentions.delete({ messageId });
    if (ids.length > 0)
      await this.mentions.insert(ids.map((userId) => ({ messageId, userId, roomId })));
    return ids;
  }

  async clear(messageId: number): Promise<void> {
    await this.mentions.delete({ messageId });
  }

  /** The mentioned user ids of each message (messages without mentions are absent). */
  async of(messageIds: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (messageIds.length === 0) return out;
    const rows = await this.mentions.find({ where: { messageId: In(messageIds) } });
    for (const row of rows) out.set(row.messageId, [...(out.get(row.messageId) ?? []), row.userId]);
    return out;
  }

  private async membersNamed(roomId: string, names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const users = await this.users
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .innerJoin(RoomMemberEntity, 'rm', 'rm.user_id = u.id AND rm.room_id = :roomId', { roomId })
      .where('u.username_lower IN (:...names)', { names })
      .andWhere('u.deleted_at IS NULL')
      .getRawMany<{ id: string }>();
    return users.map((u) => u.id).sort();
  }
}
