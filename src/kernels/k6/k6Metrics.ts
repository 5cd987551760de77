import { K6LineParser, type MetricDefinition } from './k6Lines';
import { newSink, type Sink } from './metricSinks';
import { CHART_SERIES, type K6Timeline, type Series, type TimelineRow } from './k6Timeline';

/** A metric or submetric and what it has gathered. */
export interface TrackedMetric {
  /** `http_req_duration`, or `http_req_duration{scenario:steady}` for a submetric. */
  name: string;
  definition: MetricDefinition;
  sink: Sink;
  /** For a submetric: its parent's name. */
  parent?: string;
}

interface Parent {
  metric: TrackedMetric;
  submetrics: Array<{ metric: TrackedMetric; tags: Array<[string, string]> }>;
  series: Series | undefined;
  /** group_duration's samples name the groups (for the checks by group). */
  isGroupDuration: boolean;
}

/** A check's passes and fails, under the group it ran in (`::api`; `` for the root). */
export interface CheckCount {
  group: string;
  name: string;
  passes: number;
  fails: number;
}

export interface InvalidLine {
  line: number;
  problem: string;
}

/**
 * Everything k6's JSON lines say, gathered as they come: one sink per metric and submetric
 * (a submetric gets the samples whose tags include its tags, as in k6), the checks by group,
 * the first and last sample time, and, if given, the per-second timeline for the chart.
 */
export class K6Metrics {
  /** Metrics in the order k6 defined them; a submetric right after its parent. */
  readonly metrics = new Map<string, TrackedMetric>();
  readonly checks = new Map<string, CheckCount>();
  /** Group paths seen (`::api`, `::api::login`), in first-seen order. */
  readonly groups = new Set<string>();
  firstMs = Infinity;
  lastMs = -Infinity;
  lines = 0;
  points = 0;
  /** Points of a metric no Metric line had defined: left out (k6 always defines first). */
  undefinedPoints = 0;
  invalidLines = 0;
  firstInvalid: InvalidLine | undefined;

  private readonly parser = new K6LineParser();
  private readonly parents = new Map<string, Parent>();

  constructor(private readonly timeline?: K6Timeline) {}

  addLine(line: string, lineNumber = this.lines + 1): void {
    this.addRange(line, 0, line.length, lineNumber);
  }

  /** addLine for the line `text.slice(start, end)`, read in place (see LineSplitter). */
  addRange(text: string, start: number, end: number, lineNumber = this.lines + 1): void {
    this.lines++;
    const parser = this.parser;
    switch (parser.parseRange(text, start, end)) {
      case 'point':
        this.addPoint(parser);
        return;
      case 'metric':
        this.define(parser.definition!);
        return;
      case 'invalid':
        this.invalidLines++;
        this.firstInvalid ??= { line: lineNumber, problem: parser.problem };
        return;
      case 'other':
        return;
    }
  }

  /** The timeline's buckets (none without a timeline); see K6Timeline.rows. */
  timelineRows(skipNewest = false): TimelineRow[] {
    return this.timeline?.rows(skipNewest) ?? [];
  }

  /** Seconds between the first and the last sample (what k6 report has for the test's duration). */
  get spanSeconds(): number {
    return this.lastMs > this.firstMs ? (this.lastMs - this.firstMs) / 1000 : 0;
  }

  private addPoint(parser: K6LineParser): void {
    const parent = this.parents.get(parser.metric);
    if (!parent) {
      this.undefinedPoints++;
      return;
    }
    const { timeMs, value } = parser;
    this.points++;
    if (timeMs < this.firstMs) this.firstMs = timeMs;
    if (timeMs > this.lastMs) this.lastMs = timeMs;
    parent.metric.sink.add(value);
    for (const sub of parent.submetrics) {
      if (sub.tags.every(([k, v]) => parser.tag(k) === v)) sub.metric.sink.add(value);
    }
    if (parent.series) {
      this.timeline?.add(parent.series, timeMs, value);
      if (parent.series === 'checks') this.countCheck(parser, value);
    }
    if (parent.isGroupDuration) {
      const group = parser.tag('group');
      if (group) this.groups.add(group);
    }
  }

  private countCheck(parser: K6LineParser, value: number): void {
    const group = parser.tag('group') ?? '';
    const name = parser.tag('check') ?? '';
    const key = `${group}\u0000${name}`;
    let check = this.checks.get(key);
    if (!check) {
      check = { group, name, passes: 0, fails: 0 };
      this.checks.set(key, check);
      if (group) this.groups.add(group);
    }
    if (value !== 0) check.passes++;
    else check.fails++;
  }

  private define(definition: MetricDefinition): void {
    if (this.parents.has(definition.name)) return; // k6 defines once; a repeat changes nothing
    const metric: TrackedMetric = { name: definition.name, definition, sink: newSink(definition.type) };
    this.metrics.set(metric.name, metric);
    const parent: Parent = {
      metric,
      submetrics: [],
      series: CHART_SERIES.has(definition.name) ? (definition.name as Series) : undefined,
      isGroupDuration: definition.name === 'group_duration',
    };
    for (const sub of definition.submetrics) {
      const tracked: TrackedMetric = {
        name: sub.name,
        definition: { ...definition, name: sub.name, thresholds: [], submetrics: [] },
        sink: newSink(definition.type),
        parent: definition.name,
      };
      this.metrics.set(sub.name, tracked);
      parent.submetrics.push({ metric: tracked, tags: Object.entries(sub.tags) });
    }
    this.parents.set(definition.name, parent);
  }
}
