/**
 * Type declarations for the parts of janode 1.8 (plain JS, no bundled types) that MiniMeet
 * uses. Payloads coming from Janus are left as `JanodeData` and parsed in `janus-parse.ts`.
 */
declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export type JanodeData = Readonly<Record<string, unknown>>;

  export interface JanodeServerAddress {
    url: string;
    apisecret?: string;
    token?: string;
  }

  export interface JanodeConfiguration {
    address: JanodeServerAddress | JanodeServerAddress[];
    retry_time_secs?: number;
    max_retries?: number;
    is_admin?: boolean;
    ws_options?: Readonly<Record<string, unknown>>;
  }

  export interface JanodePluginDescriptor<H extends JanodeHandle = JanodeHandle> {
    id: string;
    Handle: new (session: JanodeSession, id: number) => H;
    EVENT: Readonly<Record<string, string>>;
  }

  export interface JanodeConnection extends EventEmitter {
    readonly id: number;
    create(kaIntervalSeconds?: number): Promise<JanodeSession>;
    getInfo(): Promise<JanodeData>;
    close(): Promise<void>;
  }

  export interface JanodeSession extends EventEmitter {
    readonly id: number;
    attach<H extends JanodeHandle>(plugin: JanodePluginDescriptor<H>): Promise<H>;
    destroy(): Promise<void>;
  }

  export interface JanodeCandidate {
    candidate: string;
    sdpMid?: string | null;
    sdpMLineIndex?: number | null;
  }

  export interface JanodeHandle extends EventEmitter {
    readonly id: number;
    detach(): Promise<void>;
    hangup(): Promise<JanodeData>;
    trickle(candidate: JanodeCandidate | JanodeCandidate[]): Promise<JanodeData>;
    trickleComplete(): Promise<JanodeData>;
    message(body: JanodeData, jsep?: JanodeData): Promise<JanodeData>;
  }

  export interface JanodeLogger {
    setLevel(level: string): string;
    debug: (...args: unknown[]) => void;
    verbose: (...args: unknown[]) => void;
    info: (...args: unknown[]) => void;
    warning: (...args: unknown[]) => void;
    error: (...args: unknown[]) => void;
  }

  const Janode: {
    connect(config: JanodeConfiguration): Promise<JanodeConnection>;
    Logger: JanodeLogger;
    EVENT: {
      CONNECTION_CLOSED: 'connection_closed';
      CONNECTION_ERROR: 'connection_error';
      SESSION_DESTROYED: 'session_destroyed';
      HANDLE_DETACHED: 'handle_detached';
      HANDLE_ICE_FAILED: 'handle_ice_failed';
      HANDLE_HANGUP: 'handle_hangup';
      HANDLE_MEDIA: 'handle_media';
      HANDLE_WEBRTCUP: 'handle_webrtcup';
      HANDLE_SLOWLINK: 'handle_slowlink';
      HANDLE_TRICKLE: 'handle_trickle';
    };
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { JanodeData, JanodeHandle, JanodePluginDescriptor } from 'janode';

  /** Parameters are passed through to Janus; see janode's videoroom-plugin.js for the names. */
  export interface JanodeVideoRoomHandle extends JanodeHandle {
    create(params: JanodeData): Promise<JanodeData>;
    destroy(params: JanodeData): Promise<JanodeData>;
    exists(params: JanodeData): Promise<JanodeData>;
    listParticipants(params: JanodeData): Promise<JanodeData>;
    list(params?: JanodeData): Promise<JanodeData>;
    joinPublisher(params: JanodeData): Promise<JanodeData>;
    publish(params: JanodeData): Promise<JanodeData>;
    configure(params: JanodeData): Promise<JanodeData>;
    unpublish(): Promise<JanodeData>;
    leave(): Promise<JanodeData>;
    joinSubscriber(params: JanodeData): Promise<JanodeData>;
    start(params: JanodeData): Promise<JanodeData>;
    update(params: JanodeData): Promise<JanodeData>;
  }

  const VideoRoomPlugin: JanodePluginDescriptor<JanodeVideoRoomHandle> & {
    EVENT: {
      VIDEOROOM_PUB_PEER_JOINED: 'videoroom_publisher_joined';
      VIDEOROOM_PUB_LIST: 'videoroom_publisher_list';
      VIDEOROOM_DESTROYED: 'videoroom_destroyed';
      VIDEOROOM_UNPUBLISHED: 'videoroom_unpublished';
      VIDEOROOM_LEAVING: 'videoroom_leaving';
      VIDEOROOM_DISPLAY: 'videoroom_display';
      VIDEOROOM_CONFIGURED: 'videoroom_configured';
      VIDEOROOM_SLOWLINK: 'videoroom_slowlink';
      VIDEOROOM_TALKING: 'videoroom_talking';
      VIDEOROOM_KICKED: 'videoroom_kicked';
      VIDEOROOM_SC_SUBSTREAM_LAYER: 'videoroom_sc_substream_layer';
      VIDEOROOM_SC_TEMPORAL_LAYERS: 'videoroom_sc_temporal_layers';
      VIDEOROOM_UPDATED: 'videoroom_updated';
      VIDEOROOM_ERROR: 'videoroom_error';
    };
  };
  export default VideoRoomPlugin;
}
