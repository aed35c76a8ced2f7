import type { Ack, MediaBlocksEvent } from '@minimeet/contract';
import { ClientEvent } from '@minimeet/contract';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { RoomRefDto } from '../common/room-ref.dto';
import { handleEvent } from '../realtime/ack';
import { actorOf, type AppServer, type AppSocket } from '../realtime/socket.types';
import {
  DeleteMessageDto,
  MuteMediaDto,
  RemoveMemberDto,
  UnblockMediaDto,
} from './dto/moderation.dto';
import { ModerationService } from './moderation.service';

/** Socket.IO edge for moderator actions: validate, delegate, ack. */
@WebSocketGateway()
export class ModerationGateway implements OnGatewayInit {
  private readonly logger = new Logger('ModerationGateway');

  constructor(private readonly moderation: ModerationService) {}

  /** A member removed through another process: this one's connections of theirs leave too. */
  afterInit(server: AppServer): void {
    server.on('memberRemoved', (e) => this.moderation.evictedElsewhere(e.roomId, e.userId));
  }

  @SubscribeMessage(ClientEvent.MuteMedia)
  mute(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.MuteMedia, MuteMediaDto, body, (dto) =>
      this.moderation.mute(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.UnblockMedia)
  unblock(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.UnblockMedia, UnblockMediaDto, body, (dto) =>
      this.moderation.unblock(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.GetMediaBlocks)
  blocks(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<MediaBlocksEvent>> {
    return handleEvent(this.logger, ClientEvent.GetMediaBlocks, RoomRefDto, body, (dto) =>
      this.moderation.myBlocks(actorOf(socket), dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.RemoveMember)
  remove(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.RemoveMember, RemoveMemberDto, body, (dto) =>
      this.moderation.remove(actorOf(socket), dto),
    );
  }

  @SubscribeMessage(ClientEvent.EndCallForAll)
  endCall(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.EndCallForAll, RoomRefDto, body, (dto) =>
      this.moderation.endCall(actorOf(socket), dto.roomId),
    );
  }

  @SubscribeMessage(ClientEvent.DeleteMessage)
  deleteMessage(
    @ConnectedSocket() socket: AppSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<null>> {
    return handleEvent(this.logger, ClientEvent.DeleteMessage, DeleteMessageDto, body, (dto) =>
      this.moderation.deleteMessage(actorOf(socket), dto),
    );
  }
}
