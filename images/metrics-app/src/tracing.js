'use strict';

// Tracing is always on so that logs and exemplars carry real trace ids; spans
// leave the process only when an OTLP endpoint is configured.
const { trace } = require('@opentelemetry/api');
const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const {
  resourceFromAttributes,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
} = require('@opentelemetry/resources');

const SERVICE_NAME = process.env.OTEL_SERVICE_NAME || process.env.SERVICE_NAME || 'metrics-app';

function otlpEndpoint() {
  return process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT || '';
}

function startTracing() {
  const resource = resourceFromAttributes({
    'service.name': SERVICE_NAME,
    'service.version': process.env.SERVICE_VERSION || '1.0.0',
  }).merge(detectResources({ detectors: [envDetector, hostDetector, processDetector] }));

  const spanProcessors = [];
  const endpoint = otlpEndpoint();
  if (endpoint) {
    // The exporter reads OTEL_EXPORTER_OTLP_* itself and appends /v1/traces.
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }

  const provider = new NodeTracerProvider({ resource, spanProcessors });
  provider.register();
  return {
    provider,
    exporting: Boolean(endpoint),
    endpoint,
    tracer: trace.getTracer(SERVICE_NAME),
  };
}

module.exports = { startTracing, SERVICE_NAME };
