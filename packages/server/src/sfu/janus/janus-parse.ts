/**
 * Turns the loosely shaped data janode hands over (raw Janus JSON, lightly renamed) into the
 * public types. Unknown or malformed entries are dropped rather than trusted.
 */
import type {
  Jsep,
  MediaType,
  PublishedStream,
  RemotePublisher,
  SubscribedStream,
} from './janus-types';

type Data = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): Data | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Data)
    : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function records(value: unknown): Data[] {
  return Array.isArray(value) ? value.map(asRecord).filter((r): r is Data => r !== undefined) : [];
}

function mediaType(value: unknown): MediaType | undefined {
  return value === 'audio' || value === 'video' || value === 'data' ? value : undefined;
}

export function parseJsep(value: unknown): Jsep | undefined {
  const jsep = asRecord(value);
  const type = jsep?.type;
  const sdp = str(jsep?.sdp);
  return (type === 'offer' || type === 'answer') && sdp !== undefined ? { type, sdp } : undefined;
}

export function requireJsep(value: unknown, type: Jsep['type'], what: string): Jsep {
  const jsep = parseJsep(value);
  if (jsep?.type !== type) throw new Error(`Janus ${what}: expected an SDP ${type} in the answer`);
  return jsep;
}

export function parsePublishedStreams(value: unknown): PublishedStream[] {
  return records(value).flatMap((s) => {
    const type = mediaType(s.type);
    const mid = str(s.mid);
    if (!type || mid === undefined) return [];
    const stream: PublishedStream = {
      type,
      mid,
      disabled: s.disabled === true,
      simulcast: s.simulcast === true,
    };
    const codec = str(s.codec);
    if (codec !== undefined) stream.codec = codec;
    const description = str(s.description);
    if (description !== undefined) stream.description = description;
    const talking = bool(s.talking);
    if (talking !== undefined) stream.talking = talking;
    return [stream];
  });
}

/** janode renames Janus's `id` to `feed` in publisher lists. */
export function parsePublishers(value: unknown): RemotePublisher[] {
  return records(value).flatMap((p) => {
    const id = num(p.feed) ?? num(p.id);
    if (id === undefined) return [];
    const publisher: RemotePublisher = { id, streams: parsePublishedStreams(p.streams) };
    const display = str(p.display);
    if (display !== undefined) publisher.display = display;
    const talking = bool(p.talking);
    if (talking !== undefined) publisher.talking = talking;
    return [publisher];
  });
}

export function parseSubscribedStreams(value: unknown): SubscribedStream[] {
  return records(value).flatMap((s) => {
    const type = mediaType(s.type);
    const mid = str(s.mid);
    if (!type || mid === undefined) return [];
    const stream: SubscribedStream = {
      mid,
      type,
      active: s.active !== false,
      send: s.send !== false,
    };
    const feedId = num(s.feed_id);
    if (feedId !== undefined) stream.feedId = feedId;
    const feedMid = str(s.feed_mid);
    if (feedMid !== undefined) stream.feedMid = feedMid;
    const feedDisplay = str(s.feed_display);
    if (feedDisplay !== undefined) stream.feedDisplay = feedDisplay;
    const feedDescription = str(s.feed_description);
    if (feedDescription !== undefined) stream.feedDescription = feedDescription;
    return [stream];
  });
}
