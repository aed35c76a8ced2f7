import type { ChatMessage, MessageReactionEmoji } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { MessageReactionEntity } from '../database/entities/message-reaction.entity';
import { MessageEntity } from '../database/entities/message.entity';
import { emojiCode } from './emoji-codes';
import { MessageDetails } from './message-details';
import { MessageMentions } from './message-mentions';
import { isUniqueViolation } from './message-writer';
import { MessagesService } from './messages.service';

/** What changes a stored message: its author's edit and delete, and anyone's reactions. */
@Injectable()
export class MessageChanges {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(MessageReactionEntity)
    private readonly reactions: Repository<MessageReactionEntity>,
    private readonly store: MessagesService,
    private readonly details: MessageDetails,
    private readonly mentions: MessageMentions,
  ) {}

  /**
   * The author replaces the text (the full-text index follows: a trigger on SQLite, the FULLTEXT
   * index on MariaDB). `changed` is false when the text was the same.
   */
  async edit(
    userId: string,
    roomId: string,
    messageId: string,
    content: string,
  ): Promise<{ message: ChatMessage; changed: boolean }> {
    const row = await this.own(userId, roomId, messageId);
    if (row.deletedAt) throw AppError.conflict('This message was deleted');
    if (row.content === content)
      return { message: await this.details.presentOne(row), changed: false };
    const editedAt = new Date();
    const result = await this.messages.update(
      { id: row.id, deletedAt: IsNull() },
      { content, editedAt, changedAt: editedAt },
    );
    if (!result.affected) throw AppError.conflict('This message was deleted');
    await this.mentions.record(roomId, row.id, content, { replacing: true });
    return {
      message: await this.details.presentOne({ ...row, content, editedAt }),
      changed: true,
    };
  }

  /** The author deletes their message: blanked like a moderator's delete, shown as theirs. */
  async deleteOwn(userId: string, roomId: string, messageId: string): Promise<ChatMessage> {
    const row = await this.own(userId, roomId, messageId);
    if (row.deletedAt || !(await this.store.softDelete(roomId, row.id, userId)))
      throw AppError.notFound('Message');
    return this.details.presentOne({
      ...row,
      content: '',
      deletedAt: new Date(),
      deletedBy: userId,
    });
  }

  /** Adds or takes back one reaction; doing it twice is the same as once. */
  async react(
    userId: string,
    roomId: string,
    messageId: string,
    emoji: MessageReactionEmoji,
    on: boolean,
  ): Promise<{ message: ChatMessage; changed: boolean }> {
    const row = await this.live(roomId, messageId);
    const key = { messageId: row.id, userId, emoji: emojiCode(emoji) };
    const changed = on ? await this.add({ ...key, roomId }) : await this.remove(key);
    // The message changed for `changedSince` catch-ups (its reactions are part of its state).
    if (changed) await this.messages.update({ id: row.id }, { changedAt: new Date() });
    return { message: await this.details.presentOne(row), changed };
  }

  private async add(reaction: Omit<MessageReactionEntity, 'createdAt'>): Promise<boolean> {
    const { messageId, userId, emoji } = reaction;
    if (await this.reactions.existsBy({ messageId, userId, emoji })) return false;
    try {
      await this.reactions.insert({ ...reaction, createdAt: new Date() });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false; // the same reaction from another tab, just now
      throw e;
    }
  }

  private async remove(key: Pick<MessageReactionEntity, 'messageId' | 'userId' | 'emoji'>) {
    return ((await this.reactions.delete(key)).affected ?? 0) > 0;
  }

  /** The caller's own message of the room (NOT_FOUND when there is none, FORBIDDEN for others'). */
  private async own(userId: string, roomId: string, messageId: string): Promise<MessageEntity> {
    const row = await this.find(roomId, messageId);
    if (row.senderId !== userId) throw AppError.forbidden('You can only change your own messages');
    return row;
  }

  private async live(roomId: string, messageId: string): Promise<MessageEntity> {
    const row = await this.find(roomId, messageId);
    if (row.deletedAt) throw AppError.notFound('Message');
    return row;
  }

  private async find(roomId: string, messageId: string): Promise<MessageEntity> {
    const row = await this.messages.findOneBy({ id: Number(messageId), roomId });
    if (!row) throw AppError.notFound('Message');
    return row;
  }
}
