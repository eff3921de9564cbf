package io.meshplate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** SECURITY.md must match the code: every guardrail, invariant, reader and intent rule, and the limits. */
class SecurityDocumentTest {
  private static final Pattern RULE = Pattern.compile("\"((?:GUARD|INV|YAML|NAME|DESCRIPTOR|OUTPUT|RESOURCE|PORT|TEXT|TEMPLATE|INGRESS|EGRESS|MESH|VALUES|PUBLISH|SCHEMAS|WAVES|REACH|IO)-[A-Z0-9-]+)\"");
  private static final Pattern DOCUMENTED = Pattern.compile("`((?:GUARD|INV|YAML|NAME|DESCRIPTOR|OUTPUT|RESOURCE|PORT|TEXT|TEMPLATE|INGRESS|EGRESS|MESH|VALUES|PUBLISH|SCHEMAS|WAVES|REACH|IO)-[A-Z0-9-]+)`");

  @Test
  void documentsExactlyTheRuleIdsTheCodeUses() throws IOException {
    Set<String> inCode = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(ProjectTrees.projectRoot().resolve("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = RULE.matcher(Files.readString(source));
        while (m.find()) {
          inCode.add(m.group(1));
        }
      }
    }
    Set<String> documented = new TreeSet<>();
    Matcher m = DOCUMENTED.matcher(securityMd());
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).containsAll(inCode);
    assertThat(inCode).containsAll(documented);
  }

  @Test
  void statesTheReaderLimits() throws IOException {
    String text = securityMd();
    for (YamlLimits limits : new YamlLimits[] {YamlLimits.DESCRIPTOR, YamlLimits.PLATFORM}) {
      assertThat(text).contains(String.format(Locale.ROOT, "%,d", limits.maxBytes()),
          "| " + limits.maxDepth() + " |", String.format(Locale.ROOT, "%,d", limits.maxScalarLength()),
          String.format(Locale.ROOT, "%,d", limits.maxNodes()));
    }
  }

  private static String securityMd() throws IOException {
    return Files.readString(ProjectTrees.projectRoot().resolve("SECURITY.md"));
  }
}
