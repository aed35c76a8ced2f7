/**
 * Baseline: a bare Socket.IO server speaking the same events as MiniMeet for the benchmark
 * (joinRoom, sendMessage -> newMessage to the room), with no auth, validation or storage.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const http = createServer();
const io = new Server(http, { serveClient: false });
let seq = 0;

io.on('connection', (socket) => {
  socket.on('joinRoom', (payload: { roomId: string }, ack: (r: unknown) => void) => {
    void socket.join(payload.roomId);
    ack({ ok: true, data: null });
  });
  socket.on(
    'sendMessage',
    (
      payload: { roomId: string; content: string; clientMessageId: string },
      ack: (r: unknown) => void,
    ) => {
      const message = {
        id: String(++seq),
        roomId: payload.roomId,
        content: payload.content,
        clientMessageId: payload.clientMessageId,
        createdAt: new Date().toISOString(),
      };
      // Like MiniMeet: the sender has the message in its ack, the others hear it.
      socket.to(payload.roomId).emit('newMessage', message);
      ack({ ok: true, data: { message } });
    },
  );
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(
    `listening ${typeof address === 'object' && address ? address.port : port}\n`,
  );
});
