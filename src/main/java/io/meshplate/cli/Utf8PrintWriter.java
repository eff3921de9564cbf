package io.meshplate.cli;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A PrintWriter over a byte stream in UTF-8 that also takes text already encoded ({@link
 * #bytes}). The flow table of 1,000 tenants x 3 overlays is 7.8 MB: it is encoded a part at a
 * time on every core and written as it is, instead of being copied to characters and encoded
 * again on one thread at the end of the run.
 */
public final class Utf8PrintWriter extends PrintWriter {
  private final OutputStream stream;

  /** Flushes at every line, as {@code new PrintWriter(stream, true, UTF_8)} does. */
  public Utf8PrintWriter(OutputStream stream) {
    super(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), true);
    this.stream = stream;
  }

  /**
   * Where UTF-8 bytes go so they come out of {@code writer} in order with its text. For this
   * class, its own stream, after the text written so far; for any other writer, a stream that
   * decodes what it holds into {@code writer} when flushed, so a flush must come between whole
   * characters. Flush it before writing text to {@code writer} again; closing it only flushes it
   * ({@code writer} stays open).
   */
  static OutputStream bytes(PrintWriter writer) {
    if (writer instanceof Utf8PrintWriter own) {
      return new FilterOutputStream(own.stream) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          own.flush(); // the text written before goes first
          out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
          own.flush();
          out.write(b);
        }

        @Override
        public void close() throws IOException {
          flush();
        }
      };
    }
    return new ByteArrayOutputStream() {
      @Override
      public void flush() {
        writer.write(toString(StandardCharsets.UTF_8));
        writer.flush();
        reset();
      }

      @Override
      public void close() {
        flush();
      }
    };
  }
}
