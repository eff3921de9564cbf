package io.meshplate.descriptor;

import io.meshplate.descriptor.NameRules.Violation;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names as tenants write them ({@code egress[].host}, {@code ingress.hosts[].name}): a
 * lower-case DNS name of one or more labels. The checks run in the order that names the real
 * mistake first: a URL, a port or a path pasted into the field is reported as that, not as the
 * first character a DNS name cannot hold.
 *
 * <p>IP addresses are refused: a ServiceEntry for an address bypasses the DNS name the sidecar
 * verifies and the SNI it sends, and the host list must say which service a tenant reaches, not
 * which machine happens to serve it.
 */
final class HostNames {
  private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://", Pattern.CASE_INSENSITIVE);
  private static final Pattern HOST_AND_PORT = Pattern.compile("^([^:\\[\\]]+):([0-9]+)$");
  private static final Pattern IPV6 = Pattern.compile("^\\[?[0-9a-fA-F:.%]*:[0-9a-fA-F:.%]*]?$");

  private HostNames() {}

  /**
   * What is wrong with {@code value} as a host name, or empty when it is a valid DNS name.
   *
   * @param requireDot true for egress hosts (must be fully qualified)
   */
  static Optional<Violation> check(String value, boolean requireDot) {
    if (value.isEmpty()) {
      return violation("is empty", "write a host name such as `api.example.com`");
    }
    var url = SCHEME.matcher(value);
    if (url.find()) {
      String rest = value.substring(url.end());
      String host = rest.split("[/:?#]", 2)[0];
      return violation("is a URL (" + Hints.quote(url.group()) + " ...), not a host name",
          "write only the host name" + suggestion(host, requireDot) + (requireDot
              ? "; the port goes in `port:` and `tls:` says who speaks TLS"
              : "; paths go in `paths`"));
    }
    var withPort = HOST_AND_PORT.matcher(value);
    if (withPort.matches()) {
      return violation("includes a port (" + Hints.quote(":" + withPort.group(2)) + ")",
          "write the host name" + suggestion(withPort.group(1), requireDot) + " and the port separately, as `port: "
              + withPort.group(2) + "`");
    }
    if (IPV6.matcher(value).matches()) {
      return violation("is an IPv6 address", "use the host's DNS name");
    }
    int slash = value.indexOf('/');
    if (slash >= 0) {
      return violation("contains a path (" + Hints.quote(value.substring(slash)) + ")",
          "write only the host name" + suggestion(value.substring(0, slash), requireDot) + (requireDot
              ? "; egress is allowed per host and port, not per path"
              : "; list the paths in `paths`"));
    }
    if (value.contains("*")) {
      return violation("is a wildcard", "name each host exactly, e.g. `api.example.com`");
    }
    if (isIpv4(value)) {
      return violation("is an IP address", "use the host's DNS name");
    }
    Optional<Violation> character = character(value);
    if (character.isPresent()) {
      return character;
    }
    if (value.length() > NameRules.MAX_DNS_NAME) {
      return violation("is " + value.length() + " characters long, the limit is " + NameRules.MAX_DNS_NAME,
          "shorten it");
    }
    if (value.endsWith(".")) {
      return violation("ends with a dot", "remove the trailing dot");
    }
    for (String label : value.split("\\.", -1)) {
      if (label.isEmpty()) {
        return violation("has an empty label (two dots in a row, or a leading dot)", "write one dot between labels");
      }
      Optional<Violation> bad = NameRules.dnsLabel(label);
      if (bad.isPresent()) {
        return violation("has a label " + Hints.quote(label) + " that " + bad.get().message(),
            "each dot-separated label is 1 to 63 lowercase letters, digits and '-', not starting or ending with '-'");
      }
    }
    if (requireDot && value.indexOf('.') < 0) {
      return violation("is a single label, not a fully qualified name: pods resolve a single label through their"
              + " DNS search path (`" + value + ".<namespace>.svc.cluster.local` first), so it names an in-cluster service",
          "write the external host's full name, e.g. `" + value + ".example.com`; reach other tenants through `calls`");
    }
    return Optional.empty();
  }

  /**
   * The first character no DNS name may contain, with what it suggests the author meant. Upper
   * case is reported last, so {@code Api_X.com} names the underscore, not the capital.
   */
  private static Optional<Violation> character(String value) {
    String upper = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper = upper == null ? value.toLowerCase(Locale.ROOT) : upper;
        continue;
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
        continue;
      }
      return Optional.of(switch (c) {
        case '{', '}', '$' -> new Violation("contains template syntax (" + Hints.quote(String.valueOf(c))
            + "); descriptors are not templates", "write the literal host name, e.g. `api.example.com`");
        case '[', ']' -> new Violation("contains " + Hints.quote(String.valueOf(c))
            + "; brackets only enclose IPv6 addresses in URLs, and addresses are not allowed", "use the host's DNS name");
        case '|', ',', ';' -> new Violation("contains " + Hints.quote(String.valueOf(c))
            + "; one entry names exactly one host", "list each host as its own entry");
        case '@' -> new Violation("contains `@` (the user part of a URL)", "write only the host name");
        case ' ', '\t' -> new Violation("contains whitespace", "remove it");
        case '_' -> new Violation("contains `_`, which host names cannot contain", "use '-' instead");
        default -> NameRules.dnsLabel(String.valueOf(c)).map(v -> new Violation(v.message(),
            "use lowercase letters a-z, digits, '-' and '.' only")).orElseThrow();
      });
    }
    if (upper != null) {
      return violation("contains upper-case letters", "host names are lower case: " + Hints.quote(upper));
    }
    return Optional.empty();
  }

  /** ", e.g. `host`" when {@code host} is itself valid, else "". Hints never propose an invalid fix. */
  private static String suggestion(String host, boolean requireDot) {
    String lower = host.toLowerCase(Locale.ROOT);
    return !lower.isEmpty() && check(lower, requireDot).isEmpty() ? " " + Hints.quote(lower) : "";
  }

  private static boolean isIpv4(String value) {
    String[] labels = value.split("\\.", -1);
    String last = labels[labels.length - 1];
    return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static Optional<Violation> violation(String message, String hint) {
    return Optional.of(new Violation(message, hint));
  }
}
