import type {
  CallStatsPayload,
  CallStatsSample,
  JoinCallPayload,
  MediaFlags,
  MediaStatePayload,
  SignalCandidatePayload,
  SignalOfferPayload,
} from '@minimeet/contract';
import { SIGNAL_SDP_MAX_LENGTH } from '@minimeet/contract';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';
import { IceCandidateDto, sessionDescriptionDto } from '../../common/webrtc.dto';

/** Peer ids are issued by the server (UUIDs today); this only bounds what a client may send. */
const PEER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PEER_ID_MESSAGE = { message: 'must be a peer id' };
export const CALL_STATS_MAX_SAMPLES = 16;

export class MediaFlagsDto implements MediaFlags {
  @IsBoolean()
  audio: boolean;

  @IsBoolean()
  video: boolean;

  @IsBoolean()
  screen: boolean;
}

export class JoinCallDto extends RoomRefDto implements JoinCallPayload {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MediaFlagsDto)
  media?: MediaFlagsDto;
}

export class MediaStateDto extends MediaFlagsDto implements MediaStatePayload {
  @IsUUID('all', { message: 'roomId must be a room id' })
  roomId: string;
}

export const SessionDescriptionDto = sessionDescriptionDto(SIGNAL_SDP_MAX_LENGTH);
export type SessionDescriptionDto = InstanceType<typeof SessionDescriptionDto>;

class SignalTargetDto extends RoomRefDto {
  @IsString()
  @Matches(PEER_ID, PEER_ID_MESSAGE)
  to: string;
}

export class SignalDescriptionDto extends SignalTargetDto implements SignalOfferPayload {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SessionDescriptionDto)
  sdp: SessionDescriptionDto;
}

export class SignalCandidateDto extends SignalTargetDto implements SignalCandidatePayload {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IceCandidateDto)
  candidate: IceCandidateDto;
}

/** An optional, finite, non-negative measurement up to `max`. */
const Metric = (max: number) =>
  applyDecorators(
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(max),
  );

export class CallStatsSampleDto implements CallStatsSample {
  @IsString()
  @Matches(PEER_ID, PEER_ID_MESSAGE)
  peerId: string;

  @Metric(60_000)
  rttMs?: number | null;

  @Metric(100)
  packetLossPct?: number | null;

  @Metric(1_000_000)
  bitrateKbps?: number | null;

  @Metric(240)
  frameRate?: number | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(16_384)
  width?: number | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(16_384)
  height?: number | null;
}

export class CallStatsDto extends RoomRefDto implements CallStatsPayload {
  @IsArray()
  @ArrayMaxSize(CALL_STATS_MAX_SAMPLES)
  @ValidateNested({ each: true })
  @Type(() => CallStatsSampleDto)
  samples: CallStatsSampleDto[];
}
