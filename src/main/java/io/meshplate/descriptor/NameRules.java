package io.meshplate.descriptor;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Name grammars checked in Java over the whole string, byte by byte in ASCII: no regular
 * expression partial matches, no Unicode case folding (so {@code \u212Aube-system}, with a
 * Kelvin sign, is refused rather than folded into {@code kube-system}).
 */
final class NameRules {
  /** What is wrong and how to fix it. */
  record Violation(String message, String hint) {}

  static final int MAX_LABEL = 63;
  static final int MAX_DNS_NAME = 253;
  static final int MAX_PORT_NAME = 15;

  /**
   * Words a YAML 1.1 reader (kubectl, Helm, many CI tools) turns into booleans or null; a
   * namespace or service named so breaks the first tool that rewrites a manifest unquoted.
   */
  private static final Set<String> YAML11_WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

  /**
   * The DNS-label shapes a YAML 1.1 resolver types as int, float (exponent form such as
   * {@code 1e3}) or timestamp ({@code 2026-01-01}).
   */
  private static final Pattern YAML11_NUMBER = Pattern.compile(
      "[0-9][0-9_]*|0x[0-9a-f_]+|0b[01_]+|0o[0-7]+|[0-9][0-9_]*e[0-9]+|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}");

  private NameRules() {}

  /** A DNS-1123 label: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
  static Optional<Violation> dnsLabel(String value) {
    if (value.isEmpty()) {
      return Optional.of(new Violation("is empty", "use lowercase letters, digits and '-'"));
    }
    Optional<Violation> charset = asciiLowercaseLabel(value);
    if (charset.isPresent()) {
      return charset;
    }
    if (value.length() > MAX_LABEL) {
      return Optional.of(new Violation(
          "is " + value.length() + " characters long, the limit is " + MAX_LABEL, "shorten it"));
    }
    return Optional.empty();
  }

  /**
   * A DNS-1035 label, the grammar of Kubernetes Service names: a DNS-1123 label that starts with
   * a letter ({@code 1team-dev-ingress} is a valid namespace but not a valid Service).
   */
  static Optional<Violation> dns1035Label(String value) {
    Optional<Violation> label = dnsLabel(value);
    if (label.isPresent()) {
      return label;
    }
    if (!(value.charAt(0) >= 'a' && value.charAt(0) <= 'z')) {
      return Optional.of(new Violation("starts with a digit; a Service name must start with a letter (DNS-1035)",
          "start the name with a letter"));
    }
    return Optional.empty();
  }

  /**
   * The nearest name that passes {@link #dnsLabel}, {@link #unambiguous} and {@code alsoValid}:
   * lower case, every other character as '-', no leading, trailing or repeated '-', at most 63
   * characters. Empty when there is none or it is {@code value} itself: hints offer a fix only
   * when the fix is valid.
   */
  static Optional<String> nearestValid(String value, Predicate<String> alsoValid) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      boolean keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
      if (keep) {
        sb.append(lower);
      } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
        sb.append('-');
      }
    }
    String candidate = sb.length() > MAX_LABEL ? sb.substring(0, MAX_LABEL) : sb.toString();
    while (candidate.endsWith("-")) {
      candidate = candidate.substring(0, candidate.length() - 1);
    }
    boolean valid = !candidate.isEmpty() && !candidate.equals(value) && dnsLabel(candidate).isEmpty()
        && unambiguous(candidate).isEmpty() && alsoValid.test(candidate);
    return valid ? Optional.of(candidate) : Optional.empty();
  }

  /** A DNS-1123 label that YAML 1.1 tools would not read as a boolean, null or number. */
  static Optional<Violation> unambiguous(String value) {
    if (YAML11_WORDS.contains(value) || YAML11_NUMBER.matcher(value).matches()) {
      return Optional.of(new Violation(
          "reads as a boolean, null, number or date in YAML 1.1 tools (kubectl, Helm)",
          "choose a name containing a letter that is not a YAML keyword"));
    }
    return Optional.empty();
  }

  /** An IANA service name as Kubernetes port names require (RFC 6335 §5.1). */
  static Optional<Violation> portName(String value) {
    Optional<Violation> label = dnsLabel(value);
    if (label.isPresent()) {
      return label;
    }
    if (value.length() > MAX_PORT_NAME) {
      return Optional.of(new Violation(
          "is " + value.length() + " characters long, the limit for a port name is " + MAX_PORT_NAME,
          "shorten it, e.g. `http` or `grpc-api`"));
    }
    if (value.contains("--")) {
      return Optional.of(new Violation("contains `--`", "use single hyphens"));
    }
    if (value.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      return Optional.of(new Violation("has no letter", "port names need at least one letter, e.g. `http`"));
    }
    return Optional.empty();
  }

  /**
   * Names Windows reserves for devices, in any case and with any extension. A tenant name becomes
   * a folder under {@code output/}; a folder called {@code con} cannot be checked out on Windows
   * and {@code OutputWriter} refuses to write it, so the name is refused here with its position.
   */
  private static final Pattern WINDOWS_DEVICE = Pattern.compile("(con|prn|aux|nul|com[0-9]|lpt[0-9])");

  /** The reserved namespace, prefix or device name {@code name} collides with. */
  static Optional<Violation> reserved(String name, PlatformConfig platform) {
    if (WINDOWS_DEVICE.matcher(name).matches()) {
      return Optional.of(new Violation("is a Windows device name and cannot be a folder under output/",
          "choose another tenant name"));
    }
    if (platform.reservedNamespaces().contains(name)) {
      return Optional.of(new Violation("is a reserved namespace", "choose another tenant name"));
    }
    for (String prefix : platform.reservedPrefixes()) {
      if (name.startsWith(prefix)) {
        return Optional.of(new Violation(
            "starts with the reserved prefix " + Hints.quote(prefix), "choose another tenant name"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Violation> asciiLowercaseLabel(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of(new Violation("contains a control character", "remove it; note that a block scalar `|` ends with a newline"));
      }
      if (c > 0x7e) {
        return Optional.of(new Violation(
            "contains the non-ASCII character "
                + String.format(Locale.ROOT, "U+%04X", value.codePointAt(i)),
            "use ASCII letters a-z, digits and '-' only"));
      }
      if (c >= 'A' && c <= 'Z') {
        return Optional.of(new Violation("contains upper-case letters", "names are lower case"));
      }
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
        return Optional.of(new Violation(
            "contains " + Hints.quote(String.valueOf(c)), "use lowercase letters a-z, digits and '-' only"));
      }
    }
    if (value.startsWith("-") || value.endsWith("-")) {
      return Optional.of(new Violation("starts or ends with '-'", "start and end with a letter or digit"));
    }
    return Optional.empty();
  }

}
