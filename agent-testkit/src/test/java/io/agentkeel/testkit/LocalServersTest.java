package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class LocalServersTest {

  @Test
  void aListeningServerLetsTheTestRun() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatCode(() -> LocalServers.require("Test server", server.getLocalPort()))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void anAbsentServerSkipsTheTestOrFailsItUnderCi() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    boolean ci = "true".equals(System.getenv("CI"));
    assertThatThrownBy(() -> LocalServers.require("Test server", port))
        .isInstanceOf(ci ? AssertionError.class : TestAbortedException.class)
        .hasMessageContaining("Test server is not reachable on 127.0.0.1:" + port);
  }

  @Test
  void prefixesAreUniqueAndStartWithTheModule() {
    String a = LocalServers.uniquePrefix("akx");
    String b = LocalServers.uniquePrefix("akx");
    assertThat(a).startsWith("akx").endsWith("_").hasSize(16).isNotEqualTo(b);
  }
}
