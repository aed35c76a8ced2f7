import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JanusConnection,
  JanusRequestError,
  type JanusSession,
  type VideoRoomAdmin,
} from '../../src/sfu/janus/janus-client';
import { createTestJanus, nextEvent, type TestJanus } from './janus-harness';
import { publisherOffer } from './sdp-fixtures';

describe('Janus client against a real Janus', () => {
  let janus: TestJanus;
  let connection: JanusConnection;
  let session: JanusSession;
  let admin: VideoRoomAdmin;

  beforeAll(async () => {
    janus = await createTestJanus();
    const started = await janus.supervisor.start();
    if (started.status !== 'running') throw new Error(`Janus unavailable: ${started.reason}`);
    connection = await JanusConnection.connect(started.url, janus.apiSecret);
    session = await connection.createSession();
    admin = await session.attachAdmin();
  });

  afterAll(async () => {
    await connection?.close();
    await janus?.cleanup();
  });

  it('refuses a wrong API secret', async () => {
    const error = await JanusConnection.connect(janus.supervisor.url, 'wrong-secret').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JanusRequestError);
    expect(error).toMatchObject({ code: 403 });
  });

  it('refuses a request without API secret', async () => {
    const unverified = await JanusConnection.connect(janus.supervisor.url, '', {
      verifySecret: false,
    });
    try {
      await expect(unverified.createSession()).rejects.toMatchObject({
        code: 403,
        message: expect.stringContaining('Unauthorized') as unknown,
      });
    } finally {
      await unverified.close();
    }
  });

  it('refuses room creation without the videoroom admin key', async () => {
    await expect(admin.createRoom({ publishers: 2, secret: 's' })).rejects.toMatchObject({
      message: expect.stringContaining('admin_key') as unknown,
    });
  });

  it('signals publishers through a room (no media: no ICE peer answers)', async () => {
    const room = await admin.createRoom({ publishers: 3, secret: 'rs', adminKey: janus.adminKey });
    const alice = await session.attachPublisher();
    const bob = await session.attachPublisher();
    const viewer = await session.attachSubscriber();

    const aliceJoined = await alice.join({ room, display: 'alice' });
    expect(aliceJoined).toMatchObject({ room, publishers: [] });
    expect(aliceJoined.privateId).toEqual(expect.any(Number));

    const bobSeen = nextEvent((l) => alice.on('joined', l), 5_000, 'joined');
    const bobJoined = await bob.join({ room, display: 'bob' });
    expect(await bobSeen).toEqual({ id: bobJoined.publisherId, display: 'bob' });

    const published = await alice.publish(publisherOffer());
    expect(published.answer.type).toBe('answer');
    expect(published.answer.sdp).toContain('VP8/90000');
    expect(published.streams.map((s) => [s.type, s.mid, s.codec])).toEqual([
      ['audio', '0', 'opus'],
      ['video', '1', 'vp8'],
    ]);
    await alice.trickle({
      candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    });
    await alice.trickleComplete();

    // Janus announces a publisher ("publishers" event) and lets others subscribe only once its
    // PeerConnection is up (webrtcup), which needs a real WebRTC peer.
    await expect(viewer.join(room, [{ feed: aliceJoined.publisherId }])).rejects.toMatchObject({
      code: 428,
    });

    // Likewise "unpublish" before webrtcup: 435 Can't unpublish, not published.
    await expect(alice.unpublish()).rejects.toMatchObject({ code: 435 });
    const left = nextEvent((l) => alice.on('left', l), 5_000, 'left');
    await bob.leave();
    expect(await left).toMatchObject({ id: bobJoined.publisherId });

    const destroyed = nextEvent((l) => alice.on('roomDestroyed', l), 5_000, 'roomDestroyed');
    await admin.destroyRoom(room, 'rs');
    expect(await destroyed).toEqual({ room });

    const detached = nextEvent((l) => viewer.on('detached', l), 5_000, 'detached');
    await viewer.detach();
    await detached;
    expect(viewer.isDetached).toBe(true);
    await viewer.detach(); // idempotent
    await Promise.all([alice.detach(), bob.detach()]);
  });

  it('rejects a subscription to a room that does not exist', async () => {
    const viewer = await session.attachSubscriber();
    await expect(viewer.join(1, [{ feed: 2 }])).rejects.toMatchObject({ code: 426 });
    await viewer.detach();
  });
});
