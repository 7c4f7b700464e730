/** A slow-body attack: declares a large body, then sends one byte every 100 ms until the server hangs up. */
import net from 'node:net';

export interface SlowBodyOutcome {
  /** Everything the server answered before it closed the connection ('' when it just hung up). */
  answer: string;
  /** Body bytes sent before the server closed it. */
  sent: number;
}

/** `head` is the request line and headers (with their blank line); the body starts with `{`. */
export async function dripUntilClosed(port: number, host: string, head: string): Promise<SlowBodyOutcome> {
  const socket = net.connect(port, host);
  let sent = 0;
  const closed = new Promise<string>((resolve) => {
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => undefined);
  });
  socket.write(`${head}{`);
  const drip = setInterval(() => {
    if (socket.writable) socket.write(' ');
    sent += 1;
  }, 100);
  try {
    return { answer: await closed, sent };
  } finally {
    clearInterval(drip);
    socket.destroy();
  }
}
