package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes already in UTF-8 and text, written through one writer, come out in the order they were written. */
class Utf8PrintWriterTest {
  private static final byte[] TABLE = "  allowed  api:8080 <- web  GET /caf\u00e9/* \u2192 ok\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void bytesFollowTheTextWrittenBeforeThemOnItsOwnStream() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    Utf8PrintWriter out = new Utf8PrintWriter(stream);
    out.print("dev: 1 flows allowed \u2014 ");
    try (OutputStream bytes = Utf8PrintWriter.bytes(out)) {
      bytes.write(TABLE);
      bytes.write('.');
    }
    out.println("end");
    out.flush();

    assertThat(stream.toString(StandardCharsets.UTF_8))
        .isEqualTo("dev: 1 flows allowed \u2014 " + new String(TABLE, StandardCharsets.UTF_8) + ".end"
            + System.lineSeparator());
  }

  @Test
  void closingTheByteStreamLeavesTheWriterOpen() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    Utf8PrintWriter out = new Utf8PrintWriter(stream);
    Utf8PrintWriter.bytes(out).close();
    out.print("still open");
    out.flush();

    assertThat(out.checkError()).isFalse();
    assertThat(stream.toString(StandardCharsets.UTF_8)).isEqualTo("still open");
  }

  @Test
  void anyOtherWriterGetsTheBytesDecodedWhenFlushed() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.print("before ");
    OutputStream bytes = Utf8PrintWriter.bytes(out);
    // A character split across two writes is whole again by the flush.
    bytes.write(TABLE, 0, TABLE.length - 5);
    bytes.write(TABLE, TABLE.length - 5, 5);
    assertThat(text.toString()).isEqualTo("before "); // nothing is decoded before the flush
    bytes.close();
    out.print("after");
    out.flush();

    assertThat(text.toString()).isEqualTo("before " + new String(TABLE, StandardCharsets.UTF_8) + "after");
  }
}
