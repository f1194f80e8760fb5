package io.agentkeel.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of a shared server, so that a test can make the server unreachable
 * mid-test (by stopping the proxy) without stopping the server other engineers' tests use.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  TcpProxy(String host, int port) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(() -> {
          while (open) {
            try {
              Socket in = server.accept();
              Socket out = new Socket(host, port);
              sockets.add(in);
              sockets.add(out);
              pipe(in, out);
              pipe(out, in);
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  int port() {
    return server.getLocalPort();
  }

  private void pipe(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(() -> {
          byte[] buf = new byte[8192];
          try (InputStream i = from.getInputStream();
              OutputStream o = to.getOutputStream()) {
            int n;
            while ((n = i.read(buf)) >= 0) {
              o.write(buf, 0, n);
              o.flush();
            }
          } catch (IOException e) {
            // closed
          }
        });
  }

  /** Makes the server unreachable: closes the listener and every forwarded connection. */
  @Override
  public void close() throws IOException {
    open = false;
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
