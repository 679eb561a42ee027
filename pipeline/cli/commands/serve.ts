/** `statement serve`: a live preview of dist/ for translators and reviewers. */
import { onStop } from '../../core/shutdown.js';
import { defineCommand } from './types.js';
import { numberIn } from '../args.js';

const port = numberIn(0, 65535, (text) => `--port takes a port number, got "${text}"`, true);

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'serve dist/ on 127.0.0.1 and rebuild the HTML when the source, a catalog or a template changes',
  usage: 'statement serve [--port N]',
  description:
    'Builds first where dist/ is missing. Open pages reload by themselves after each rebuild; a failed\nbuild shows its error in the page. / is the office index, /site/ the public site (what to upload),\n/site/fr/ the French edition. Stop with Ctrl-C.',
  options: { port: { type: 'string', arg: 'N', help: 'port (default 4321)', parse: port } },
  async run({ values, io, root, log }) {
    const { serve } = await import('../../build/serve.js');
    const preview = await serve({ root, port: values.port ?? 4321, log });
    io.err(
      `serving dist/ at ${preview.url} (office index: ${preview.url}, public site: ${preview.url}site/, status: ${preview.url}status/); Ctrl-C to stop\n`,
    );
    // Runs until stopped: on SIGINT (Ctrl-C), SIGTERM or SIGHUP the watchers, the server and a
    // rebuild under way are closed (pipeline/core/shutdown.ts), and cli/main.ts exits with the signal's code.
    onStop(() => preview.close());
    return new Promise<number>(() => {});
  },
});
