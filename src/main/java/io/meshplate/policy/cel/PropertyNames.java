package io.meshplate.policy.cel;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a rule names an object property: Kubernetes escapes property names that are CEL keywords
 * or contain {@code . - /} so they can be selected ({@code self.__namespace__} for
 * {@code namespace}); other names are not accessible to rules at all. Source: the CRD
 * {@code x-kubernetes-validations} reference (kubernetes.io, "Validation rules" of
 * CustomResourceDefinitions) and k8s.io/apiserver/pkg/cel/escaping.go.
 */
final class PropertyNames {
  private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break",
      "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
      "namespace", "return", "var", "void", "while");
  private static final Pattern ACCESSIBLE = Pattern.compile("[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*");

  private PropertyNames() {}

  /** The name a rule uses for property {@code name}, or empty when rules cannot reach it. */
  static Optional<String> escape(String name) {
    if (RESERVED.contains(name)) {
      return Optional.of("__" + name + "__");
    }
    if (!ACCESSIBLE.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(name.replace("__", "__underscores__").replace(".", "__dot__")
        .replace("-", "__dash__").replace("/", "__slash__"));
  }
}
