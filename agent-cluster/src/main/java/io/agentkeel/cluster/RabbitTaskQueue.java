package io.agentkeel.cluster;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.agentkeel.api.Agent;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.cluster.internal.Confirms;
import io.agentkeel.cluster.internal.TaskMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tasks on a durable RabbitMQ queue that several agent instances consume: the distributed intake.
 *
 * <p>{@link #submit} publishes a task as a persistent message and completes once the broker has
 * confirmed that it stored it (publisher confirms). {@link #serve} consumes the queue for one agent
 * instance, at most {@code concurrency} tasks at once (the channel's prefetch), and acknowledges a
 * message only when its task has reached an outcome. The lease on a task is therefore the
 * consumer's connection: an instance that dies (SIGKILL included, the kernel closes its socket)
 * loses its unacknowledged messages, the broker delivers them to another instance, and that one
 * continues each task from the {@linkplain TaskJournal task journal} ({@link
 * Agent#recover(String)}) instead of starting it again, so no write or destructive call runs twice.
 *
 * <p>The queue is a quorum queue (replicated, durable) with a delivery limit: a task delivered
 * {@code maxDeliveries} times without an outcome (one that kills every instance that runs it) is
 * dead-lettered to {@code <queue>.dead} rather than taking the cluster down. A message that is not
 * a task goes there too, with a warning.
 *
 * <pre>{@code
 * try (RabbitTaskQueue queue = RabbitTaskQueue.builder().uri("amqp://guest:guest@mq:5672").build();
 *     QueueWorker worker = queue.serve(agent, journal, 64)) {
 *   queue.submit(task).join(); // stored by the broker; any instance may run it
 * }
 * }</pre>
 */
public final class RabbitTaskQueue implements AutoCloseable {

  private final String queue;
  private final Connection connection;
  private final ReentrantLock publishing = new ReentrantLock();

  /** The channel submits publish on; replaced when the broker closed it. Guarded by publishing. */
  private Publisher publisher;

  /**
   * A channel in confirm mode and the publishes on it not yet confirmed. Its own confirms, since
   * sequence numbers start again on a new channel; they fail when the channel closes, whether the
   * broker closed only the channel (a channel error) or the connection went.
   */
  record Publisher(Channel channel, Confirms confirms) {
    /**
     * Opens a channel in confirm mode; a channel that cannot be put in confirm mode is closed, as
     * nothing else holds it: the broker closes a channel it refused, but one left open (confirm
     * mode not answered within the RPC timeout, say) would stay open on the connection for good.
     */
    static Publisher open(Connection connection) throws IOException {
      Channel channel = connection.createChannel();
      try {
        Confirms confirms = new Confirms();
        channel.confirmSelect();
        channel.addConfirmListener(confirms::acked, confirms::nacked);
        channel.addShutdownListener(cause ->
            confirms.failAll("the channel to RabbitMQ closed (" + cause.getMessage() + ")"));
        return new Publisher(channel, confirms);
      } catch (IOException | RuntimeException e) {
        if (channel.isOpen()) {
          try {
            channel.close();
          } catch (IOException | TimeoutException | RuntimeException closing) {
            e.addSuppressed(closing);
          }
        }
        throw e;
      }
    }
  }

  private final java.time.Duration reviewSweep;

  private RabbitTaskQueue(Builder builder) throws IOException, TimeoutException {
    this.queue = builder.queue;
    this.reviewSweep = builder.reviewSweep;
    ConnectionFactory factory = factory(builder.uri);
    // A lost connection is a lost lease: the broker redelivers, and this instance must not go on
    // acknowledging on a recovered channel as if nothing happened.
    factory.setAutomaticRecoveryEnabled(false);
    factory.setRequestedHeartbeat((int) builder.heartbeatSeconds);
    this.connection = factory.newConnection(builder.connectionName);
    try {
      this.publisher = Publisher.open(connection);
      declare(publisher.channel(), builder.queue, builder.maxDeliveries);
    } catch (IOException | RuntimeException e) {
      connection.abort();
      throw e;
    }
  }

  /**
   * A connection factory for a broker's URI. The client reads a URI without a scheme (a bare host
   * name, a typo) as a null scheme and fails with a NullPointerException, so the scheme is checked
   * here first.
   *
   * @throws IllegalArgumentException if the URI is not an amqp or amqps URI; the URI is not
   *     repeated, as it may hold a password
   */
  private static ConnectionFactory factory(String uri) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      String scheme = new java.net.URI(uri).getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("amqp") || scheme.equalsIgnoreCase("amqps"))) {
        throw new IllegalArgumentException("not an amqp or amqps URI");
      }
      factory.setUri(uri);
    } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the RabbitMQ URI is not valid (expected amqp://user:password@host:port/vhost; the URI"
              + " is not repeated here, as it may hold a password)");
    }
    return factory;
  }

  private static void declare(Channel channel, String queue, int maxDeliveries) throws IOException {
    String dead = queue + ".dead";
    channel.queueDeclare(dead, true, false, false, Map.of("x-queue-type", "quorum"));
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("x-queue-type", "quorum");
    // The limit counts unsuccessful deliveries after the first: at most maxDeliveries in all.
    arguments.put("x-delivery-limit", maxDeliveries - 1);
    arguments.put("x-dead-letter-exchange", "");
    arguments.put("x-dead-letter-routing-key", dead);
    channel.queueDeclare(queue, true, false, false, arguments);
  }

  /**
   * Options of the queue.
   *
   * @return a builder with the defaults: {@code amqp://guest:guest@127.0.0.1:5672}, queue {@code
   *     agentkeel.tasks}, at most 5 deliveries of a task, a 10 s heartbeat, a review sweep every 30
   *     s
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Places a task on the queue; any instance that serves the queue may run it.
   *
   * @param task the task; its id must be unique, as the journal keys recovery by it
   * @return completed once the broker has stored the message; completed exceptionally, with the
   *     reason, if the broker refused it or the connection was lost before it confirmed (the task
   *     may then be queued or not: submit it again with the same id, the journal makes a duplicate
   *     harmless); a channel the broker closed fails the submits it had not confirmed, and the next
   *     submit publishes on a new one
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalArgumentException if a text of the task holds an unpaired surrogate, which a
   *     message cannot carry unchanged, or its id or an attribute name is longer than 255 bytes in
   *     UTF-8, which a message cannot carry at all
   * @throws IllegalStateException if the queue is closed
   */
  public CompletableFuture<Void> submit(Task task) {
    Objects.requireNonNull(task, "task");
    AMQP.BasicProperties properties = TaskMessages.properties(task);
    publishing.lock();
    try {
      Publisher open = publisher();
      long sequence = open.channel().getNextPublishSeqNo();
      CompletableFuture<Void> confirmed = open.confirms().expect(sequence);
      try {
        open.channel().basicPublish("", queue, properties, TaskMessages.body(task));
      } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
        open.confirms().nacked(sequence, false);
        throw new IllegalStateException(
            "task '" + task.id() + "' was not queued: the channel to RabbitMQ is closed", e);
      }
      return confirmed;
    } finally {
      publishing.unlock();
    }
  }

  /**
   * The publishing channel, a new one if the broker closed the last (a channel error, such as
   * reading the depth of a queue that was deleted); called holding {@link #publishing}.
   *
   * @throws IllegalStateException if the queue is closed, or its connection lost
   */
  private Publisher publisher() {
    if (!publisher.channel().isOpen()) {
      if (!connection.isOpen()) {
        throw new IllegalStateException("the task queue '" + queue + "' is closed");
      }
      try {
        publisher = Publisher.open(connection);
      } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
        throw new IllegalStateException(
            "the task queue '"
                + queue
                + "' cannot open a new channel to RabbitMQ after the broker closed the last: "
                + reason(e),
            e);
      }
    }
    return publisher;
  }

  /**
   * Starts consuming the queue for an agent instance.
   *
   * @param agent the agent that runs the tasks
   * @param journal the agent's task journal, shared by every instance: it tells a task seen for the
   *     first time from one to continue (a takeover) or one already ended
   * @param concurrency at most this many tasks at once on this instance
   * @return the worker; close it to stop consuming
   * @throws IllegalArgumentException if the journal keeps nothing (a redelivered task would run its
   *     writes again) or the concurrency is not positive
   */
  public QueueWorker serve(Agent agent, TaskJournal journal, int concurrency) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(journal, "journal");
    if (!journal.records()) {
      throw new IllegalArgumentException(
          "the distributed intake needs a task journal shared by the instances (JdbcTaskJournal on"
              + " PostgreSQL, say): without one, a task redelivered after an instance died would"
              + " run its writes again");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    try {
      return new QueueWorker(
          connection.createChannel(), queue, agent, journal, concurrency, reviewSweep);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot consume '" + queue + "': " + e.getMessage(), e);
    }
  }

  /**
   * How many tasks wait in the queue, not yet delivered to an instance.
   *
   * @return the broker's count of ready messages
   */
  public long waiting() {
    publishing.lock();
    try {
      return publisher().channel().queueDeclarePassive(queue).getMessageCount();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the depth of '" + queue + "'", e);
    } finally {
      publishing.unlock();
    }
  }

  /**
   * How many tasks wait in a queue, without declaring anything: for operators' tools, which must
   * neither create a queue from a typo nor clash with the arguments the deployment declared.
   *
   * @param uri the broker, such as {@code amqp://user:password@host:5672/vhost}
   * @param queue the queue's name
   * @return the broker's count of ready messages, or empty if the broker has no such queue (no
   *     instance has declared it yet, or the name is wrong)
   * @throws IllegalArgumentException if the URI is not valid (the URI is not repeated: it may hold
   *     a password)
   * @throws UncheckedIOException if the broker cannot be reached or refuses, with the broker's
   *     address (never its password) and the reason
   */
  public static java.util.OptionalLong waiting(String uri, String queue) {
    ConnectionFactory factory = factory(Objects.requireNonNull(uri, "uri"));
    factory.setAutomaticRecoveryEnabled(false);
    try (Connection connection = factory.newConnection("agentkeel-depth");
        Channel channel = connection.createChannel()) {
      return java.util.OptionalLong.of(channel.queueDeclarePassive(queue).getMessageCount());
    } catch (IOException | TimeoutException | com.rabbitmq.client.ShutdownSignalException e) {
      if (notFound(e)) {
        return java.util.OptionalLong.empty();
      }
      throw new UncheckedIOException(
          "cannot read the depth of queue '"
              + queue
              + "' on "
              + address(factory)
              + ": "
              + reason(e),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Whether the broker closed the channel because the queue does not exist (AMQP 404). */
  private static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.rabbitmq.client.ShutdownSignalException shutdown
          && shutdown.getReason() instanceof AMQP.Channel.Close close
          && close.getReplyCode() == AMQP.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  /** The broker's address without its user and password. */
  private static String address(ConnectionFactory factory) {
    String vhost = factory.getVirtualHost();
    return "amqp://"
        + factory.getHost()
        + ":"
        + factory.getPort()
        + (vhost.equals("/") ? "" : "/" + vhost);
  }

  /** The innermost cause that says something: its type, and its message if it has one. */
  private static String reason(Throwable e) {
    Throwable said = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        said = t;
      }
    }
    return said.getMessage() == null || said.getMessage().isBlank()
        ? said.getClass().getSimpleName()
        : said.getClass().getSimpleName() + ": " + said.getMessage();
  }

  /**
   * Deletes the queue and its dead-letter queue, with whatever they hold: for tests and for taking
   * a deployment down. Quorum queues are not free for the broker; one left per test run adds up.
   *
   * @throws UncheckedIOException if the broker refuses
   */
  public void deleteQueues() {
    publishing.lock();
    try {
      Channel channel = publisher().channel();
      channel.queueDelete(queue);
      channel.queueDelete(queue + ".dead");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete queue '" + queue + "'", e);
    } finally {
      publishing.unlock();
    }
  }

  /**
   * The queue's name.
   *
   * @return the name
   */
  public String queue() {
    return queue;
  }

  /** Closes the connection; workers still serving lose their deliveries to other instances. */
  @Override
  public void close() {
    if (connection.isOpen()) {
      try {
        connection.close();
      } catch (IOException e) {
        connection.abort();
      }
    }
  }

  /** Options of a {@link RabbitTaskQueue}. */
  public static final class Builder {
    private String uri = "amqp://guest:guest@127.0.0.1:5672";
    private String queue = "agentkeel.tasks";
    private int maxDeliveries = 5;
    private long heartbeatSeconds = 10;
    private String connectionName = "agentkeel-" + ProcessHandle.current().pid();
    private java.time.Duration reviewSweep = java.time.Duration.ofSeconds(30);

    private Builder() {}

    /**
     * The broker.
     *
     * @param uri such as {@code amqp://user:password@host:5672/vhost}
     * @return this builder
     */
    public Builder uri(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * The queue's name; every instance of a deployment uses the same.
     *
     * @param queue the name
     * @return this builder
     */
    public Builder queue(String queue) {
      if (Objects.requireNonNull(queue, "queue").isBlank()) {
        throw new IllegalArgumentException("the queue name must not be blank");
      }
      this.queue = queue;
      return this;
    }

    /**
     * How often a task may be delivered before it is dead-lettered: a task that kills every
     * instance that runs it stops there.
     *
     * @param maxDeliveries at least 2, so that one takeover is possible
     * @return this builder
     */
    public Builder maxDeliveries(int maxDeliveries) {
      if (maxDeliveries < 2) {
        throw new IllegalArgumentException(
            "maxDeliveries must be at least 2 (one takeover), got " + maxDeliveries);
      }
      this.maxDeliveries = maxDeliveries;
      return this;
    }

    /**
     * The AMQP heartbeat: a hung instance whose socket stays open loses its lease after about twice
     * this.
     *
     * @param seconds at least 1
     * @return this builder
     */
    public Builder heartbeatSeconds(int seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("heartbeatSeconds must be at least 1, got " + seconds);
      }
      this.heartbeatSeconds = seconds;
      return this;
    }

    /**
     * How often each worker looks for tasks whose claimed review decision was lost with a dead
     * instance, and continues them (see {@link QueueWorker}).
     *
     * @param interval at least 10 ms, or zero to never look
     * @return this builder
     */
    public Builder reviewSweep(java.time.Duration interval) {
      if (Objects.requireNonNull(interval, "interval").isNegative()
          || !interval.isZero() && interval.toMillis() < 10) {
        throw new IllegalArgumentException(
            "reviewSweep must be zero (off) or at least 10 ms, got " + interval);
      }
      this.reviewSweep = interval;
      return this;
    }

    /**
     * The name this instance's connection shows in the broker's management view.
     *
     * @param name such as the host and process
     * @return this builder
     */
    public Builder connectionName(String name) {
      this.connectionName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Connects and declares the queue and its dead-letter queue.
     *
     * @return the queue
     * @throws UncheckedIOException if the broker cannot be reached, or the queue exists with other
     *     arguments (then the message says which)
     */
    public RabbitTaskQueue build() {
      try {
        return new RabbitTaskQueue(this);
      } catch (IOException | TimeoutException e) {
        throw new UncheckedIOException(
            "cannot open the task queue '"
                + queue
                + "' on RabbitMQ: "
                + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName())
                + describe(e),
            e instanceof IOException io ? io : new IOException(e));
      }
    }

    private static String describe(Exception e) {
      Throwable cause = e.getCause();
      return cause == null ? "" : " (" + cause.getMessage() + ")";
    }
  }
}
