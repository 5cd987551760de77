import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes a k6 v0.48-shaped `--out json` file of exactly `lineCount` lines: what one HTTP request
 * per iteration produces (http_reqs, the seven http_req_* trends, http_req_failed, checks,
 * data_sent/received, iteration_duration, iterations: 14 lines), the Metric line before each
 * metric's first sample, and vus/vus_max once a second. 500 iterations a second; values from a
 * fixed-seed generator, so every run writes the same file.
 */
export async function generateK6Json(path: string, lineCount: number): Promise<void> {
  const out = createWriteStream(path);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const defined = new Set<string>();
  const start = Date.parse('2026-11-26T03:00:00Z');
  const reqTags =
    '{"endpoint":"index","expected_response":"true","group":"::api","method":"GET","name":"http://127.0.0.1:18081/","proto":"HTTP/1.1","scenario":"steady","status":"200","url":"http://127.0.0.1:18081/"}';
  const plainTags = '{"group":"","scenario":"steady"}';
  const types: Record<string, [string, string]> = {
    http_reqs: ['counter', 'default'],
    http_req_failed: ['rate', 'default'],
    checks: ['rate', 'default'],
    data_sent: ['counter', 'data'],
    data_received: ['counter', 'data'],
    iterations: ['counter', 'default'],
    vus: ['gauge', 'default'],
    vus_max: ['gauge', 'default'],
  };
  let written = 0;
  let buffer = '';
  const emit = async (metric: string, time: string, value: number, tags: string) => {
    if (written >= lineCount) return;
    if (!defined.has(metric)) {
      defined.add(metric);
      const [type, contains] = types[metric] ?? ['trend', 'time'];
      const submetrics =
        metric === 'http_req_duration'
          ? '[{"name":"http_req_duration{expected_response:true}","suffix":"expected_response:true","tags":{"expected_response":"true"}}]'
          : 'null';
      buffer += `{"type":"Metric","data":{"name":"${metric}","type":"${type}","contains":"${contains}","thresholds":${metric === 'http_req_duration' ? '["p(95)<500"]' : '[]'},"submetrics":${submetrics}},"metric":"${metric}"}\n`;
      if (++written >= lineCount) return;
    }
    buffer += `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}}}\n`;
    written++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };
  for (let i = 0; written < lineCount; i++) {
    const ms = start + i * 2; // 500 iterations a second
    if (i % 500 === 0) {
      const second = new Date(ms).toISOString();
      await emit('vus', second, 10, '{}');
      await emit('vus_max', second, 10, '{}');
    }
    const time = new Date(ms).toISOString().replace('Z', '123456Z'); // nanoseconds, as Go writes them
    const duration = Math.round((0.2 + random() * 3 + (random() < 0.01 ? random() * 200 : 0)) * 1e6) / 1e6;
    const failed = random() < 0.02 ? 1 : 0;
    await emit('http_reqs', time, 1, reqTags);
    await emit('http_req_duration', time, duration, failed ? reqTags.replace('"true"', '"false"') : reqTags);
    for (const m of ['http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending']) {
      await emit(m, time, Math.round(random() * 1e5) / 1e6, reqTags);
    }
    await emit('http_req_waiting', time, Math.round(duration * 0.8 * 1e6) / 1e6, reqTags);
    await emit('http_req_receiving', time, Math.round(duration * 0.1 * 1e6) / 1e6, reqTags);
    await emit('http_req_failed', time, failed, reqTags);
    await emit('checks', time, 1 - failed, '{"check":"is 200","group":"::api","scenario":"steady"}');
    await emit('data_sent', time, 81, plainTags);
    await emit('data_received', time, 712, plainTags);
    await emit('iteration_duration', time, Math.round((duration + 0.15) * 1e6) / 1e6, plainTags);
    await emit('iterations', time, 1, plainTags);
  }
  out.end(buffer);
  await once(out, 'finish');
}
