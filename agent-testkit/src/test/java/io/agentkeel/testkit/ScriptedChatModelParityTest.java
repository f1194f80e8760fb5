package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The in-process model throws, for each scripted failure, what LangChain4j's OpenAI client throws
 * against the scripted server: same exception class, same cause class, same message.
 */
class ScriptedChatModelParityTest {

  @ParameterizedTest
  @EnumSource(ScriptedFailure.class)
  void inProcessFailureMatchesTheOpenAiClientOverHttp(ScriptedFailure kind) {
    Throwable overHttp = ScriptedOpenAiServerTest.failOverHttp(kind);
    Throwable inProcess =
        catchThrowable(() ->
            ScriptedChatModel.of(ModelScript.builder().fail(kind).build())
                .chat(ScriptedOpenAiServerTest.request()));

    assertThat(overHttp).as("over HTTP").isNotNull();
    assertThat(inProcess).isExactlyInstanceOf(overHttp.getClass());
    if (overHttp.getCause() == null) {
      assertThat(inProcess.getCause()).isNull();
    } else {
      assertThat(inProcess.getCause()).isExactlyInstanceOf(overHttp.getCause().getClass());
    }
    assertThat(inProcess).hasMessage(overHttp.getMessage());
    if (overHttp.getCause() instanceof HttpException http) {
      assertThat(((HttpException) inProcess.getCause()).statusCode()).isEqualTo(http.statusCode());
    }
  }

  @Test
  void interruptDuringACallMatchesTheOpenAiClientOverHttp() throws Exception {
    ModelScript held = ModelScript.builder().fail(ScriptedFailure.TIMEOUT).build();
    Throwable overHttp;
    try (var server = ScriptedOpenAiServer.start(held, Duration.ofMinutes(5))) {
      var model = ScriptedOpenAiServerTest.openAi(server, Duration.ofSeconds(30));
      overHttp = interruptedCall(model::chat, () -> !server.requestBodies().isEmpty());
    }
    ScriptedChatModel inProcess =
        ScriptedChatModel.of(
            ModelScript.builder()
                .after(Duration.ofMinutes(5))
                .fail(ScriptedFailure.TIMEOUT)
                .build());
    Throwable inProcessThrown =
        interruptedCall(inProcess::chat, () -> !inProcess.requests().isEmpty());

    assertThat(overHttp).isExactlyInstanceOf(RuntimeException.class);
    assertThat(inProcessThrown).isExactlyInstanceOf(overHttp.getClass());
    assertThat(inProcessThrown).hasMessage(overHttp.getMessage());
    assertThat(inProcessThrown.getCause()).isExactlyInstanceOf(overHttp.getCause().getClass());
    assertThat(inProcessThrown).hasRootCauseExactlyInstanceOf(InterruptedException.class);
    assertThat(overHttp).hasRootCauseExactlyInstanceOf(InterruptedException.class);
  }

  /** Calls the model on a thread, interrupts it once the request has arrived, returns the error. */
  private static Throwable interruptedCall(
      Function<ChatRequest, ChatResponse> model, BooleanSupplier arrived) throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller =
        Thread.ofPlatform()
            .start(() -> {
              thrown.set(catchThrowable(() -> model.apply(ScriptedOpenAiServerTest.request())));
              flagKept.set(Thread.currentThread().isInterrupted());
            });
    while (!arrived.getAsBoolean()) {
      Thread.sleep(5);
    }
    caller.interrupt();
    caller.join();
    assertThat(flagKept).as("interrupt flag kept").isTrue();
    return thrown.get();
  }
}
