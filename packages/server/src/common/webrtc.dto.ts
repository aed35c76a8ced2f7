import type { IceCandidateInit, SdpType, SessionDescription } from '@minimeet/contract';
import { SIGNAL_CANDIDATE_MAX_LENGTH } from '@minimeet/contract';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * The DTO class of an SDP offer or answer of at most `maxLength` characters (the mesh and the SFU
 * allow different sizes). Made once per limit, at module load.
 */
export function sessionDescriptionDto(maxLength: number) {
  class SessionDescriptionDto implements SessionDescription {
    @IsIn(['offer', 'answer'])
    type: SdpType;

    @IsString()
    @MaxLength(maxLength, { message: `sdp must be at most ${maxLength} characters` })
    sdp: string;
  }
  return SessionDescriptionDto;
}

/** An ICE candidate as a browser sends it (mesh signalling and the SFU alike). */
export class IceCandidateDto implements IceCandidateInit {
  /** Empty string = end of candidates. */
  @IsString()
  @MaxLength(SIGNAL_CANDIDATE_MAX_LENGTH, {
    message: `candidate must be at most ${SIGNAL_CANDIDATE_MAX_LENGTH} characters`,
  })
  candidate: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  sdpMid?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1024)
  sdpMLineIndex?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  usernameFragment?: string | null;
}
