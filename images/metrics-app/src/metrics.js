'use strict';

const client = require('prom-client');

// OpenMetrics is the only exposition format that carries exemplars; Prometheus
// asks for it in its Accept header and stores exemplars when started with
// --enable-feature=exemplar-storage.
const registry = new client.Registry(client.Registry.OPENMETRICS_CONTENT_TYPE);
client.collectDefaultMetrics({ register: registry });

const requestsTotal = new client.Counter({
  name: 'requests_total',
  help: 'HTTP requests served, by method, route and status code.',
  labelNames: ['method', 'route', 'status'],
  registers: [registry],
});

const connectionsActive = new client.Gauge({
  name: 'connections_active',
  help: 'TCP connections currently open to this process.',
  registers: [registry],
});

const requestDuration = new client.Histogram({
  name: 'request_duration_seconds',
  help: 'HTTP request latency in seconds.',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  enableExemplars: true,
  registers: [registry],
});

const responseSize = new client.Summary({
  name: 'response_size_bytes',
  help: 'HTTP response body size in bytes (quantiles over a sliding 5 minute window).',
  labelNames: ['method', 'route'],
  percentiles: [0.5, 0.9, 0.99],
  maxAgeSeconds: 300,
  ageBuckets: 5,
  registers: [registry],
});

// One series per process with value 1: join it on `pod` to split any other
// metric by version without adding a version label to every series.
const appInfo = new client.Gauge({
  name: 'app_info',
  help: 'Always 1; the version label is APP_VERSION.',
  labelNames: ['version'],
  registers: [registry],
});

module.exports = { registry, requestsTotal, connectionsActive, requestDuration, responseSize, appInfo };
