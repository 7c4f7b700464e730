/**
 * A TCP relay in front of one or more servers: a test can cut every live connection, as a flaky network
 * would, or point new connections at another server, as a load balancer does when an instance dies.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Where new connections go now. */
  readonly targetPort: number;
  /** Destroys every relayed connection (both sides); new connections still go through. */
  cutAll(): number;
  /** New connections go to `port` from now on; live ones stay where they are (until they drop). */
  retarget(port: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(initialTarget: number): Promise<TcpProxy> {
  const live = new Set<net.Socket>();
  let targetPort = initialTarget;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      live.add(socket);
      socket.on('close', () => live.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get targetPort() {
      return targetPort;
    },
    cutAll: () => {
      const count = live.size;
      for (const socket of live) socket.destroy();
      return count;
    },
    retarget: (port) => {
      targetPort = port;
    },
    close: async () => {
      for (const socket of live) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
