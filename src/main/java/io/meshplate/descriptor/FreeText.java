package io.meshplate.descriptor;

import java.util.Locale;
import java.util.Optional;

/**
 * Free text a tenant writes (namespace annotation values such as {@code description}): any
 * printable Unicode, in any script, with emoji and typographic punctuation ({@code Équipe
 * Paiements — ✓}). Refused are only the characters that change what a reader sees without
 * being seen themselves: controls (a newline can forge a log line, an escape sequence recolours
 * a terminal), bidirectional controls (they reorder how the text is displayed, as in "Trojan
 * Source" attacks) and invisible characters (zero-width and filler characters that make two
 * different values look the same), plus unassigned and private-use code points, which no font
 * shows reliably.
 */
final class FreeText {
  private FreeText() {}

  /** Why {@code value} is refused, naming the first offending character, or empty when it is fine. */
  static Optional<String> whyRefused(String value) {
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      String why = cp == ZERO_WIDTH_JOINER && joinsEmoji(value, i) ? null : why(cp);
      if (why != null) {
        return Optional.of("contains " + describe(cp) + " at character " + (value.codePointCount(0, i) + 1)
            + ", " + why);
      }
      i += Character.charCount(cp);
    }
    return Optional.empty();
  }

  private static final int ZERO_WIDTH_JOINER = 0x200D;

  /**
   * A zero-width joiner between two pictographs is part of one emoji (a person and a laptop
   * make a technologist), not a hidden character; skin-tone modifiers and variation selectors
   * may follow the first pictograph.
   */
  private static boolean joinsEmoji(String value, int at) {
    int before = at;
    while (before > 0) {
      int cp = value.codePointBefore(before);
      if (cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
        before -= Character.charCount(cp);
      } else {
        break;
      }
    }
    int after = at + 1;
    return before > 0 && after < value.length()
        && Character.getType(value.codePointBefore(before)) == Character.OTHER_SYMBOL
        && Character.getType(value.codePointAt(after)) == Character.OTHER_SYMBOL;
  }

  private static String why(int cp) {
    if (isBidi(cp)) {
      return "a bidirectional control that reorders how the text is displayed";
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL -> "a control character (line breaks and escape sequences can forge log lines)";
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line separator (it can forge log lines)";
      case Character.FORMAT -> "an invisible formatting character (it makes different values look the same)";
      case Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE ->
          "a code point without a defined visible form";
      default -> isInvisibleLetter(cp) ? "an invisible filler character (it makes different values look the same)" : null;
    };
  }

  /** Bidi_Control characters: ALM, LRM, RLM, the embeddings and overrides, the isolates. */
  private static boolean isBidi(int cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** Letters and symbols that render as blank space yet are not spaces (Hangul fillers, braille blank). */
  private static boolean isInvisibleLetter(int cp) {
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
  }

  private static String describe(int cp) {
    String name = Character.getName(cp);
    String code = String.format(Locale.ROOT, "U+%04X", cp);
    return name == null ? code : code + " (" + name + ")";
  }
}
