import type { IceCandidateInit } from '@minimeet/contract';
import { SIGNAL_CANDIDATE_MAX_LENGTH } from '@minimeet/contract';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

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
