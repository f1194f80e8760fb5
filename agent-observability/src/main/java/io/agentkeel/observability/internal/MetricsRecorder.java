package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.ConfidenceThresholds;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.Workflow;
import io.agentkeel.observability.ErrorCategory;
import io.agentkeel.observability.MetricNames;
import io.agentkeel.observability.Rating;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns events into the production metrics, tagged only with bounded values: workflow, tool,
 * outcome, result, category and rating; never task or principal ids. See {@link MetricNames} for
 * the names.
 */
public final class MetricsRecorder implements AgentEventListener {

  /**
   * The tool tag of a tool the model named but that does not exist, or that this process does not
   * know when the call's arguments were refused, so that the model's names cannot make the tag
   * unbounded.
   */
  public static final String UNKNOWN_TOOL = "_unknown";

  /** Confidence is recorded in basis points: 1.0 is {@value}. */
  public static final int BASIS_POINTS = 10_000;

  // Every part its own field: a lookup builds no string (names are constants, their hashes cached).
  private record Key(String name, String workflow, String tool, String value) {}

  private final MeterRegistry registry;
  private final OfferedTools offeredTools;
  private final ConcurrentMap<Key, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, DistributionSummary> confidence = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Map<String, LongAdder>> toolCalls = new ConcurrentHashMap<>();
  private final Set<String> resumedRuns = ConcurrentHashMap.newKeySet();
  // Runs core refused as a second run of a task in flight: their TaskFinished is no task's.
  private final Set<String> refusedRuns = ConcurrentHashMap.newKeySet();

  /**
   * Creates the recorder.
   *
   * @param registry where meters are registered
   * @param offeredTools the tools each workflow offers
   */
  public MetricsRecorder(MeterRegistry registry, OfferedTools offeredTools) {
    this.registry = registry;
    this.offeredTools = offeredTools;
  }

  @Override
  public void onEvent(AgentEvent event, RunContext context) {
    String workflow = context.workflow().name();
    switch (event) {
      case AgentEvent.TaskStarted e -> workflowMeters(context.workflow());
      case AgentEvent.ReviewDecided e -> resumedRuns.add(context.runId());
      case AgentEvent.LimitReached e when RunTracer.isDuplicate(e) ->
          refusedRuns.add(context.runId());
      case AgentEvent.TaskFinished e -> {
        boolean resumed = resumedRuns.remove(context.runId());
        if (refusedRuns.isEmpty() || !refusedRuns.remove(context.runId())) {
          counter(
                  resumed ? MetricNames.TASKS_RESUMED : MetricNames.TASKS,
                  workflow,
                  Names.outcome(e.outcome()))
              .increment();
        }
      }
      case AgentEvent.Routed e -> {
        if (e.confidence() != null) {
          confidenceSummary(context.workflow())
              .record(basisPoints(e.confidence().value(), context.workflow().thresholds()));
        }
      }
      case AgentEvent.ToolCalled e -> toolCall(context.workflow(), e.tool(), "success");
      case AgentEvent.ToolFailed e ->
          toolCall(context.workflow(), toolTag(context.workflow(), e), Names.lower(e.kind()));
      case AgentEvent.TaskRecovered e ->
          counter(MetricNames.RECOVERIES, workflow, String.valueOf(e.takeover())).increment();
      case AgentEvent.MayHaveRun e ->
          counter(MetricNames.MAY_HAVE_RUN, workflow, e.tool(), "").increment();
      default -> {}
    }
    Optional<ErrorCategory> error = ErrorCategory.of(event);
    if (error.isPresent()) {
      counter(MetricNames.ERRORS, workflow, error.get().tag()).increment();
    }
  }

  /**
   * Counts a user's rating.
   *
   * @param workflow the rated task's workflow
   * @param rating the rating
   */
  public void feedback(String workflow, Rating rating) {
    counter(MetricNames.FEEDBACK, workflow, rating.tag()).increment();
  }

  /**
   * The tool tag of a failed call: the name the model gave only where the tool is known to exist.
   * Arguments may be refused before the tool is looked up (oversized ones are), so a call failed
   * for its arguments keeps its name only if the workflow offers the tool or this process saw the
   * tool in a call that got further; every other failure but an unknown tool came from a real tool.
   */
  private String toolTag(Workflow workflow, AgentEvent.ToolFailed e) {
    if (e.tool() == null || e.kind() == ToolFailureKind.UNKNOWN_TOOL) {
      return UNKNOWN_TOOL;
    }
    if (e.kind() == ToolFailureKind.INVALID_ARGUMENTS && !toolsOf(workflow).containsKey(e.tool())) {
      return UNKNOWN_TOOL;
    }
    return e.tool();
  }

  private void toolCall(Workflow workflow, String tool, String result) {
    counter(MetricNames.TOOL_CALLS, workflow.name(), tool, result).increment();
    toolsOf(workflow).computeIfAbsent(tool, t -> new LongAdder()).increment();
  }

  private void workflowMeters(Workflow workflow) {
    if (toolCalls.containsKey(workflow.name())) {
      return;
    }
    confidenceSummary(workflow);
    toolsOf(workflow);
  }

