'use strict';

// Loaded before anything else so that the http instrumentation can patch
// node:http before the service code uses it.
const { trace } = require('@opentelemetry/api');
const {
  NodeTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  InMemorySpanExporter,
} = require('@opentelemetry/sdk-trace-node');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { resourceFromAttributes, detectResources, envDetector, hostDetector } = require('@opentelemetry/resources');

const ROLE = (process.env.ROLE || process.env.SERVICE_NAME || 'frontend').toLowerCase();
const SERVICE_NAME = process.env.OTEL_SERVICE_NAME || process.env.SERVICE_NAME || ROLE;

function startTracing() {
  const resource = resourceFromAttributes({
    'service.name': SERVICE_NAME,
    'service.namespace': 'trace-demo',
    'service.version': process.env.SERVICE_VERSION || '1.0.0',
  }).merge(detectResources({ detectors: [envDetector, hostDetector] }));

  const spanProcessors = [];
  let memory = null;
  const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT || '';
  if (endpoint) {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  // For tests and for curious humans: finished spans are kept in memory and
  // served on GET /debug/spans.
  if (process.env.DEBUG_SPANS === '1') {
    memory = new InMemorySpanExporter();
    spanProcessors.push(new SimpleSpanProcessor(memory));
  }

  const provider = new NodeTracerProvider({ resource, spanProcessors });
  // Registers the W3C trace-context + baggage propagators and AsyncLocalStorage.
  provider.register();

  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => req.url === '/healthz' || req.url.startsWith('/debug/'),
      }),
    ],
  });

  return { provider, memory, endpoint, tracer: trace.getTracer('trace-demo', '1.0.0') };
}

module.exports = { startTracing, ROLE, SERVICE_NAME };
