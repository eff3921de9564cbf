package io.meshplate.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * FreeMarker output format for YAML templates: every interpolated value is printed as one YAML
 * double-quoted scalar, so no input can open a new key, list item or document. Template text
 * itself (the YAML structure the platform team wrote) is markup and passes unchanged.
 */
final class YamlOutputFormat extends CommonMarkupOutputFormat<YamlOutputFormat.Markup> {
  static final YamlOutputFormat INSTANCE = new YamlOutputFormat();

  private YamlOutputFormat() {}

  @Override
  public String getName() {
    return "YAML";
  }

  @Override
  public String getMimeType() {
    return "application/yaml";
  }

  @Override
  public void output(String textToEsc, Writer out) throws IOException {
    out.write(quote(textToEsc));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return quote(plainTextContent);
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Markup(plainTextContent, markupContent);
  }

  /**
   * The text as a YAML double-quoted scalar. Escaped: backslash, double quote, every C0 control,
   * DEL and the C1 range (including U+0085 NEL), U+2028/U+2029 (YAML line breaks), lone
   * surrogates, U+FEFF and the non-characters U+FFFE/U+FFFF.
   */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2);
    sb.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        sb.append(c);
        continue;
      }
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            sb.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            sb.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
          } else if (c == 0x2028 || c == 0x2029 || c == 0xFEFF || c >= 0xFFFE
              || Character.isSurrogate(c)) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A piece of YAML markup (template text or an explicitly unescaped typed scalar). */
  static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
    Markup(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public YamlOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
