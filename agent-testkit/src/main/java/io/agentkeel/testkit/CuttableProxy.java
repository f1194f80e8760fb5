package io.agentkeel.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a fixed local port in front of a shared server (PostgreSQL, Redis, a broker),
 * for tests of what an adapter does when its server goes away: {@link #cut} makes the server look
 * stopped to the clients behind it (every connection reset, new ones refused) and {@link #restore}
 * makes it look restarted on the same address, without touching the server other tests use.
 *
 * <pre>{@code
 * try (CuttableProxy proxy = new CuttableProxy("127.0.0.1", 5432)) {
 *   // point the adapter at 127.0.0.1:proxy.port(), then:
 *   proxy.cut();     // the database "stops"
 *   proxy.restore(); // and "restarts"
 * }
 * }</pre>
 */
public final class CuttableProxy implements AutoCloseable {
  private final String host;
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;

  /**
   * Starts forwarding a free local port to a server.
   *
   * @param host the server's host
   * @param targetPort the server's port
   * @throws IOException if no local port can be opened
   */
  public CuttableProxy(String host, int targetPort) throws IOException {
    this.host = host;
    this.targetPort = targetPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    accept(listener);
  }

  /**
   * The local port the clients connect to.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The server goes away: the listener closes and every forwarded connection is reset.
   *
   * @throws IOException if a socket cannot be closed
   */
  public synchronized void cut() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  /**
   * The server is back on the same address.
   *
   * @throws IOException if the local port cannot be opened again
   */
  public synchronized void restore() throws IOException {
    if (listener.isClosed()) {
      listener = listen(port);
      accept(listener);
    }
  }

  /** Stops forwarding, as {@link #cut} does. */
  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return server;
  }

  private void accept(ServerSocket server) {
    Thread.ofVirtual()
        .name("proxy-accept-" + port)
        .start(() -> {
          while (!server.isClosed()) {
            try {
              Socket in = server.accept();
              Socket out = new Socket(host, targetPort);
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
            // cut, or the other side closed
          } finally {
            closeQuietly(from);
            closeQuietly(to);
          }
        });
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
