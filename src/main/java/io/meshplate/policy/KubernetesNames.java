package io.meshplate.policy;

import java.util.Map;
import java.util.Optional;

/**
 * The name rules the Kubernetes API server applies, by what is named (k8s.io/apimachinery
 * {@code pkg/util/validation} and the per-kind {@code Validate*Name} functions of
 * {@code pkg/apis/core/validation}, {@code apps}, {@code rbac}): a Namespace is a DNS-1123
 * label, a Service a DNS-1035 label, RBAC objects a path segment, most other kinds and every
 * custom resource a DNS-1123 subdomain; label values have their own grammar. A name that fails
 * here would be refused when Argo CD applies it, after review and merge.
 */
public enum KubernetesNames {
  /** Namespace: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
  DNS1123_LABEL("a DNS-1123 label", 63),
  /** Service: a DNS-1123 label that starts with a letter. */
  DNS1035_LABEL("a DNS-1035 label (a Service name starts with a letter)", 63),
  /** Most kinds and every custom resource: dot-separated DNS-1123 labels, at most 253 characters. */
  DNS1123_SUBDOMAIN("a DNS-1123 subdomain", 253),
  /** Role, RoleBinding: anything but {@code .}, {@code ..}, {@code /} and {@code %}. */
  PATH_SEGMENT("a path segment name", Integer.MAX_VALUE),
  /** Label values: empty, or alphanumerics with {@code -_.} inside, at most 63 characters. */
  LABEL_VALUE("a label value", 63);

  private static final Map<String, KubernetesNames> BY_KIND = Map.of(
      "Namespace", DNS1123_LABEL,
      "Service", DNS1035_LABEL,
      "Role.rbac.authorization.k8s.io", PATH_SEGMENT,
      "RoleBinding.rbac.authorization.k8s.io", PATH_SEGMENT,
      "ClusterRole.rbac.authorization.k8s.io", PATH_SEGMENT,
      "ClusterRoleBinding.rbac.authorization.k8s.io", PATH_SEGMENT);

  private final String grammar;
  private final int maxLength;

  KubernetesNames(String grammar, int maxLength) {
    this.grammar = grammar;
    this.maxLength = maxLength;
  }

  /** The rule for {@code metadata.name} of a kind written {@code Kind.group} ({@code Kind} for core). */
  public static KubernetesNames forKind(String groupKind) {
    return BY_KIND.getOrDefault(groupKind, DNS1123_SUBDOMAIN);
  }

  public int maxLength() {
    return maxLength;
  }

  /** What the API server names the rule ("a DNS-1123 label"). */
  public String grammar() {
    return grammar;
  }

  /** Whether {@code name} is too long for this rule (reported with its own hint: shorten). */
  public boolean tooLong(String name) {
    return name.length() > maxLength;
  }

  /** Why {@code name} is not valid under this rule (length aside), or empty when it is. */
  public Optional<String> whyInvalid(String name) {
    return switch (this) {
      case DNS1123_LABEL -> label(name, false);
      case DNS1035_LABEL -> label(name, true);
      case DNS1123_SUBDOMAIN -> subdomain(name);
      case PATH_SEGMENT -> name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")
          ? Optional.of("may not be `.` or `..` or contain `/` or `%`") : Optional.empty();
      case LABEL_VALUE -> labelValue(name);
    };
  }

  private static Optional<String> label(String name, boolean letterFirst) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
        return Optional.of("contains `" + c + "`; only lowercase letters, digits and '-' are allowed");
      }
    }
    if (letterFirst && !(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) {
      return Optional.of("must start with a letter");
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      return Optional.of("must start and end with a letter or digit");
    }
    return Optional.empty();
  }

  private static Optional<String> subdomain(String name) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    for (String part : name.split("\\.", -1)) {
      Optional<String> bad = label(part, false);
      if (bad.isPresent()) {
        return Optional.of("has a part `" + part + "` that " + bad.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> labelValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && c != '-' && c != '_' && c != '.') {
        return Optional.of("contains `" + c + "`");
      }
      if (!alnum && (i == 0 || i == value.length() - 1)) {
        return Optional.of("must start and end with a letter or digit");
      }
    }
    return Optional.empty();
  }
}
