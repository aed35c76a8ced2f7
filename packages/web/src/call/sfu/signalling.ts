import type { IceCandidateInit, SessionDescription } from '@minimeet/contract';

/** Small pieces of SFU signalling: candidate and description shapes, and held trickle. */

export function toCandidate(c: RTCIceCandidate): IceCandidateInit {
  return {
    candidate: c.candidate,
    sdpMid: c.sdpMid,
    sdpMLineIndex: c.sdpMLineIndex,
    usernameFragment: c.usernameFragment,
  };
}

export function toDescription(d: RTCSessionDescriptionInit | null | undefined): SessionDescription {
  if (!d || (d.type !== 'offer' && d.type !== 'answer')) throw new Error('no local description');
  return { type: d.type, sdp: d.sdp ?? '' };
}

/** Trickle candidates of one connection, held until the server knows that connection. */
export class Trickle {
  private held: (IceCandidateInit | null)[] | null = [];
  constructor(private readonly send: (c: IceCandidateInit | null) => void) {}
  push(c: IceCandidateInit | null): void {
    if (this.held) this.held.push(c);
    else this.send(c);
  }
  open(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const c of held) this.send(c);
  }
}
