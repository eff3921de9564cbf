package io.meshplate.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Test helper: finds plain scalars that a YAML 1.1 reader (kubectl, Helm) would type differently
 * from the YAML 1.2 JSON schema meshplate reads with. No YAML 1.1 parser is on the class path
 * (snakeyaml-engine and Jackson 3 speak 1.2), so the check uses the 1.1 resolver the canonical
 * writer quotes by: every plain scalar must resolve to the same type under both.
 */
public final class Yaml11Check {
  private static final JsonScalarResolver YAML12 = new JsonScalarResolver();
  private static final Yaml11Resolver YAML11 = new Yaml11Resolver();

  private Yaml11Check() {}

  /** Every plain scalar of {@code text} whose YAML 1.1 type differs from its 1.2 type. */
  public static List<String> ambiguousScalars(String text) {
    LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(true).build();
    ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, new StringReader(text)));
    List<String> ambiguous = new ArrayList<>();
    while (parser.hasNext()) {
      Event event = parser.next();
      if (event instanceof ScalarEvent scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
          && scalar.getTag().isEmpty()) {
        String value = scalar.getValue();
        Tag v12 = YAML12.resolve(value, true);
        Tag v11 = YAML11.resolve(value, true);
        if (!v12.equals(v11)) {
          ambiguous.add(value + " (line " + (scalar.getStartMark().map(m -> m.getLine() + 1).orElse(0))
              + ": 1.2 " + v12.getValue() + ", 1.1 " + v11.getValue() + ")");
        }
      }
    }
    return ambiguous;
  }
}
