package io.agentkeel.security;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The lines of a log file read one at a time, so that reading a log takes memory for its longest
 * line, not for the whole file. A line is complete when its {@code '\n'} has been written; bytes
 * after the last one are a partly written line. Not thread-safe.
 */
final class AuditLogLines implements Closeable {
  private static final int READ_CHUNK = 64 * 1024;
  private static final int LINE_KEPT = 1024 * 1024;
  private static final int MAX_LINE = Integer.MAX_VALUE - 8; // the largest array a JVM makes

  private final FileChannel in;
  private final ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
  private long unread;
  private byte[] line = new byte[8 * 1024];
  private int lineLength;
  private long completeBytes;

  /**
   * Opens the first {@code limit} bytes of a file ({@link Long#MAX_VALUE}: up to its end).
   *
   * @param file the log file
   * @param limit how many bytes to read at most
   * @throws IOException if the file cannot be opened
   */
  AuditLogLines(Path file, long limit) throws IOException {
    this.in = FileChannel.open(file, StandardOpenOption.READ);
    this.unread = limit;
    chunk.flip(); // empty
  }

  /**
   * The next complete line, without its {@code '\n'}, or null when no complete line is left.
   *
   * @return the line, or null
   * @throws IOException if the file cannot be read
   */
  String next() throws IOException {
    if (line.length > LINE_KEPT) {
      line = new byte[8 * 1024]; // one huge entry does not keep its buffer for the whole read
    }
    lineLength = 0;
    while (true) {
      if (!chunk.hasRemaining() && !fill()) {
        return null;
      }
      byte[] a = chunk.array();
      int from = chunk.position();
      int to = chunk.limit();
      int nl = from;
      while (nl < to && a[nl] != '\n') {
        nl++;
      }
      append(a, from, nl - from);
      if (nl < to) {
        chunk.position(nl + 1);
        completeBytes += lineLength + 1L;
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
      }
      chunk.position(to);
    }
  }

  /** The bytes of the complete lines read so far: where a partly written line would begin. */
  long completeBytes() {
    return completeBytes;
  }

  /** Whether bytes followed the last complete line; meaningful once {@link #next} returned null. */
  boolean partialTail() {
    return lineLength > 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean fill() throws IOException {
    if (unread <= 0) {
      return false;
    }
    chunk.clear();
    chunk.limit((int) Math.min(READ_CHUNK, unread));
    int n = in.read(chunk); // a file channel reads at least one byte, or says end of file
    chunk.flip();
    if (n < 0) {
      unread = 0;
      return false;
    }
    unread -= n;
    return true;
  }

  private void append(byte[] a, int from, int length) throws IOException {
    long needed = (long) lineLength + length;
    if (needed > line.length) {
      if (needed > MAX_LINE) {
        throw new IOException(
            "the line at byte "
                + completeBytes
                + " is longer than "
                + MAX_LINE
                + " bytes, more than an entry can be: the file was not written as an audit log");
      }
      line = Arrays.copyOf(line, (int) Math.min(MAX_LINE, Math.max(line.length * 2L, needed)));
    }
    System.arraycopy(a, from, line, lineLength, length);
    lineLength += length;
  }
}
