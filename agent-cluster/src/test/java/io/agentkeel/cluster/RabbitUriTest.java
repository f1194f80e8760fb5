package io.agentkeel.cluster;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A broker URI that is not an AMQP URI is refused by name, without repeating it (no server). */
class RabbitUriTest {

  @Test
  void aUriWithoutAnAmqpSchemeIsNotValid() {
    for (String uri : List.of("garbage", "127.0.0.1:5672", "http://guest:s3cret@127.0.0.1:5672")) {
      assertThatIllegalArgumentException()
          .as(uri)
          .isThrownBy(() -> RabbitTaskQueue.waiting(uri, "agentkeel.tasks"))
          .withMessageContaining("the RabbitMQ URI is not valid")
          .withMessageNotContaining("s3cret");
      assertThatIllegalArgumentException()
          .as(uri)
          .isThrownBy(() -> RabbitTaskQueue.builder().uri(uri).build())
          .withMessageContaining("the RabbitMQ URI is not valid");
    }
  }
}
