/** Camera layers: full, half and quarter resolution (rids as the SFU expects them). */
export const SIMULCAST_LAYERS: readonly RTCRtpEncodingParameters[] = [
  { rid: 'h', scaleResolutionDownBy: 1 },
  { rid: 'm', scaleResolutionDownBy: 2 },
  { rid: 'l', scaleResolutionDownBy: 4 },
];

/** Simulcast only pays off for a camera of about 640x360 or more; smaller sends one encoding. */
export function cameraEncodings(size: {
  width: number;
  height: number;
}): RTCRtpEncodingParameters[] | undefined {
  const long = Math.max(size.width, size.height);
  const short = Math.min(size.width, size.height);
  return long >= 600 && short >= 336 ? SIMULCAST_LAYERS.map((l) => ({ ...l })) : undefined;
}

/** The size to decide with: the camera track's own settings, else what was asked for. */
export function cameraSize(
  track: MediaStreamTrack | null,
  asked: { width: number; height: number },
): { width: number; height: number } {
  const s = track?.getSettings?.();
  return s?.width && s.height ? { width: s.width, height: s.height } : asked;
}

/** Codec list with VP8 first (the SFU room is VP8); retransmission and FEC entries kept after. */
export function vp8First(codecs: readonly RTCRtpCodec[]): RTCRtpCodec[] {
  const isVp8 = (c: RTCRtpCodec) => c.mimeType.toLowerCase() === 'video/vp8';
  const helper = (c: RTCRtpCodec) => /\/(rtx|red|ulpfec|flexfec-03)$/i.test(c.mimeType);
  return [...codecs.filter(isVp8), ...codecs.filter(helper)];
}

/** Puts VP8 first on a video transceiver where the browser allows it. */
export function preferVp8(tx: RTCRtpTransceiver): void {
  try {
    const caps = globalThis.RTCRtpSender?.getCapabilities?.('video');
    const codecs = caps ? vp8First(caps.codecs) : [];
    if (codecs.some((c) => c.mimeType.toLowerCase() === 'video/vp8'))
      tx.setCodecPreferences(codecs);
  } catch {
    // Older browsers check preferences against receive capabilities: keep their default order.
  }
}
