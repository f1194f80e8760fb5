package io.agentkeel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

  @Test
  void parsesProviderAndModelWithTheProvidersDefaults() {
    ModelSpec openAi = ModelSpec.parse("openai:gpt-4o-mini", Map.of());
    assertThat(openAi.provider()).isEqualTo(ModelSpec.Provider.OPENAI_COMPATIBLE);
    assertThat(openAi.baseUrl()).contains("https://api.openai.com/v1");
    assertThat(openAi.apiKeyVariable()).contains("OPENAI_API_KEY");

    assertThat(
            ModelSpec.parse("ollama:llama3.2", Map.of("OLLAMA_BASE_URL", "http://gpu:11434"))
                .baseUrl())
        .contains("http://gpu:11434");
    assertThat(ModelSpec.parse("anthropic:claude-sonnet-4-5", Map.of()).apiKeyVariable())
        .contains("ANTHROPIC_API_KEY");
  }

  @Test
  void rejectsSpecsThatAreNotProviderColonModel() {
    assertThatThrownBy(() -> ModelSpec.parse("gpt-4o", Map.of()))
        .hasMessageContaining("must be provider:model");
    assertThatThrownBy(() -> ModelSpec.parse("mistral:large", Map.of()))
        .hasMessageContaining("use openai, anthropic or ollama");
  }

  @Test
  void aMissingKeyNamesTheVariableAndNeverTheValue() {
    ModelSpec spec = ModelSpec.openAiCompatible("http://models.example.com/v1", "m", "MY_KEY");

    assertThatThrownBy(() -> spec.create(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("environment variable MY_KEY, which is not set");
  }

  @Test
  void anOpenAiEndpointOnThisMachineNeedsNoKey() {
    for (String url :
        List.of(
            "http://127.0.0.1:9/v1",
            "http://localhost:8000/v1",
            "http://127.1.2.3:8000/v1",
            "http://[::1]:8000/v1")) {
      Map<String, String> env = Map.of("OPENAI_BASE_URL", url);
      ModelSpec spec = ModelSpec.parse("openai:gpt-4o-mini", env);
      assertThat(spec.create(env)).as(url).isInstanceOf(OpenAiChatModel.class);
    }
    Map<String, String> remote = Map.of("OPENAI_BASE_URL", "http://127.0.0.1.nip.io:8000/v1");
    assertThatThrownBy(() -> ModelSpec.parse("openai:gpt-4o-mini", remote).create(remote))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OPENAI_API_KEY, which is not set");
    assertThatThrownBy(() -> ModelSpec.parse("openai:gpt-4o-mini", Map.of()).create(Map.of()))
        .hasMessageContaining("OPENAI_API_KEY, which is not set");
  }

  @Test
  void onThisMachineNeverLooksANameUp() {
    assertThat(ModelSpec.onThisMachine("http://localhost/v1")).isTrue();
    assertThat(ModelSpec.onThisMachine("http://127.0.0.1:8000")).isTrue();
    assertThat(ModelSpec.onThisMachine("http://[::1]:8000")).isTrue();
    assertThat(ModelSpec.onThisMachine("http://10.0.0.1:8000")).isFalse();
    assertThat(ModelSpec.onThisMachine("https://api.openai.com/v1")).isFalse();
    assertThat(ModelSpec.onThisMachine("not a url")).isFalse();
  }

  @Test
  void createsTheProvidersLangChain4jModel() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "k", "ANTHROPIC_API_KEY", "k");

    assertThat(ModelSpec.parse("openai:gpt-4o-mini", env).create(env))
        .isInstanceOf(OpenAiChatModel.class);
    assertThat(ModelSpec.parse("anthropic:claude-sonnet-4-5", env).create(env))
        .isInstanceOf(AnthropicChatModel.class);
    assertThat(ModelSpec.parse("ollama:llama3.2", env).create(env))
        .isInstanceOf(OllamaChatModel.class);
  }

  @Test
  void aKeylessSpecCreatesAModelWithoutAnyEnvironment() {
    ModelSpec spec = ModelSpec.openAiCompatible("http://127.0.0.1:1/v1", "local");

    assertThat(spec.apiKeyVariable()).isEmpty();
    assertThat(spec.create(Map.of())).isInstanceOf(OpenAiChatModel.class);
  }

  @Test
  void httpLoggingIsASwitchKeptAcrossCopies() {
    ModelSpec spec = ModelSpec.openAiCompatible("http://127.0.0.1:1/v1", "local");
    assertThat(spec.httpLogging()).isFalse();
    assertThat(
            spec.withHttpLogging(true).withTimeout(java.time.Duration.ofSeconds(1)).httpLogging())
        .isTrue();
    assertThat(
            ModelSpec.parse("openai:gpt-4o-mini", Map.of("AGENTKEEL_MODEL_LOG_HTTP", "true"))
                .httpLogging())
        .isTrue();
  }

  @Test
  void maskingHidesTheKeyAndCredentialFields() {
    dev.langchain4j.http.client.HttpClient unused =
        new dev.langchain4j.http.client.HttpClient() {
          @Override
          public dev.langchain4j.http.client.SuccessfulHttpResponse execute(
              dev.langchain4j.http.client.HttpRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void execute(
              dev.langchain4j.http.client.HttpRequest request,
              dev.langchain4j.http.client.sse.ServerSentEventParser parser,
              dev.langchain4j.http.client.sse.ServerSentEventListener listener) {
            throw new UnsupportedOperationException();
          }
        };
    ModelHttpClient client = new ModelHttpClient(unused, true, "sk-secret-123456");
    assertThat(client.mask("{\"note\":\"sk-secret-123456\",\"api_key\":\"other\",\"x\":\"y\"}"))
        .isEqualTo("{\"note\":\"****\",\"api_key\":\"****\",\"x\":\"y\"}");
  }
}
