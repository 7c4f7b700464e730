/** Starting a recording over the protocol and reading how the server answered, for the quota tests. */
import type { ProtocolClient } from '../../../harness/browser-recorder/socket-client';

export function start(client: ProtocolClient, kind: 'audio' | 'video', assignmentId?: string): void {
  client.ws.send(JSON.stringify({ type: 'start', kind, sampleRate: 16000, channels: 1, assignmentId }));
}

/** 'started', or the error code the start was refused with. */
export function outcome(client: ProtocolClient): Promise<string> {
  return new Promise((resolve) => {
    const check = () => {
      const done = client.messages.find((m) => m.type === 'started' || m.type === 'error');
      if (done) resolve(done.type === 'error' ? done.code : 'started');
      else setTimeout(check, 20);
    };
    check();
  });
}
