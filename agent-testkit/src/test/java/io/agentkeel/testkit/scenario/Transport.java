package io.agentkeel.testkit.scenario;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.testkit.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a scenario reaches its scripted model: in-process, or over HTTP through LangChain4j's real
 * OpenAI client to a scripted OpenAI-compatible server on 127.0.0.1.
 */
enum Transport {
  IN_PROCESS,
  OPENAI_HTTP;

  /** The models one scenario made, so it can inspect what they were asked and close them. */
  final class Models implements AutoCloseable {
    private final Map<String, ScriptedChatModel> inProcess = new LinkedHashMap<>();
    private final Map<String, ScriptedOpenAiServer> servers = new LinkedHashMap<>();

    ChatModel model(String name, ModelScript script) {
      if (Transport.this == IN_PROCESS) {
        ScriptedChatModel model = ScriptedChatModel.named(name, script);
        inProcess.put(name, model);
        return model;
      }
      ScriptedOpenAiServer server = ScriptedOpenAiServer.start(script, Duration.ofSeconds(3));
      servers.put(name, server);
      return OpenAiChatModel.builder()
          .baseUrl(server.baseUrl())
          .apiKey("test-key")
          .modelName(name)
          .maxRetries(0)
          .timeout(Duration.ofSeconds(1))
          .build();
    }

    /** Tool names offered to the named model in its n-th request. */
    List<String> offeredTools(String name, int request) {
      return Transport.this == IN_PROCESS
          ? inProcess.get(name).offeredToolNames(request)
          : servers.get(name).offeredToolNames(request);
    }

    /** Everything the named model was sent in its n-th request, as text. */
    String request(String name, int request) {
      if (Transport.this == IN_PROCESS) {
        ChatRequest sent = inProcess.get(name).requests().get(request);
        return sent.messages().toString();
      }
      return servers.get(name).requestBodies().get(request);
    }

    int requests(String name) {
      return Transport.this == IN_PROCESS
          ? inProcess.get(name).requests().size()
          : servers.get(name).requestBodies().size();
    }

    @Override
    public void close() {
      List<ScriptedOpenAiServer> open = new ArrayList<>(servers.values());
      open.forEach(ScriptedOpenAiServer::close);
    }
  }

  Models models() {
    return new Models();
  }
}
