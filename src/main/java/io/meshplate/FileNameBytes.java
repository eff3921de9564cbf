package io.meshplate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File names whose bytes are not UTF-8. Java decodes such a name to U+FFFD, losing the bytes;
 * the file URI still carries them (percent-encoded), so a message can show the name as it is on
 * disk: {@code bad\xFF.yaml} rather than an unprintable or misleading replacement character.
 */
final class FileNameBytes {
  private FileNameBytes() {}

  /** {@code fallback} with every undecodable byte of the real name shown as {@code \xNN}. */
  static String display(Path abs, Path root, String fallback) {
    String path = abs.toUri().getRawPath();
    String prefix = root.toUri().getRawPath();
    if (!path.startsWith(prefix)) {
      return fallback;
    }
    byte[] bytes = percentDecode(path.substring(prefix.length()));
    StringBuilder out = new StringBuilder();
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
    while (in.hasRemaining()) {
      CoderResult result = decoder.decode(in, chars, true);
      chars.flip();
      out.append(chars);
      chars.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          out.append(String.format(Locale.ROOT, "\\x%02X", in.get() & 0xff));
        }
      } else if (result.isUnderflow()) {
        break;
      }
    }
    String text = out.toString();
    return text.endsWith("/") && !fallback.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static byte[] percentDecode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toByteArray();
  }
}
