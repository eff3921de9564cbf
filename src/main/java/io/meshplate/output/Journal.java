package io.meshplate.output;

import io.meshplate.OutputException;
import io.meshplate.Problem;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The write-ahead journal of one run: which files to write (as byte ranges of the run's pack)
 * and which to delete. Text, one operation per line, so a damaged journal can be read by a
 * person:
 *
 * <pre>
 * meshplate-journal 2
 * boot 5c1f…            the kernel boot the run committed in ("-" where unknown)
 * writer pid=… host=…   who committed it, for messages
 * W 0 1234 dev/tenants/payments/sidecar.yaml
 * D dev/tenants/gone/sidecar.yaml
 * commit pack 1234 entries 2
 * end
 * </pre>
 *
 * <p>Operations are appended while folders are staged, in any order: applying deletes all
 * deletes, then writes all writes, and no path is both written and deleted, so the order of the
 * lines never changes the result. The trailer is written last; a journal without it was never
 * committed and is refused.
 */
final class Journal {
  static final String MAGIC = "meshplate-journal 2";
  static final String RULE_DAMAGED = "OUTPUT-JOURNAL-DAMAGED";
  private static final String END = "end";
  /** Why a journal whose bytes are not UTF-8 is damaged: meshplate writes it as such, so its bytes changed since. */
  static final String NOT_TEXT = "its bytes are not the UTF-8 text meshplate wrote";

  private Journal() {}

  /** One operation. {@code offset} and {@code length} locate a write's content in the pack. */
  record Entry(boolean write, long offset, long length, String path) {}

  /** Header and trailer facts of a committed journal. */
  record Summary(String boot, String writer, long packLength, long writes, long deletes) {
    String describe() {
      return writes + " files written, " + deletes + " deleted (run of " + writer + ")";
    }
  }

  /** Appends operations as they are staged; thread-safe. */
  static final class Writer implements Closeable {
    private final FileChannel channel;
    private final BufferedWriter out;
    private long entries;

    Writer(Path file, String boot, String writer) throws IOException {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      this.out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
      out.write(MAGIC + "\nboot " + boot + "\nwriter " + writer + "\n");
    }

    synchronized void write(long offset, long length, String path) throws IOException {
      out.write("W " + offset + " " + length + " " + path + "\n");
      entries++;
    }

    synchronized void delete(String path) throws IOException {
      out.write("D " + path + "\n");
      entries++;
    }

    /** Writes the trailer and forces the journal to disk: after this it may become the commit marker. */
    synchronized void seal(long packLength) throws IOException {
      out.write("commit pack " + packLength + " entries " + entries + "\n" + END + "\n");
      out.flush();
      channel.force(true);
    }

    @Override
    public synchronized void close() throws IOException {
      out.close();
    }
  }

  /**
   * Reads and checks a committed journal: magic, trailer, every path (OUTPUT-PATH-INVALID
   * rules) and every byte range against the pack's length.
   *
   * @throws OutputException ({@value #RULE_DAMAGED}) when anything does not hold
   */
  static Summary check(Path journal, long actualPackLength) throws IOException {
    String boot = null;
    String writer = "an unknown writer";
    String previous = null;
    String last = null;
    long writes = 0;
    long deletes = 0;
    long maxEnd = 0;
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (!MAGIC.equals(line)) {
        throw damaged(journal, line != null && line.startsWith("meshplate-journal")
            ? "it was written by another version of meshplate" : "it does not start with the journal header");
      }
      for (line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("boot ") && boot == null) {
          boot = line.substring(5);
        } else if (line.startsWith("writer ")) {
          writer = line.substring(7);
        } else if (line.startsWith("W ") || line.startsWith("D ")) {
          Entry entry = parse(journal, line);
          if (entry.write()) {
            writes++;
            maxEnd = Math.max(maxEnd, entry.offset() + entry.length());
          } else {
            deletes++;
          }
        } else if (!line.startsWith("commit ") && !END.equals(line)) {
          throw damaged(journal, "it holds an invalid line");
        }
        previous = last;
        last = line;
      }
    } catch (CharacterCodingException notText) {
      throw damaged(journal, NOT_TEXT);
    }
    String expected = "commit pack " + actualPackLength + " entries " + (writes + deletes);
    if (!END.equals(last) || !expected.equals(previous)) {
      throw damaged(journal, "its trailer does not match its operations and pack");
    }
    if (maxEnd > actualPackLength) {
      throw damaged(journal, "it points past the end of its pack");
    }
    return new Summary(boot == null ? "-" : boot, writer, actualPackLength, writes, deletes);
  }

  /** An action on one operation that may fail with an I/O error. */
  interface Action {
    void accept(Entry entry) throws IOException;
  }

  /** Calls {@code action} for each operation (of one kind) in file order. */
  static void forEach(Path journal, boolean writes, Action action) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith(writes ? "W " : "D ")) {
          action.accept(parse(journal, line));
        }
      }
    } catch (CharacterCodingException notText) {
      throw damaged(journal, NOT_TEXT);
    }
  }

  private static Entry parse(Path journal, String line) {
    try {
      if (line.startsWith("D ")) {
        return valid(journal, new Entry(false, 0, 0, line.substring(2)));
      }
      int first = line.indexOf(' ', 2);
      int second = line.indexOf(' ', first + 1);
      long offset = Long.parseLong(line.substring(2, first));
      long length = Long.parseLong(line.substring(first + 1, second));
      if (offset < 0 || length < 0) {
        throw damaged(journal, "it holds an invalid line");
      }
      return valid(journal, new Entry(true, offset, length, line.substring(second + 1)));
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      throw damaged(journal, "it holds an invalid line");
    }
  }

  private static Entry valid(Path journal, Entry entry) {
    if (OutputPaths.whyInvalid(entry.path()).isPresent()) {
      throw damaged(journal, "it holds an invalid line");
    }
    return entry;
  }

  static OutputException damaged(Path journal, String why) {
    String shown = ".meshplate/" + journal.getParent().getFileName() + "/" + journal.getFileName();
    if (journal.getParent().getFileName().toString().equals(".meshplate")) {
      shown = ".meshplate/" + journal.getFileName();
    }
    return new OutputException(List.of(Problem.at(shown, 0, 0, RULE_DAMAGED,
            "the output journal cannot be applied: " + why)
        .withHint("output/ may be partly updated: delete " + shown
            + ", restore output/ with git checkout output/, then run meshplate render")));
  }
}
