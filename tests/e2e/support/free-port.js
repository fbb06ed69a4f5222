import { createServer } from 'node:net';

// Plain JS so both the browser tests and the Node benchmark scripts can use it.

/**
 * A port that is free right now on 127.0.0.1, so parallel runs never collide.
 * @returns {Promise<number>}
 */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
