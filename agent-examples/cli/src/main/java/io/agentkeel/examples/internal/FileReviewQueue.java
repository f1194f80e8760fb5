package io.agentkeel.examples.internal;

import io.agentkeel.api.Confidence;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A review queue in files, one JSON file per waiting request, so that a decision taken by one
 * process resumes a task suspended by another.
 *
 * <p><b>Temporary:</b> it stands in for agent-memory's persistent JDBC review queue until that
 * lands; the command line then uses that one instead (see {@code CliSettings#reviewQueue}).
 *
 * <p>A claim moves the file from {@code pending/} to {@code claimed/} with an atomic rename, so of
 * two processes claiming one request exactly one wins. Writes go to a temporary file renamed into
 * place, so a reader never sees half a request. Thread-safe and safe across processes on one
 * machine.
 */
public final class FileReviewQueue implements ReviewQueue {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private final Path pending;
  private final Path claimed;

  /**
   * Opens (and creates) a queue in a directory.
   *
   * @param directory where the queue keeps its files
   * @throws UncheckedIOException if the directory cannot be created
   */
  public FileReviewQueue(Path directory) {
    this.pending = directory.resolve("pending");
    this.claimed = directory.resolve("claimed");
    try {
      Files.createDirectories(pending);
      Files.createDirectories(claimed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the review queue in " + directory, e);
    }
  }

  @Override
  public void submit(ReviewRequest request) {
    Path target = file(pending, request.id());
    try {
      Path temporary = Files.createTempFile(pending, ".", ".tmp");
      Files.writeString(
          temporary, JSON.writeValueAsString(toJson(request)), StandardCharsets.UTF_8);
      move(temporary, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store review request " + request.id(), e);
    }
  }

  @Override
  public Optional<ReviewRequest> find(String id) {
    return read(file(pending, id));
  }

  @Override
  public Optional<ReviewRequest> claim(String id) {
    Path source = file(pending, id);
    Path target = file(claimed, id);
    try {
      move(source, target);
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim review request " + id, e);
    }
    return read(target);
  }

  @Override
  public List<ReviewRequest> pending() {
    List<ReviewRequest> requests = new ArrayList<>();
    try (Stream<Path> files = Files.list(pending)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .forEach(f -> read(f).ifPresent(requests::add));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the review queue in " + pending, e);
    }
    requests.sort(
        Comparator.comparing((ReviewRequest r) -> r.priority().ordinal())
            .reversed()
            .thenComparing(ReviewRequest::createdAt)
            .thenComparing(ReviewRequest::id));
    return requests;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static Path file(Path directory, String id) {
    if (!SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "review id '" + id + "' is not a review id; take one from 'agentkeel review list'");
    }
    return directory.resolve(id + ".json");
  }

  private static Optional<ReviewRequest> read(Path file) {
    try {
      return Optional.of(fromJson(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8))));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read review request " + file, e);
    }
  }

  private static ObjectNode toJson(ReviewRequest r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", r.id());
    ObjectNode task = node.putObject("task");
    task.put("id", r.task().id());
    task.put("input", r.task().input());
    task.put("workflow", r.task().workflow());
    r.task().sessionId().ifPresent(s -> task.put("session_id", s));
    ObjectNode principal = task.putObject("principal");
    principal.put("id", r.task().principal().id());
    principal.put("tenant", r.task().principal().tenant());
    r.task().principal().grantedScopes().forEach(principal.putArray("scopes")::add);
    ObjectNode attributes = task.putObject("attributes");
    r.task().attributes().forEach(attributes::put);
    node.put("kind", r.kind().name());
    node.put("priority", r.priority().name());
    node.put("reason", r.reason());
    r.proposedAnswer().ifPresent(a -> node.put("proposed_answer", a));
    r.confidence()
        .ifPresent(c -> {
          node.put("confidence", c.value());
          node.put("confidence_summary", c.summary());
        });
    r.pendingCall()
        .ifPresent(call -> {
          ObjectNode pendingCall = node.putObject("pending_call");
          pendingCall.put("tool", call.tool());
          pendingCall.put("arguments", call.argumentsJson());
          call.scopes().forEach(pendingCall.putArray("scopes")::add);
        });
    node.put("state", r.state());
    node.put("created_at", r.createdAt().toString());
    return node;
  }

  private static ReviewRequest fromJson(JsonNode n) {
    JsonNode t = n.get("task");
    JsonNode p = t.get("principal");
    LinkedHashSet<String> scopes = new LinkedHashSet<>();
    p.get("scopes").forEach(s -> scopes.add(s.asString()));
    Map<String, String> attributes = new LinkedHashMap<>();
    t.get("attributes")
        .properties()
        .forEach(e -> attributes.put(e.getKey(), e.getValue().asString()));
    Task task =
        new Task(
            t.get("id").asString(),
            t.get("input").asString(),
            new Principal(p.get("id").asString(), p.get("tenant").asString(), scopes),
            t.get("workflow").asString(),
            Optional.ofNullable(t.get("session_id")).map(JsonNode::asString),
            attributes);
    Optional<PendingToolCall> call =
        Optional.ofNullable(n.get("pending_call"))
            .map(c -> {
              List<String> callScopes = new ArrayList<>();
              c.get("scopes").forEach(s -> callScopes.add(s.asString()));
              return new PendingToolCall(
                  c.get("tool").asString(), c.get("arguments").asString(), callScopes);
            });
    return new ReviewRequest(
        n.get("id").asString(),
        task,
        ReviewKind.valueOf(n.get("kind").asString()),
        Priority.valueOf(n.get("priority").asString()),
        n.get("reason").asString(),
        Optional.ofNullable(n.get("proposed_answer")).map(JsonNode::asString),
        Optional.ofNullable(n.get("confidence"))
            .map(c -> new Confidence(c.asDouble(), n.get("confidence_summary").asString())),
        call,
        n.get("state").asString(),
        Instant.parse(n.get("created_at").asString()));
  }
}
