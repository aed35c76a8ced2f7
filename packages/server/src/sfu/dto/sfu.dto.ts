import type {
  SfuAnswerPayload,
  SfuCandidatePayload,
  SfuConfigurePayload,
  SfuLayer,
  SfuPublishPayload,
  SfuStreamSetting,
  SfuTarget,
} from '@minimeet/contract';
import { SFU_MAX_STREAM_SETTINGS, SFU_SDP_MAX_LENGTH } from '@minimeet/contract';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { RoomRefDto } from '../../common/room-ref.dto';
import { IceCandidateDto, sessionDescriptionDto } from '../../common/webrtc.dto';

/** A media section id as browsers write them (short tokens). */
const MID = /^[A-Za-z0-9_.-]{1,32}$/;

const SfuDescriptionDto = sessionDescriptionDto(SFU_SDP_MAX_LENGTH);
type SfuDescriptionDto = InstanceType<typeof SfuDescriptionDto>;

export class SfuPublishDto extends RoomRefDto implements SfuPublishPayload {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SfuDescriptionDto)
  offer: SfuDescriptionDto;

  @IsOptional()
  @IsString()
  @Matches(MID, { message: 'screenMid must be a media section id' })
  screenMid?: string | null;
}

export class SfuAnswerDto extends RoomRefDto implements SfuAnswerPayload {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SfuDescriptionDto)
  answer: SfuDescriptionDto;
}

export class SfuCandidateDto extends RoomRefDto implements SfuCandidatePayload {
  @IsIn(['publisher', 'subscriber'])
  target: SfuTarget;

  @ValidateIf((o: SfuCandidateDto) => o.candidate !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => IceCandidateDto)
  candidate: IceCandidateDto | null;
}

class SfuStreamSettingDto implements SfuStreamSetting {
  @IsString()
  @Matches(MID, { message: 'mid must be a media section id' })
  mid: string;

  @IsBoolean()
  send: boolean;

  @IsOptional()
  @IsIn([0, 1, 2])
  layer?: SfuLayer;
}

export class SfuConfigureDto extends RoomRefDto implements SfuConfigurePayload {
  @IsArray()
  @ArrayMaxSize(SFU_MAX_STREAM_SETTINGS)
  @ValidateNested({ each: true })
  @Type(() => SfuStreamSettingDto)
  streams: SfuStreamSettingDto[];
}
