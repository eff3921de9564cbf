package io.meshplate.explain;

import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --value} names. Dotted paths as templates read them: {@code env.ingress.domain} (or
 * {@code ingress.domain}) for a platform value, {@code spec.telemetry.tracingPercent} for a value
 * of the tenant's descriptor; a number selects a list item ({@code spec.services.0.name}, also
 * {@code spec.services[0].name}). A key that itself contains a dot is written as a JSON Pointer:
 * {@code /ingress/routerNamespaceLabels/policy-group.network.openshift.io~1ingress} (platform) or
 * {@code /spec/...} (tenant).
 *
 * @param tenantValue whether the path names a value of the tenant's spec
 * @param tokens the keys below {@code env} or below {@code spec}, unescaped
 */
record ValuePath(boolean tenantValue, List<String> tokens) {
  ValuePath {
    tokens = List.copyOf(tokens);
  }

  static ValuePath parse(String text) {
    String trimmed = text.strip();
    List<String> tokens = new ArrayList<>();
    if (trimmed.startsWith("/")) {
      tokens.addAll(SourceMap.tokens(trimmed));
    } else {
      for (String token : trimmed.replaceAll("\\[(\\d+)]", ".$1").split("\\.", -1)) {
        tokens.add(token);
      }
    }
    if (tokens.isEmpty() || tokens.stream().anyMatch(String::isEmpty)) {
      throw new UsageException(List.of(new Problem("--value", 0, 0, "EXPLAIN-PATH",
          "'" + Messages.escape(text) + "' is not a value path",
          "write e.g. env.ingress.domain, spec.telemetry.tracingPercent or a JSON Pointer /ingress/domain")));
    }
    String first = tokens.get(0);
    if (first.equals("spec")) {
      return new ValuePath(true, tokens.subList(1, tokens.size()));
    }
    if (first.equals("env") && !trimmed.startsWith("/")) {
      return new ValuePath(false, tokens.subList(1, tokens.size()));
    }
    return new ValuePath(false, tokens);
  }

  /** The path below its root as a JSON Pointer ({@code /ingress/domain}). */
  String pointer() {
    return pointer(tokens);
  }

  static String pointer(List<String> tokens) {
    String pointer = "";
    for (String token : tokens) {
      pointer = SourceMap.child(pointer, token);
    }
    return pointer;
  }

  /** The path as users type it: dotted when no key contains a dot, a JSON Pointer otherwise. */
  String display() {
    return display(tenantValue, tokens);
  }

  static String display(boolean tenantValue, List<String> tokens) {
    if (tokens.stream().anyMatch(t -> t.contains(".") || t.contains("/"))) {
      return (tenantValue ? "/spec" : "") + pointer(tokens);
    }
    List<String> all = new ArrayList<>();
    all.add(tenantValue ? "spec" : "env");
    all.addAll(tokens);
    return String.join(".", all);
  }
}