  private Map<String, LongAdder> toolsOf(Workflow workflow) {
    Map<String, LongAdder> calls = toolCalls.get(workflow.name());
    if (calls != null) {
      return calls;
    }
    return toolCalls.computeIfAbsent(
        workflow.name(),
        name -> {
          Map<String, LongAdder> map = new ConcurrentHashMap<>();
          List<String> offered = offeredTools.of(workflow);
          for (String tool : offered) {
            map.put(tool, new LongAdder());
            // Registered at zero, so a tool never called shows up with zero calls.
            counter(MetricNames.TOOL_CALLS, name, tool, "success");
          }
          Gauge.builder(MetricNames.TOOLS_NEVER_CALLED, map, m -> neverCalled(offered, m))
              .description("tools offered to the model in this workflow that it never called")
              .tag("workflow", name)
              .register(registry);
          return map;
        });
  }

  private static double neverCalled(List<String> offered, Map<String, LongAdder> calls) {
    int count = 0;
    for (String tool : offered) {
      LongAdder adder = calls.get(tool);
      if (adder == null || adder.sum() == 0) {
        count++;
      }
    }
    return count;
  }

  private DistributionSummary confidenceSummary(Workflow workflow) {
    DistributionSummary summary = confidence.get(workflow.name());
    if (summary != null) {
      return summary;
    }
    return confidence.computeIfAbsent(
        workflow.name(),
        name ->
            DistributionSummary.builder(MetricNames.CONFIDENCE)
                .description(
                    "confidence of scored answers in basis points; bucket edges include the"
                        + " thresholds")
                .baseUnit("basis_points")
                .serviceLevelObjectives(edges(workflow.thresholds()))
                .tag("workflow", name)
                .register(registry));
  }

  /**
   * A confidence in whole basis points. Micrometer rounds a value up to a whole number before it
   * finds its histogram bucket, so a confidence is rounded here, to the nearest basis point, and
   * recorded as a whole number; 0.6 lands exactly on the edge 6000.
   *
   * @param confidence a value in [0, 1]
   * @return the value in basis points
   */
  public static long basisPoints(double confidence) {
    return Math.round(confidence * BASIS_POINTS);
  }

  /**
   * A confidence in basis points as the histogram records it: rounded to the nearest, except that
   * an answer below a threshold stays below the threshold's edge. The thresholds route by the exact
   * value, so 0.84999 goes to review under an auto-complete threshold of 0.85, and is recorded as
   * 8499, not 8500.
   *
   * @param confidence a value in [0, 1]
   * @param thresholds the thresholds it was routed by
   * @return the value in basis points
   */
  public static long basisPoints(double confidence, ConfidenceThresholds thresholds) {
    long points = basisPoints(confidence);
    points = belowEdge(confidence, thresholds.autoComplete(), points);
    return belowEdge(confidence, thresholds.review(), points);
  }

  private static long belowEdge(double confidence, double threshold, long points) {
    long edge = basisPoints(threshold);
    return confidence < threshold && points >= edge ? edge - 1 : points;
  }

  /**
   * The confidence histogram's bucket edges in basis points: every tenth (1000, 2000, ...), plus
   * each of the workflow's two thresholds and the basis point below it. A bucket counts the values
   * up to its edge, so the edge below a threshold counts the answers the threshold sent down and
   * the threshold's own edge adds those exactly on it. Micrometer needs edges above 0.
   *
   * @param thresholds the workflow's thresholds
   * @return the sorted edges
   */
  public static double[] edges(ConfidenceThresholds thresholds) {
    TreeSet<Long> edges = new TreeSet<>();
    for (int tenth = 1; tenth <= 10; tenth++) {
      edges.add((long) tenth * (BASIS_POINTS / 10));
    }
    for (double threshold : List.of(thresholds.review(), thresholds.autoComplete())) {
      edges.add(basisPoints(threshold));
      edges.add(basisPoints(threshold) - 1);
    }
    edges.removeIf(edge -> edge <= 0);
    return edges.stream().mapToDouble(Long::doubleValue).toArray();
  }

  private Counter counter(String name, String workflow, String value) {
    return counter(name, workflow, null, value);
  }

  private Counter counter(String name, String workflow, String tool, String value) {
    Key key = new Key(name, workflow, tool, value);
    Counter counter = counters.get(key);
    if (counter != null) {
      return counter;
    }
    return counters.computeIfAbsent(key, k -> register(name, workflow, tool, value));
  }

  private Counter register(String name, String workflow, String tool, String value) {
    Counter.Builder builder = Counter.builder(name).tag("workflow", workflow);
    switch (name) {
      case MetricNames.TASKS, MetricNames.TASKS_RESUMED ->
          builder.tag("outcome", value).description("tasks by outcome");
      case MetricNames.TOOL_CALLS ->
          builder.tag("tool", tool).tag("result", value).description("tool calls by result");
      case MetricNames.ERRORS -> builder.tag("category", value).description("errors by category");
      case MetricNames.FEEDBACK -> builder.tag("rating", value).description("user ratings");
      case MetricNames.RECOVERIES ->
          builder.tag("takeover", value).description("tasks continued from their journal");
      case MetricNames.MAY_HAVE_RUN ->
          builder.tag("tool", tool).description("calls sent to review as may already have run");
      default -> throw new IllegalStateException("unknown counter " + name);
    }
    return builder.register(registry);
  }
}
