package io.meshplate.yaml;

import java.util.Locale;

/** Makes text from input safe to echo in a one-line message. */
public final class Messages {
  private Messages() {}

  /**
   * Escapes control characters and everything outside printable ASCII as {@code \\uXXXX} (or
   * {@code \\n}, {@code \\t}, {@code \\r}), so a hostile value cannot forge extra lines or
   * terminal sequences in a CI log, and look-alike letters become visible.
   */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                default -> {
                  if (cp >= 0x20 && cp < 0x7f) {
                    sb.append((char) cp);
                  } else if (cp <= 0xffff) {
                    sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
                  } else {
                    sb.append(String.format(Locale.ROOT, "\\U%08X", cp));
                  }
                }
              }
            });
    return sb.toString();
  }
}
