/** `ciclo studio`: the headless studio (the API and the built renderer over HTTP on 127.0.0.1). */
import { startStudioServer } from '../../web/server.js';
import { isLoopbackHost } from '../../web/security.js';
import { UsageError, type CliCommand } from '../registry.js';

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${raw}")`);
  return port;
}

/** Resolves when the process is asked to stop (Ctrl+C, SIGTERM). */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Studio commands. */
export const commands: CliCommand[] = [
  {
    path: ['studio'],
    summary: 'Serve the studio on this machine; open the printed URL in a browser.',
    usage: 'ciclo studio [--port N] [--host H] [--allow-remote] [--project FILE] [--json]',
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      project: { type: 'string' },
    },
    async run(ctx) {
      const port = parsePort(ctx.values.port as string | undefined);
      const host = (ctx.values.host as string | undefined) ?? '127.0.0.1';
      const allowRemote = ctx.values['allow-remote'] === true;
      if (!isLoopbackHost(host) && !allowRemote) {
        throw new UsageError(`refusing to listen on ${host}: the studio gives full access to your projects; pass --allow-remote to serve beyond this machine`);
      }
      const backend = ctx.backend();
      const project = ctx.values.project as string | undefined;
      if (project) await ctx.call('project.open', { path: project });
      const stop = untilStopSignal();
      const server = await startStudioServer({ dispatch: backend.dispatch, events: backend.ctx.events, host, port, allowRemote });
      if (ctx.json) {
        ctx.out(JSON.stringify({ ok: true, data: { url: server.url, origin: server.origin, port: server.port, token: server.token } }));
      } else {
        ctx.out('Ciclo studio is running. Open this address in your browser:');
        ctx.out(`  ${server.url}`);
        if (allowRemote && !isLoopbackHost(host)) ctx.out('Remote access is on: anyone who can reach this machine and has the link can use your projects.');
        ctx.out('Press Ctrl+C to stop.');
      }
      const signal = await stop;
      if (!ctx.json) ctx.err(`ciclo: ${signal} received, closing the project and stopping.`);
      await server.close();
      await backend.dispose();
      return 0;
    },
  },
];
