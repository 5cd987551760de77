'use strict';

const { startTracing } = require('./tracing');

const tracing = startTracing();

const { createServer, readConfig } = require('./app');
const log = require('./log');

const config = readConfig();
const port = Number(process.env.PORT ?? 8080);
const server = createServer({ tracer: tracing.tracer, config });

server.listen(port, process.env.HOST || '0.0.0.0', () => {
  log.info('listening', {
    port: server.address().port,
    error_rate: config.errorRate,
    slow_ms: config.slowMs,
    otlp_endpoint: tracing.endpoint || null,
  });
});

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  // Force exit if in-flight requests or the exporter hang.
  setTimeout(() => process.exit(1), 10000).unref();
  server.close(async () => {
    await tracing.provider.shutdown().catch(() => {});
    process.exit(0);
  });
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
