/**
 * The app's live session: at most one at a time, for one map, started and ended by the facilitator
 * from the editor. This is the only time Flowmap listens beyond 127.0.0.1: on the local network's
 * address (or the interface `FLOWMAP_LIVE_HOST` names; tests give 127.0.0.1), until the session
 * ends or the app quits.
 */
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import type { LiveSessionInfo } from '../../shared/api/types';
import { LibraryError } from '../store/errors';
import type { Library } from '../store/library';
import { DEFAULT_HOST, type LiveServer, startLiveServer } from './server';

/**
 * The interface a session listens on: `FLOWMAP_LIVE_HOST` when set, else the first IPv4 address of
 * the local network, else 127.0.0.1 (a machine on no network: only its own browsers can join).
 */
export function liveHost(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env['FLOWMAP_LIVE_HOST'];
  if (chosen !== undefined && chosen !== '') return chosen;
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  return DEFAULT_HOST;
}

export class LiveSessions {
  private running: { mapId: string; server: LiveServer; info: LiveSessionInfo } | undefined;

  constructor(
    private readonly library: Library,
    /** The built window's folder, which holds the participant page. */
    private readonly staticFolder: string,
    private readonly host: () => string = liveHost,
  ) {}

  /** Starts the session of a map (answers the running one when it is that map's). */
  async start(mapId: string): Promise<LiveSessionInfo> {
    if (this.running?.mapId === mapId) return this.running.info;
    if (this.running) {
      const other = this.library.openMap(this.running.mapId).summary.name;
      throw new LibraryError('conflict', `A live session is running for "${other}": end it first.`);
    }
    const server = await startLiveServer({
      library: this.library,
      mapId,
      host: this.host(),
      staticFolder: this.staticFolder,
    });
    const info: LiveSessionInfo = {
      mapId,
      joinUrl: server.joinUrl,
      address: new URL(server.joinUrl).host,
      qrCodeSvg: await QRCode.toString(server.joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      facilitator: { url: server.loopbackUrl, documentName: server.documentName, token: server.facilitatorToken },
    };
    this.running = { mapId, server, info };
    return info;
  }

  /** The running session of a map, or null. */
  current(mapId: string): LiveSessionInfo | null {
    return this.running?.mapId === mapId ? this.running.info : null;
  }

  /** Ends a map's session: what is not saved yet is saved, everyone is disconnected; answers the revision it left. */
  async stop(mapId: string): Promise<number> {
    const running = this.running;
    if (running?.mapId !== mapId) return this.library.openMap(mapId).revision;
    this.running = undefined;
    await running.server.close();
    return running.server.revision();
  }

  /** Ends whatever session runs (the app quits). */
  async stopAll(): Promise<void> {
    if (this.running) await this.stop(this.running.mapId);
  }
}
