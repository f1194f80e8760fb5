package io.agentkeel.core.internal;

import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.ModelText;
import io.agentkeel.api.RunContext;
import java.util.List;
import java.util.Locale;

/**
 * The model boundaries as one: in order on the way to the model, in reverse order on the way back.
 * A boundary that throws fails the task rather than letting raw text through: this composite throws
 * {@link BoundaryFailed}, which the run turns into an outcome.
 */
final class ModelBoundaries {

  /**
   * A boundary failed; the task must not go on. Its message names the boundary, the failure's class
   * and the text it was given, never the failure's own message (which may quote that text).
   */
  static final class BoundaryFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BoundaryFailed(String boundary, Throwable cause, ModelText kind, boolean out) {
      super(
          "model boundary "
              + boundary
              + " failed ("
              + cause.getClass().getSimpleName()
              + ") on "
              + (out ? "the " : "the model's ")
              + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + (out ? " going to the model" : "")
              + "; the task stopped rather than let the text pass unchanged");
    }
  }

  private final List<ModelBoundary> boundaries;

  ModelBoundaries(List<ModelBoundary> boundaries) {
    this.boundaries = List.copyOf(boundaries);
  }

  boolean isEmpty() {
    return boundaries.isEmpty();
  }

  String toModel(String text, ModelText kind, RunContext context) {
    String current = text;
    for (ModelBoundary boundary : boundaries) {
      current = apply(boundary, current, kind, context, true);
    }
    return current;
  }

  String fromModel(String text, ModelText kind, RunContext context) {
    String current = text;
    for (int i = boundaries.size() - 1; i >= 0; i--) {
      current = apply(boundaries.get(i), current, kind, context, false);
    }
    return current;
  }

  private static String apply(
      ModelBoundary boundary, String text, ModelText kind, RunContext context, boolean out) {
    Containment.Result<String> result =
        Containment.call(() ->
            out ? boundary.toModel(text, kind, context) : boundary.fromModel(text, kind, context));
    return switch (result) {
      case Containment.Returned<String> returned when returned.value() != null -> returned.value();
      case Containment.Returned<String> nothing ->
          throw new BoundaryFailed(
              boundary.getClass().getName(), new NullPointerException(), kind, out);
      case Containment.Threw<String> threw -> {
        Containment.logFailure("model boundary", boundary, threw.failure());
        throw new BoundaryFailed(boundary.getClass().getName(), threw.failure(), kind, out);
      }
    };
  }
}
