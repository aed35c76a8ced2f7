import type { ChatMessage, MessageReaction, PublicUser, ReplyQuote } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AttachmentLinks } from '../attachments/attachment-links.service';
import { MessageReactionEntity } from '../database/entities/message-reaction.entity';
import { MessageEntity } from '../database/entities/message.entity';
import { UserEntity } from '../database/entities/user.entity';
import { emojiOfCode } from './emoji-codes';
import { MessageMentions } from './message-mentions';
import { toChatMessage, toReplyQuote } from './message.mapper';
import { toPublicUser } from '../common/public-user';

/**
 * Turns stored messages into what clients see now: sender names, reactions with who reacted, and
 * the quote of the message each reply answers. A fixed number of queries per batch, not per row.
 */
@Injectable()
export class MessageDetails {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(MessageReactionEntity)
    private readonly reactions: Repository<MessageReactionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly mentions: MessageMentions,
    private readonly attachments: AttachmentLinks,
  ) {}

  async present(rows: MessageEntity[]): Promise<ChatMessage[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((m) => m.id);
    const replyIds = [...new Set(rows.flatMap((m) => (m.replyToId ? [m.replyToId] : [])))];
    const [reactionRows, originals, mentions, files] = await Promise.all([
      this.reactions.find({ where: { messageId: In(ids) }, order: { createdAt: 'ASC' } }),
      replyIds.length > 0 ? this.messages.findBy({ id: In(replyIds) }) : [],
      this.mentions.of(ids),
      this.attachments.forMessages(ids),
    ]);
    const names = await this.namesOf([
      ...rows.map((m) => m.senderId),
      ...originals.map((m) => m.senderId),
      ...reactionRows.map((r) => r.userId),
    ]);
    const user = (id: string): PublicUser => names.get(id) ?? { id, username: 'unknown' };
    const byOriginal = new Map(originals.map((m) => [m.id, m]));
    const reactionsOf = groupReactions(reactionRows, user);
    return rows.map((m) => {
      const original = m.replyToId ? byOriginal.get(m.replyToId) : undefined;
      return toChatMessage(m, user(m.senderId), {
        reactions: reactionsOf.get(m.id) ?? [],
        replyTo: original ? toReplyQuote(original, user(original.senderId)) : null,
        mentions: mentions.get(m.id) ?? [],
        attachments: files.get(m.id) ?? [],
      });
    });
  }

  async presentOne(row: MessageEntity): Promise<ChatMessage> {
    const [message] = await this.present([row]);
    if (!message) throw new Error('message could not be presented');
    return message;
  }

  /** The quote a new reply shows of the message it answers. */
  async quote(original: MessageEntity): Promise<ReplyQuote> {
    const names = await this.namesOf([original.senderId]);
    const sender = names.get(original.senderId) ?? { id: original.senderId, username: 'unknown' };
    return toReplyQuote(original, sender);
  }

  private async namesOf(ids: string[]): Promise<Map<string, PublicUser>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.users.find({
      select: { id: true, username: true, guestRoomId: true },
      where: { id: In(unique) },
    });
    return new Map(users.map((u) => [u.id, toPublicUser(u)]));
  }
}

function groupReactions(
  rows: MessageReactionEntity[],
  user: (id: string) => PublicUser,
): Map<number, MessageReaction[]> {
  const out = new Map<number, MessageReaction[]>();
  for (const row of rows) {
    const emoji = emojiOfCode(row.emoji);
    if (!emoji) continue;
    const list = out.get(row.messageId) ?? [];
    let entry = list.find((r) => r.emoji === emoji);
    if (!entry) {
      entry = { emoji, count: 0, users: [] };
      list.push(entry);
    }
    entry.count += 1;
    entry.users.push(user(row.userId));
    out.set(row.messageId, list);
  }
  return out;
}
