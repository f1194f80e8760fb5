package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.agentkeel.core.ModelSpec;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the model receives, read off the wire: LangChain4j's OpenAI client, made by {@link
 * ModelSpec}, against the scripted OpenAI-compatible server.
 */
class ToolSchemaOverHttpTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String KEY = "sk-test-0123456789abcdef";

  /** Help-desk arguments with every kind of constraint. */
  record SearchTickets(
      @Param(value = "The ticket's id, such as T-1042.", pattern = "^T-[0-9]{1,6}$")
          String ticketId,
      @Param(value = "How many days back to search.", min = 1, max = 90) @Default("30") int days,
      @Param(value = "Words in the ticket's title.", minLength = 2, maxLength = 40) String words,
      @Param("Who the ticket is for.") Requester requester) {}

  record Requester(
      @Param(value = "The requester's e-mail address.", maxLength = 120) String email) {}

  static final class HelpDesk {
    @AgentTool(
        name = "search_tickets",
        description = "Lists help-desk tickets matching the search.",
        whenToUse = "When the user asks about an existing ticket.",
        scopes = "tickets:read",
        sideEffect = SideEffect.READ_ONLY)
    public List<String> search(SearchTickets request, ToolContext context) {
      return List.of(request.ticketId());
    }
  }

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger http = (Logger) LoggerFactory.getLogger("io.agentkeel.model.http");

  @BeforeEach
  void captureLog() {
    log.start();
    http.setLevel(Level.INFO);
    http.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    http.detachAppender(log);
    http.setLevel(null);
  }

  private static RegisteredTool tool() {
    List<Tool<?, ?>> tools = AnnotatedTools.of(new HelpDesk());
    return ToolCatalog.of(tools.toArray(new Tool<?, ?>[0])).tools().get(0);
  }

  private static String send(ChatModel model) {
    model.chat(
        ChatRequest.builder()
            .messages(UserMessage.from("Find ticket T-7"))
            .toolSpecifications(tool().specification())
            .build());
    return "sent";
  }

  @Test
  void theRequestBodyHoldsBoundsPatternDefaultAndAdditionalProperties() {
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(ModelScript.builder().text("Looking.").build())) {
      send(ModelSpec.openAiCompatible(server.baseUrl(), "local-model").create(Map.of()));

      JsonNode parameters =
          JSON.readTree(server.requestBodies().getFirst()).at("/tools/0/function/parameters");
      assertThat(parameters.get("additionalProperties").isBoolean()).isTrue();
      assertThat(parameters.get("additionalProperties").asBoolean()).isFalse();
      assertThat(parameters.get("required").toString())
          .isEqualTo("[\"ticket_id\",\"words\",\"requester\"]");
      JsonNode days = parameters.at("/properties/days");
      assertThat(days.get("minimum").asInt()).isEqualTo(1);
      assertThat(days.get("maximum").asInt()).isEqualTo(90);
      assertThat(days.get("default").asInt()).isEqualTo(30);
      assertThat(days.get("description").asString())
          .isEqualTo("How many days back to search. Between 1 and 90, default 30.");
      JsonNode ticket = parameters.at("/properties/ticket_id");
      assertThat(ticket.get("pattern").asString()).isEqualTo("^T-[0-9]{1,6}$");
      assertThat(ticket.get("description").asString())
          .isEqualTo("The ticket's id, such as T-1042. Matching the pattern ^T-[0-9]{1,6}$.");
      JsonNode words = parameters.at("/properties/words");
      assertThat(words.get("minLength").asInt()).isEqualTo(2);
      assertThat(words.get("maxLength").asInt()).isEqualTo(40);
      JsonNode requester = parameters.at("/properties/requester");
      assertThat(requester.get("additionalProperties").asBoolean(true)).isFalse();
      assertThat(requester.at("/properties/email/maxLength").asInt()).isEqualTo(120);
    }
  }

  @Test
  void aKeylessLocalServerNeedsNoKeyAndGetsNoAuthorizationHeader() {
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(ModelScript.builder().text("Hello.").build())) {
      ChatModel model =
          ModelSpec.openAiCompatible(server.baseUrl(), "local-model")
              .withHttpLogging(true)
              .withTimeout(Duration.ofSeconds(5))
              .create(Map.of());

      assertThat(send(model)).isEqualTo("sent");

      assertThat(log.list).hasSize(2);
      assertThat(log.list.getFirst().getFormattedMessage())
          .startsWith("model request: POST " + server.baseUrl())
          .doesNotContainIgnoringCase("authorization");
    }
  }

  @Test
  void httpLoggingMasksTheKeyEverywhere() {
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(ModelScript.builder().text("Hello.").build())) {
      ChatModel model =
          ModelSpec.openAiCompatible(server.baseUrl(), "local-model", "HELPDESK_MODEL_KEY")
              .withHttpLogging(true)
              .create(Map.of("HELPDESK_MODEL_KEY", KEY));

      send(model);

      assertThat(log.list).hasSize(2);
      String request = log.list.get(0).getFormattedMessage();
      String response = log.list.get(1).getFormattedMessage();
      assertThat(request).contains("Authorization: ****").contains("search_tickets");
      assertThat(response).startsWith("model response: 200").contains("Hello.");
      assertThat(log.list)
          .allSatisfy(event ->
              assertThat(event.getFormattedMessage())
                  .doesNotContain(KEY)
                  .doesNotContain(KEY.substring(KEY.length() - 6)));
    }
  }

  @Test
  void withoutTheSwitchNothingIsLogged() {
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(ModelScript.builder().text("Hello.").build())) {
      send(ModelSpec.openAiCompatible(server.baseUrl(), "local-model").create(Map.of()));
      assertThat(log.list).isEmpty();
    }
  }
}
