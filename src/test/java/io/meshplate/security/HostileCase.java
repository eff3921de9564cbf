package io.meshplate.security;

import io.meshplate.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One case of the hostile-descriptor corpus: a file under {@code src/test/resources/hostile/
 * <category>/}, whose leading {@code #!} lines say what to expect and how to place it. Adding a
 * case needs no Java. The directive lines are removed before the body is written, so line
 * numbers in {@code expect} count from the first body line.
 *
 * <pre>
 * #! expect: 4 GUARD-RESERVED-NAMESPACE 4:9   exit code, rule id, line:col in tenants/AS
 *                                              ("-": file-level, no position; "*": another file)
 * #! expect: 0                                 a valid look-alike: must render
 * #! as: kube.yaml                             file name under tenants/ (default evil.yaml); Java escapes,
 *                                              and \xNN for a byte that is not UTF-8 ("bad\xFF.yaml")
 * #! repeat: 30000 "- x\n"                     append a Java-escaped text N times to the body
 * #! bytes                                     decode &lt;0xNN&gt; in the body to raw bytes
 * #! crlf                                      write the body with CRLF line ends
 * #! symlink                                   tenants/AS is a link to the body outside tenants/
 * #! folder                                    tenants/AS is a folder (holding the body as x.yaml)
 * #! fifo                                      tenants/AS is a named pipe
 * #! tenants-link                              tenants/ itself is a link to a folder outside the project
 *                                              (expect with "as:" empty and position 1:1: "tenants/:1:1")
 * #! stale-lock                                a lock file of a dead process is present
 * #! renders: "/v1/a:b@c"                      a Java-escaped string the output must contain as a value
 * #! plant: output/dev/x.yaml "kind: X\n"       a file (Java-escaped content) in the project before the run
 * #! interrupted-write: dev/x.yaml "text\n"     a committed, unapplied journal writing that output file
 * #! warns: OUTPUT-FOREIGN-FILE output/dev/x.yaml  stderr names the rule for that path (an accept)
 * #! notes: completed an interrupted write      stderr holds this note (an accept)
 * </pre>
 */
record HostileCase(
    String id,
    int exitCode,
    String rule,
    String position,
    String fileName,
    byte[] body,
    boolean staleLock,
    List<String> renders,
    Map<String, String> plants,
    Map<String, String> interruptedWrites,
    List<String> warns,
    List<String> notes,
    Placement placement) {

  /** What {@code tenants/AS} is, and where the tenants folder lives. */
  enum Placement { FILE, SYMLINK, FOLDER, FIFO, TENANTS_LINK }

  /** The file name as meshplate prints it: controls as {@code \\uXXXX}, non-UTF-8 bytes as {@code \\xNN}. */
  String shownName() {
    return Problem.visible(fileName);
  }

  /** The name's bytes on disk: {@code \xNN} escapes become single bytes, the rest UTF-8. */
  byte[] fileNameBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < fileName.length(); i++) {
      if (fileName.startsWith("\\x", i) && i + 4 <= fileName.length()) {
        out.write(Integer.parseInt(fileName.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.writeBytes(String.valueOf(fileName.charAt(i)).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  boolean accepts() {
    return exitCode == 0;
  }

  static HostileCase read(Path file, String id) {
    try {
      return parse(id, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HostileCase parse(String id, byte[] content) {
    int exit = -1;
    String rule = null;
    String position = "-";
    String fileName = "evil.yaml";
    boolean bytes = false;
    boolean crlf = false;
    boolean staleLock = false;
    Placement placement = Placement.FILE;
    List<String> renders = new ArrayList<>();
    Map<String, String> plants = new TreeMap<>();
    Map<String, String> interrupted = new TreeMap<>();
    List<String> warns = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    StringBuilder repeat = new StringBuilder();
    int offset = 0;
    while (offset + 2 <= content.length && content[offset] == '#' && content[offset + 1] == '!') {
      int end = offset;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      String line = new String(content, offset + 2, end - offset - 2, StandardCharsets.UTF_8).strip();
      offset = Math.min(end + 1, content.length);
      int colon = line.indexOf(':');
      String key = colon < 0 ? line : line.substring(0, colon).strip();
      String value = colon < 0 ? "" : line.substring(colon + 1).strip();
      switch (key) {
        case "expect" -> {
          String[] parts = value.split("\\s+");
          exit = Integer.parseInt(parts[0]);
          rule = parts.length > 1 ? parts[1] : null;
          position = parts.length > 2 ? parts[2] : "-";
        }
        case "as" -> fileName = unescape(unquote(value));
        case "bytes" -> bytes = true;
        case "crlf" -> crlf = true;
        case "symlink" -> placement = Placement.SYMLINK;
        case "folder" -> placement = Placement.FOLDER;
        case "fifo" -> placement = Placement.FIFO;
        case "tenants-link" -> placement = Placement.TENANTS_LINK;
        case "stale-lock" -> staleLock = true;
        case "renders" -> renders.add(unescape(unquote(value)));
        case "plant", "interrupted-write" -> {
          int space = value.indexOf(' ');
          (key.equals("plant") ? plants : interrupted)
              .put(value.substring(0, space), unescape(unquote(value.substring(space + 1).strip())));
        }
        case "warns" -> warns.add(value);
        case "notes" -> notes.add(value);
        case "repeat" -> {
          int space = value.indexOf(' ');
          int times = Integer.parseInt(value.substring(0, space));
          repeat.append(unescape(unquote(value.substring(space + 1).strip())).repeat(times));
        }
        case "note" -> { }
        default -> throw new IllegalArgumentException(id + ": unknown directive '" + key + "'");
      }
    }
    if (exit < 0 || (exit != 0 && rule == null)) {
      throw new IllegalArgumentException(id + ": missing '#! expect: EXIT RULE LINE:COL'");
    }
    byte[] body = Arrays.copyOfRange(content, offset, content.length);
    if (bytes) {
      body = decodeBytes(body);
    }
    if (crlf) {
      body = new String(body, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
    if (!repeat.isEmpty()) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(body);
      all.writeBytes(repeat.toString().getBytes(StandardCharsets.UTF_8));
      body = all.toByteArray();
    }
    return new HostileCase(id, exit, rule, position, fileName, body, staleLock, renders, plants,
        interrupted, warns, notes, placement);
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }

  /** {@code \n}, {@code \r}, {@code \t}, {@code \\}, {@code \"} and {@code \}{@code uXXXX}. */
  static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'x' -> out.append("\\x"); // kept: a raw byte of a file name, see fileNameBytes()
        default -> out.append(next);
      }
    }
    return out.toString();
  }

  private static byte[] decodeBytes(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      if (text.startsWith("<0x", i) && i + 6 <= text.length() && text.charAt(i + 5) == '>') {
        out.write(Integer.parseInt(text.substring(i + 3, i + 5).toLowerCase(Locale.ROOT), 16));
        i += 5;
      } else {
        out.write(text.charAt(i));
      }
    }
    return out.toByteArray();
  }
}
