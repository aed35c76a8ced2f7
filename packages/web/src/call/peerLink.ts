import type { IceCandidateInit, SessionDescription } from '@minimeet/contract';
import { reportEntries, type TrackRole } from './stats';
import { rolesFromSdp, sdpFingerprint } from './trackRoles';
import type { LocalTracks, PeerStats, RemoteMedia, SignalMessage } from './transport';

export interface PeerLinkOptions {
  peerId: string;
  /** The polite side yields when both offer at once (see polite.ts). */
  polite: boolean;
  config: RTCConfiguration;
  send: (message: SignalMessage) => void;
  /** What we send right now (read when the connection first gets its transceivers). */
  local: () => LocalTracks & { screen: MediaStreamTrack | null };
  onMedia: (media: RemoteMedia) => void;
  onState: (state: RTCPeerConnectionState) => void;
  /** How long `disconnected` may last before an ICE restart. */
  disconnectedGraceMs?: number;
  maxIceRestarts?: number;
}

function toDescription(desc: RTCSessionDescription | null): SessionDescription | null {
  if (!desc || (desc.type !== 'offer' && desc.type !== 'answer')) return null;
  return { type: desc.type, sdp: desc.sdp };
}

function toCandidate(c: RTCIceCandidate): IceCandidateInit {
  return {
    candidate: c.candidate,
    sdpMid: c.sdpMid,
    sdpMLineIndex: c.sdpMLineIndex,
    usernameFragment: c.usernameFragment,
  };
}

/**
 * One RTCPeerConnection to one remote participant, negotiated with the perfect-negotiation
 * pattern: any side may renegotiate at any time (screen share, ICE restart) and glare resolves
 * itself because exactly one side is polite. The impolite side makes the first offer.
 */
export class PeerLink {
  readonly peerId: string;
  readonly pc: RTCPeerConnection;
  private readonly opts: PeerLinkOptions;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private negotiatedOnce = false;
  private rolesSdp = '';
  private roles = new Map<string, TrackRole>();
  private readonly cameraStreamForMsid = new MediaStream();
  private readonly screenStreamForMsid = new MediaStream();
  private screenTx: RTCRtpTransceiver | null = null;
  private audioTx: RTCRtpTransceiver | null = null;
  private cameraTx: RTCRtpTransceiver | null = null;
  private pendingScreen: MediaStreamTrack | null | undefined = undefined;
  private remote: RemoteMedia = { camera: null, screen: null };
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private restarts = 0;
  private closed = false;
  private readonly iceErrorCodes: number[] = [];
  /** DTLS fingerprint of the remote side's current session. */
  remoteFingerprint: string | null = null;

