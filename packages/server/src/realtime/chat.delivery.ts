import { ServerEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import {
  ChatEvent,
  type MessagePosted,
  type MessageUpdated,
  type TypingChanged,
} from '../chat/chat.events';
import { OnDomainEvent } from '../common/domain-events';
import { roomChannel } from './channels';
import { RealtimeService } from './realtime.service';

/**
 * Chat on the wire: new and changed messages to the whole room, typing to everyone but the typist.
 */
@Injectable()
export class ChatDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  /** The sender's connection has the message in its ack: one frame to it, not two. */
  @OnDomainEvent(ChatEvent.MessagePosted)
  posted(e: MessagePosted): void {
    const audience = { channel: roomChannel(e.roomId), except: e.connectionId };
    this.realtime.send(audience, ServerEvent.NewMessage, e.message);
  }

  @OnDomainEvent(ChatEvent.MessageUpdated)
  updated(e: MessageUpdated): void {
    this.realtime.send({ channel: roomChannel(e.roomId) }, ServerEvent.MessageUpdated, e.message);
  }

  @OnDomainEvent(ChatEvent.TypingChanged)
  typing(e: TypingChanged): void {
    const audience = { channel: roomChannel(e.typing.roomId), except: e.connectionId };
    this.realtime.send(audience, ServerEvent.Typing, e.typing);
  }
}
