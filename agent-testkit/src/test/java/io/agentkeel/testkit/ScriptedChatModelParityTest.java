package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.exception.HttpException;
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
    assertThat(inProcess.getCause()).isExactlyInstanceOf(overHttp.getCause().getClass());
    assertThat(inProcess).hasMessage(overHttp.getMessage());
    if (overHttp.getCause() instanceof HttpException http) {
      assertThat(((HttpException) inProcess.getCause()).statusCode()).isEqualTo(http.statusCode());
    }
  }
}