  constructor(opts: PeerLinkOptions) {
    this.opts = opts;
    this.peerId = opts.peerId;
    this.pc = new RTCPeerConnection(opts.config);
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = (e) => {
      if (e.candidate?.candidate)
        opts.send({ kind: 'candidate', candidate: toCandidate(e.candidate) });
    };
    this.pc.ontrack = (e) => this.onTrack(e);
    this.pc.onicecandidateerror = (e) => {
      if (this.iceErrorCodes.length < 20) this.iceErrorCodes.push(e.errorCode);
    };
    this.pc.onconnectionstatechange = () => this.onConnectionState();
    if (!opts.polite) this.createTransceivers();
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** Applies a description or candidate from the remote side. */
  async handle(message: SignalMessage): Promise<void> {
    if (this.closed) return;
    if (message.kind === 'candidate') {
      try {
        await this.pc.addIceCandidate(message.candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
      return;
    }
    const description = message.description;
    const readyForOffer =
      !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.opts.polite && collision;
    if (this.ignoreOffer) return;
    this.settingRemoteAnswer = description.type === 'answer';
    try {
      await this.pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswer = false;
    }
    this.remoteFingerprint = sdpFingerprint(description.sdp) ?? this.remoteFingerprint;
    if (description.type === 'offer') {
      await this.attachLocalToOffer();
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    }
    this.afterStable();
  }

  setLocalTracks(tracks: LocalTracks): void {
    for (const tx of this.pc.getTransceivers()) {
      if (tx === this.screenTx) continue;
      const role =
        tx === this.audioTx ? 'audio' : tx === this.cameraTx ? 'camera' : this.roleOf(tx);
      if (role === 'audio') void tx.sender.replaceTrack(tracks.audio);
      else if (role === 'camera') void tx.sender.replaceTrack(tracks.video);
    }
  }

  setScreenTrack(track: MediaStreamTrack | null): void {
    // Until the first negotiation settles the m-line order, a screen section would go first.
    if (!this.negotiatedOnce) {
      this.pendingScreen = track;
      return;
    }
    if (!track) {
      if (this.screenTx && this.screenTx.direction !== 'recvonly') {
        void this.screenTx.sender.replaceTrack(null);
        this.screenTx.direction = 'recvonly';
      }
      return;
    }
    const reusable =
      this.screenTx ??
      this.pc
        .getTransceivers()
        .find((tx) => this.roleOf(tx) === 'screen' && tx.direction === 'recvonly');
    if (reusable) {
      this.screenTx = reusable;
      reusable.sender.setStreams(this.screenStreamForMsid);
      void reusable.sender.replaceTrack(track);
      reusable.direction = 'sendrecv';
    } else {
      this.screenTx = this.pc.addTransceiver(track, {
        direction: 'sendrecv',
        streams: [this.screenStreamForMsid],
      });
    }
  }

  async getStats(): Promise<PeerStats> {
    const entries = reportEntries(await this.pc.getStats());
    return {
      entries,
      gathering: this.pc.iceGatheringState,
      iceErrorCodes: [...this.iceErrorCodes],
      roleOfMid: (mid) => (mid === undefined ? undefined : this.rolesNow().get(mid)),
    };
  }

  getAudioLevel(): number | null {
    const tx = this.pc.getTransceivers().find((t) => this.roleOf(t) === 'audio');
    const sources = tx?.receiver.getSynchronizationSources() ?? [];
    return sources.length === 0 ? null : Math.max(...sources.map((s) => s.audioLevel ?? 0));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onicecandidateerror = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private createTransceivers(): void {
    const { audio, video } = this.opts.local();
    const streams = [this.cameraStreamForMsid];
    this.audioTx = this.pc.addTransceiver(audio ?? 'audio', { direction: 'sendrecv', streams });
    this.cameraTx = this.pc.addTransceiver(video ?? 'video', { direction: 'sendrecv', streams });
    this.pendingScreen = this.opts.local().screen ?? undefined;
  }

  /** The answering side sends its own microphone and camera on the sections the offer opened. */
  private async attachLocalToOffer(): Promise<void> {
    const { audio, video } = this.opts.local();
    const jobs: Promise<void>[] = [];
    for (const tx of this.pc.getTransceivers()) {
      const role = this.roleOf(tx);
      if (tx === this.screenTx || (role !== 'audio' && role !== 'camera')) continue;
      if (tx.direction === 'sendrecv' && tx.sender.track) continue;
      tx.direction = 'sendrecv';
      tx.sender.setStreams(this.cameraStreamForMsid);
      jobs.push(tx.sender.replaceTrack(role === 'audio' ? audio : video));
    }
    await Promise.all(jobs);
    if (!this.negotiatedOnce) this.pendingScreen ??= this.opts.local().screen ?? undefined;
  }

  private afterStable(): void {
    if (this.pc.signalingState !== 'stable' || this.negotiatedOnce) return;
    this.negotiatedOnce = true;
    const screen = this.pendingScreen;
    this.pendingScreen = undefined;
    if (screen) this.setScreenTrack(screen);
  }

  private async negotiate(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch {
      // A newer negotiation superseded this one; negotiationneeded fires again if still needed.
    } finally {
      this.makingOffer = false;
    }
  }

  private sendLocalDescription(): void {
    const description = toDescription(this.pc.localDescription);
    if (description && !this.closed) this.opts.send({ kind: 'description', description });
  }

  private onTrack(e: RTCTrackEvent): void {
    const role = this.roleOf(e.transceiver);
    if (role === 'screen') {
      this.remote = { ...this.remote, screen: new MediaStream([e.track]) };
    } else {
      const others = this.remote.camera?.getTracks().filter((t) => t.kind !== e.track.kind) ?? [];
      this.remote = { ...this.remote, camera: new MediaStream([...others, e.track]) };
    }
    this.opts.onMedia(this.remote);
  }

  private onConnectionState(): void {
    const state = this.pc.connectionState;
    this.opts.onState(state);
    clearTimeout(this.restartTimer);
    if (state === 'connected') {
      this.restarts = 0;
    } else if (state === 'failed' || state === 'disconnected') {
      const max = this.opts.maxIceRestarts ?? 5;
      if (this.restarts >= max) return;
      // `disconnected` often heals by itself; the polite side waits longer so both rarely restart.
      const base = state === 'failed' ? 0 : (this.opts.disconnectedGraceMs ?? 2000);
      const delay = base + (this.opts.polite ? 1000 : 0) + 1000 * this.restarts;
      this.restartTimer = setTimeout(() => {
        if (this.closed || this.pc.connectionState === 'connected') return;
        this.restarts += 1;
        this.pc.restartIce();
      }, delay);
    }
  }

  /** Roles by mid, from whichever description has more sections (both share their order). */
  private rolesNow(): Map<string, TrackRole> {
    const remote = this.pc.remoteDescription?.sdp ?? '';
    const local = this.pc.localDescription?.sdp ?? '';
    const key = `${remote}\n--\n${local}`;
    if (key !== this.rolesSdp) {
      this.rolesSdp = key;
      const a = rolesFromSdp(remote);
      const b = rolesFromSdp(local);
      this.roles = b.size > a.size ? b : a;
    }
    return this.roles;
  }

  private roleOf(tx: RTCRtpTransceiver): TrackRole | undefined {
    return tx.mid === null ? undefined : this.rolesNow().get(tx.mid);
  }
}
