package io.agentkeel.reliability;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.testkit.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes scripted models reached in-process or over HTTP through LangChain4j's real OpenAI client,
 * and closes the servers behind them.
 */
final class Models implements AutoCloseable {

  /** How a test reaches its scripted model. */
  enum Via {
    IN_PROCESS,
    OPENAI_HTTP
  }

  /** The OpenAI client's timeout; the server holds a scripted timeout longer than this. */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);

  private final Via via;
  private final List<ScriptedOpenAiServer> servers = new ArrayList<>();
  private final List<ScriptedChatModel> inProcess = new ArrayList<>();

  Models(Via via) {
    this.via = via;
  }

  ChatModel model(String name, ModelScript script) {
    if (via == Via.IN_PROCESS) {
      ScriptedChatModel model = ScriptedChatModel.named(name, script);
      inProcess.add(model);
      return model;
    }
    ScriptedOpenAiServer server = ScriptedOpenAiServer.start(script, Duration.ofSeconds(3));
    servers.add(server);
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName(name)
        .maxRetries(0)
        .timeout(CLIENT_TIMEOUT)
        .build();
  }

  /** Everything the i-th model made was sent, as text, over all its requests. */
  String sent(int model) {
    return via == Via.IN_PROCESS
        ? inProcess.get(model).requests().toString()
        : String.join("\n", servers.get(model).requestBodies());
  }

  @Override
  public void close() {
    servers.forEach(ScriptedOpenAiServer::close);
  }
}
