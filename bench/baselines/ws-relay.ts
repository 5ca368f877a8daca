/**
 * Bare `ws` relay speaking just enough Engine.IO/Socket.IO framing for the lean client: the ceiling of a
 * hand-rolled WebSocket server. Rooms are plain Sets; each broadcast frame is serialised once.
 */
import { createServer } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import { listenPort, parseBaselineToken, RelayPayload, relayMessage } from './relay-message';

const PREFIX = '/chat,';
const rooms = new Map<string, Set<WebSocket>>();
const http = createServer();
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });

function join(ws: WebSocket, room: string): void {
  let members = rooms.get(room);
  if (!members) {
    members = new Set();
    rooms.set(room, members);
  }
  members.add(ws);
}

function onEvent(ws: WebSocket, userId: string, body: string): void {
  const bracket = body.indexOf('[');
  const ackId = body.slice(0, bracket);
  const [event, payload] = JSON.parse(body.slice(bracket)) as [string, RelayPayload];
  if (event !== 'send_message') {
    return;
  }
  const message = relayMessage(userId, payload);
  if (ackId) {
    ws.send(`43${PREFIX}${ackId}${JSON.stringify([{ ok: true, data: message }])}`);
  }
  const frame = `42${PREFIX}${JSON.stringify(['new_message', message])}`;
  for (const member of rooms.get(payload.conversationId) ?? []) {
    member.send(frame);
  }
}

wss.on('connection', (ws) => {
  let userId = '';
  const joined: string[] = [];
  ws.send('0{"sid":"bare","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
  const ping = setInterval(() => ws.send('2'), 25_000);
  ws.on('message', (data) => {
    const frame = (data as Buffer).toString();
    if (frame.startsWith(`42${PREFIX}`)) {
      onEvent(ws, userId, frame.slice(2 + PREFIX.length));
    } else if (frame.startsWith(`40${PREFIX}`)) {
      const auth = JSON.parse(frame.slice(2 + PREFIX.length) || '{}') as { token?: string };
      const parsed = parseBaselineToken(auth.token);
      userId = parsed.userId;
      parsed.rooms.forEach((room) => (join(ws, room), joined.push(room)));
      ws.send(`40${PREFIX}{"sid":"bare"}`);
    }
  });
  ws.on('close', () => {
    clearInterval(ping);
    joined.forEach((room) => rooms.get(room)?.delete(ws));
  });
});

http.listen(listenPort(), '127.0.0.1', () => process.stdout.write('relay ready\n'));
