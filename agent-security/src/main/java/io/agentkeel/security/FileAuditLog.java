package io.agentkeel.security;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.RunContext;
import io.agentkeel.security.internal.AuditChecker;
import io.agentkeel.security.internal.AuditRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded audit log: one file, one line per entry, appended only, chained by SHA-256, with a
 * small anchor file ({@code <name>.head}) holding the position and hash of the last forced entry so
 * that entries cut off the end are detected too. Entries are forced to disk by the {@link
 * FsyncPolicy}; a tool's intent always is, before {@link #append} returns.
 *
 * <p>One writer per file. On open, a partly written last line (the writer was killed mid-write) is
 * cut off and reported in the log, so that appending continues from the last complete entry.
 * Opening, {@link #verify() verifying} and reading the log go through it one line at a time: they
 * take memory for its longest entry, however long the log has grown. Thread-safe.
 */
public final class FileAuditLog implements AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);

  private static final int WRITE_CHUNK = 64 * 1024;

  private final Path file;
  private final Path head;
  private final FsyncPolicy fsync;
  private final AuditRecorder recorder;
  private final FileChannel channel;
  private long seq;
  private String lastHash;
  private boolean dirty;

  /**
   * Opens (or creates) a log.
   *
   * @param file the log file
   * @param fsync when entries are forced to disk
   * @param redactor redacts every payload
   * @param failurePolicy what to do when an entry cannot be stored
   * @throws UncheckedIOException if the file cannot be opened
   */
  public FileAuditLog(
      Path file, FsyncPolicy fsync, PiiRedactor redactor, AuditFailurePolicy failurePolicy) {
    this.file = Objects.requireNonNull(file, "file");
    this.head = file.resolveSibling(file.getFileName() + ".head");
    this.fsync = Objects.requireNonNull(fsync, "fsync");
    this.recorder = new AuditRecorder(redactor, failurePolicy);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Scan p = scan(file, Long.MAX_VALUE, e -> {});
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      if (p.partialTail) {
        LOG.warn(
            "audit log {}: entry {} was only partly written when the writer stopped; cutting it off",
            file.getFileName(),
            (p.last == null ? 0 : p.last.seq()) + 1);
        channel.truncate(p.completeBytes);
        channel.force(true);
      }
      channel.position(channel.size());
      if (p.malformedAt > 0) {
        LOG.warn(
            "audit log {}: line {} is not a well-formed entry, as verify() reports; new entries"
                + " follow the last well-formed one",
            file.getFileName(),
            p.malformedAt);
      }
      this.seq = p.last == null ? 0 : p.last.seq();
      this.lastHash = p.last == null ? AuditEntry.GENESIS : p.last.hash();
      if (p.partialTail) {
        forceAndAnchor(); // the cut entry was never acknowledged: anchor the last complete one
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit log " + file, e);
    }
  }

  @Override
  public void append(AgentEvent event) {
    store(event, recorder.fields(event));
  }

  /** Stores the event under its run's principal, also in a run that did not begin here. */
  @Override
  public void append(AgentEvent event, RunContext context) {
    store(event, recorder.fields(event, context.principal().id()));
  }

  private void store(AgentEvent event, AuditRecorder.Fields f) {
    try {
      synchronized (this) {
        AuditEntry e = AuditRecorder.entry(f, event.at(), seq + 1, lastHash);
        byte[] line = format(e).getBytes(StandardCharsets.UTF_8);
        long before = channel.position();
        try {
          writeLine(line);
        } catch (IOException partial) {
          channel.truncate(before); // no half entry stays behind a failed write
          throw partial;
        }
        seq = e.seq();
        lastHash = e.hash();
        dirty = true;
        boolean force =
            fsync == FsyncPolicy.EVERY_ENTRY
                || event instanceof AgentEvent.ToolIntended
                || event instanceof AgentEvent.TaskFinished;
        if (force) {
          forceAndAnchor();
        }
      }
    } catch (IOException | RuntimeException e) {
      recorder.failed(event, e instanceof Exception ex ? ex : new IllegalStateException(e));
    }
  }

  private void writeLine(byte[] line) throws IOException {
    // bounded writes: a large entry goes out in several system calls, like any big write
    for (int off = 0; off < line.length; off += WRITE_CHUNK) {
      ByteBuffer buf = ByteBuffer.wrap(line, off, Math.min(WRITE_CHUNK, line.length - off));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }
  }

  private void forceAndAnchor() throws IOException {
    channel.force(false);
    byte[] anchor = (seq + " " + lastHash + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel h =
        FileChannel.open(
            head,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      h.write(ByteBuffer.wrap(anchor));
      h.force(false);
    }
    dirty = false;
  }

  @Override
  public synchronized void flush() {
    if (!dirty) {
      return;
    }
    try {
      forceAndAnchor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force the audit log " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      flush();
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("closing the audit log {} failed: {}", file.getFileName(), e.getMessage());
      }
    }
  }

  /**
   * Verifies the log as it stood at the call: the entries written and the anchor are noted under
   * the appends' lock, then read without holding appends back, so that an entry written or anchored
   * meanwhile is neither taken for a truncated log nor waits for a long read.
   */
  @Override
  public AuditVerification verify() {
    long written;
    byte[] anchor;
    synchronized (this) {
      try {
        written = written();
        anchor = Files.exists(head) ? Files.readAllBytes(head) : null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the audit log " + file, e);
      }
    }
    return verify(file, written, anchor);
  }

  /**
   * Verifies a log file (and its anchor, if present) without opening it for writing.
   *
   * @param file the log file
   * @return the verification
   */
  public static AuditVerification verify(Path file) {
    Path head = file.resolveSibling(file.getFileName() + ".head");
    try {
      return verify(file, Long.MAX_VALUE, Files.exists(head) ? Files.readAllBytes(head) : null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
  }

  /**
   * Verifies the first {@code written} bytes of a log against an anchor's bytes (null: none),
   * reading the log one line at a time.
   */
  private static AuditVerification verify(Path file, long written, byte[] anchorBytes) {
    long anchorSeq = 0;
    String anchorHash = "";
    boolean anchorChanged = false;
    if (anchorBytes != null) {
      // bytes, not readString: a changed anchor is reported like a changed entry, not thrown
      String anchor = new String(anchorBytes, StandardCharsets.UTF_8).strip();
      String[] a = anchor.split(" ");
      if (a.length == 2 && a[0].matches("[0-9]{1,18}") && a[1].matches("[0-9a-f]{64}")) {
        anchorSeq = Long.parseLong(a[0]);
        anchorHash = a[1];
      } else {
        anchorChanged = !anchor.isEmpty();
      }
    }
    AuditChecker checker = new AuditChecker(anchorSeq, anchorHash);
    Scan scan;
    try {
      scan = scan(file, written, checker::accept);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    if (scan.malformedAt > 0) {
      return new AuditVerification(
          scan.wellFormed,
          Optional.of(
              new AuditVerification.Problem(
                  AuditVerification.Kind.ALTERED,
                  scan.malformedAt,
                  "line " + scan.malformedAt + " is not a well-formed entry")));
    }
    AuditVerification chain = checker.result(scan.partialTail);
    if (anchorChanged && chain.intact()) {
      Path head = file.resolveSibling(file.getFileName() + ".head");
      return new AuditVerification(
          chain.entries(),
          Optional.of(
              new AuditVerification.Problem(
                  AuditVerification.Kind.ALTERED,
                  chain.entries(),
                  "the anchor file "
                      + head.getFileName()
                      + " does not hold '<position> <hash>': it was changed")));
    }
    return chain;
  }

  @Override
  public List<AuditEntry> entries() {
    long written;
    synchronized (this) {
      try {
        written = written();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the audit log " + file, e);
      }
    }
    try {
      // The entries written at the call, read without holding appends back.
      List<AuditEntry> entries = new ArrayList<>();
      scan(file, written, entries::add);
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
  }

  @Override
  public long lost() {
    return recorder.lost();
  }

  // ------------------------------------------------------------------ format

  /**
   * A log as read: how many well-formed entries precede its first malformed line, whether it ends
   * in a partly written line (and where its complete lines end), the first malformed line (0: none)
   * and the last well-formed entry anywhere in it (null: none).
   */
  private record Scan(
      long wellFormed,
      boolean partialTail,
      long completeBytes,
      long malformedAt,
      AuditEntry last) {}

  /**
   * Reads the first {@code limit} bytes of a log (all of it for {@link Long#MAX_VALUE}) one line at
   * a time, handing each well-formed entry before the first malformed line to {@code entries}: the
   * memory it takes is that of the longest line, however long the log.
   */
  private static Scan scan(Path file, long limit, Consumer<AuditEntry> entries) throws IOException {
    if (!Files.exists(file)) {
      return new Scan(0, false, 0, 0, null);
    }
    long wellFormed = 0;
    long lineNo = 0;
    long malformedAt = 0;
    AuditEntry last = null;
    try (AuditLogLines lines = new AuditLogLines(file, limit)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        lineNo++;
        AuditEntry e = parseLine(line);
        if (e == null) {
          if (malformedAt == 0) {
            malformedAt = lineNo;
          }
        } else {
          if (malformedAt == 0) {
            wellFormed++;
            entries.accept(e);
          }
          // Past a malformed line too: the writer goes on after the last entry, not before it.
          last = e;
        }
      }
      return new Scan(wellFormed, lines.partialTail(), lines.completeBytes(), malformedAt, last);
    }
  }

  /** The bytes of entries written so far; all of the file once the log is closed. */
  private long written() throws IOException {
    return channel.isOpen() ? channel.position() : Long.MAX_VALUE;
  }

  static String format(AuditEntry e) {
    return e.seq()
        + "\t"
        + e.at()
        + "\t"
        + esc(e.taskId())
        + "\t"
        + esc(e.principal())
        + "\t"
        + esc(e.type())
        + "\t"
        + esc(e.tool())
        + "\t"
        + esc(e.action())
        + "\t"
        + e.prevHash()
        + "\t"
        + e.hash()
        + "\t"
        + esc(e.payload())
        + "\n";
  }

  private static AuditEntry parseLine(String line) {
    String[] p = line.split("\t", -1);
    if (p.length != 10) {
      return null;
    }
    try {
      return new AuditEntry(
          Long.parseLong(p[0]),
          Instant.parse(p[1]),
          unesc(p[2]),
          unesc(p[3]),
          unesc(p[4]),
          unesc(p[5]),
          unesc(p[6]),
          unesc(p[9]),
          p[7],
          p[8]);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String unesc(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(
            switch (n) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
