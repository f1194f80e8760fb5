package io.agentkeel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.testkit.LocalServers;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker closes only the channel submits publish on (a channel error, such as reading the depth
 * of a queue that was deleted or that another connection holds exclusively): the submits it had not
 * confirmed used to wait forever, as only a lost connection failed them, and every later submit was
 * refused as if the queue were closed. The timeout only tells a hang from an answer.
 */
class RabbitPublishChannelTest {

  private String queueName;

  @BeforeEach
  void rabbit() {
    LocalServers.require("RabbitMQ", 5672);
    queueName = LocalServers.uniquePrefix("akcluster") + "tasks";
  }

  @AfterEach
  void deleteQueues() {
    try (RabbitTaskQueue queue = queue()) {
      queue.deleteQueues();
    }
  }

  private RabbitTaskQueue queue() {
    return RabbitTaskQueue.builder().queue(queueName).build();
  }

  private static Task task(String id) {
    return Task.builder().id(id).input("handle " + id).principal(Principal.of("ops")).build();
  }

  @Test
  void aSubmitAfterTheBrokerClosedThePublishChannelIsQueuedOnANewOne() throws Exception {
    try (RabbitTaskQueue queue = queue()) {
      try (RabbitTaskQueue other = queue()) {
        other.deleteQueues();
      }
      assertThatThrownBy(queue::waiting)
          .as("the broker closes the channel: the queue is gone")
          .isInstanceOf(UncheckedIOException.class);
      queue().close(); // another instance declares the queue again

      queue.submit(task("after")).get(10, TimeUnit.SECONDS);
      assertThat(queue.waiting()).isEqualTo(1);
    }
  }

  @Test
  void submitsNotConfirmedWhenTheBrokerClosesThePublishChannelFail() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    try (RabbitTaskQueue queue = queue();
        Connection holder = factory.newConnection("agentkeel-test-exclusive")) {
      // Another connection holds a durable queue of that name exclusively: publishes reach it and
      // are confirmed once written, and reading its depth is a channel error (405).
      Channel channel = holder.createChannel();
      channel.queueDelete(queueName);
      channel.queueDeclare(queueName, true, true, false, null);

      boolean sawUnconfirmed = false;
      for (int round = 0; round < 50 && !sawUnconfirmed; round++) {
        List<CompletableFuture<Void>> submits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          submits.add(queue.submit(task("r" + round + "-" + i)));
        }
        assertThatThrownBy(queue::waiting).isInstanceOf(UncheckedIOException.class);
        List<Throwable> failures =
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> outcomes(submits));
        for (Throwable failure : failures) {
          assertThat(failure)
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("the channel to RabbitMQ closed")
              .hasMessageContaining("submit it again");
        }
        sawUnconfirmed = !failures.isEmpty();
      }
      assertThat(sawUnconfirmed)
          .as("some submit was not yet confirmed when the channel closed")
          .isTrue();
    }
  }

  /** Waits for every submit's answer; returns the failures. */
  private static List<Throwable> outcomes(List<CompletableFuture<Void>> submits)
      throws InterruptedException {
    List<Throwable> failures = new ArrayList<>();
    for (CompletableFuture<Void> submit : submits) {
      try {
        submit.get();
      } catch (ExecutionException e) {
        failures.add(e.getCause());
      }
    }
    return failures;
  }
}
