package io.meshplate.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import io.meshplate.yaml.CanonicalYaml;
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

  /** The text as one YAML double-quoted scalar (the canonical writer's quoting). */
  static String quote(String text) {
    return CanonicalYaml.doubleQuoted(text);
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
