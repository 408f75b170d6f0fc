/** Small helpers for scripts that run child services. */
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Asks the kernel for a free TCP port on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not find a free port"));
      });
    });
  });
}

/** Polls `check` until it returns true; throws after the timeout (or at once if check throws). */
export async function waitFor(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; what: string; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(options.intervalMs ?? 100);
  }
  throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
}
