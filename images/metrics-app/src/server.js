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
    version: config.appVersion,
    startup_delay_ms: config.startupDelayMs,
    shutdown_delay_ms: config.shutdownDelayMs,
    work_cpu_ms: config.workCpuMs,
    work_mem_kb: config.workMemKb,
    work_hold_ms: config.workHoldMs,
    otlp_endpoint: tracing.endpoint || null,
  });
});

// Graceful shutdown: from the signal on /readyz answers 503 and responses carry
// "Connection: close", but the server keeps serving for SHUTDOWN_DELAY_MS (time
// for Kubernetes to take the pod out of the Service's endpoints). Then it stops
// accepting connections, lets in-flight requests finish, and exits.
let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  server.lifecycle.drain();
  log.info('shutting down', { signal, shutdown_delay_ms: config.shutdownDelayMs });
  // Force exit if in-flight requests or the exporter hang.
  setTimeout(() => process.exit(1), config.shutdownDelayMs + 10000).unref();
  setTimeout(() => {
    server.close(async () => {
      await tracing.provider.shutdown().catch(() => {});
      process.exit(0);
    });
  }, config.shutdownDelayMs);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
