// The baseline of `pnpm bench`: a bare Fastify server that parses the same body as the ingest
// route (JSON sent as text/plain) and answers what it answers, with no validation or storage.
// ingest ÷ echo requests per second is the figure that survives a noisy machine.
import Fastify from 'fastify';

async function main() {
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.post('/v1/responses', async (_request, reply) => reply.code(202).send({ accepted: 1 }));

  const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
  process.stdout.write(`Echo server listening on ${address}\n`);
  const close = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
