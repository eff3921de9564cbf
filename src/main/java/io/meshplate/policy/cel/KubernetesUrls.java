package io.meshplate.policy.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.Locale;

/**
 * The part of the Kubernetes CEL URL library the shipped CRDs use: {@code isURL(string)},
 * {@code url(string)} and {@code <URL>.getScheme()} (k8s.io/apiserver/pkg/cel/library/urls.go).
 *
 * <p>Kubernetes accepts what Go's {@code url.ParseRequestURI} accepts: an absolute URL or an
 * absolute path, no control characters, a numeric port, valid percent escapes, and only the
 * characters Go allows in a host. This class applies the same acceptance rules, so an
 * Istio WasmPlugin or RequestAuthentication URL rule gives the verdict the API server gives.
 */
final class KubernetesUrls {
  static final OpaqueType URL = OpaqueType.create("kubernetes.URL");

  /** A parsed URL as rules see it; {@code scheme} is lower case, empty for a path. */
  record Url(String scheme) {}

  private KubernetesUrls() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration("url",
            CelOverloadDecl.newGlobalOverload("string_to_url", URL, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration("isURL",
            CelOverloadDecl.newGlobalOverload("is_url_string", SimpleType.BOOL, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration("getScheme",
            CelOverloadDecl.newMemberOverload("url_get_scheme", SimpleType.STRING, URL)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_url", String.class, KubernetesUrls::url),
        CelFunctionBinding.from("is_url_string", String.class, text -> parse(text) != null),
        CelFunctionBinding.from("url_get_scheme", Url.class, Url::scheme));
  }

  private static Url url(String text) {
    Url url = parse(text);
    if (url == null) {
      throw new IllegalArgumentException("URL parse error during conversion from string: " + text);
    }
    return url;
  }

  /** The URL, or null when {@code url.ParseRequestURI} would refuse the text. */
  static Url parse(String text) {
    if (text.isEmpty() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return null;
    }
    if (text.equals("*")) {
      return new Url("");
    }
    int colon = schemeEnd(text);
    if (colon == 0) {
      return null; // ":x" has a missing scheme
    }
    String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? text : text.substring(colon + 1);
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (!rest.startsWith("/")) {
      // "mailto:x" is an opaque URL; a relative reference is not a request URI.
      return scheme.isEmpty() ? null : new Url(scheme);
    }
    if (!scheme.isEmpty() && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      String path = slash < 0 ? "" : authority.substring(slash);
      authority = slash < 0 ? authority : authority.substring(0, slash);
      return validAuthority(authority) && validEscapes(path) ? new Url(scheme) : null;
    }
    return validEscapes(rest) ? new Url(scheme) : null;
  }

  /** Index of the colon ending a scheme ({@code [a-zA-Z][a-zA-Z0-9+.-]*:}), 0 for a leading colon, else -1. */
  private static int schemeEnd(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        continue;
      }
      if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return -1;
        }
        continue;
      }
      return c == ':' ? i : -1;
    }
    return -1;
  }

  private static boolean validAuthority(String authority) {
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userinfo = authority.substring(0, at);
      for (int i = 0; i < userinfo.length(); i++) {
        char c = userinfo.charAt(i);
        if (!(isAlphanumeric(c) || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0)) {
          return false;
        }
      }
      if (!validEscapes(userinfo)) {
        return false;
      }
    }
    String host = authority.substring(at + 1);
    String port;
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        return false;
      }
      port = host.substring(close + 1);
      host = host.substring(1, close);
    } else {
      int lastColon = host.lastIndexOf(':');
      port = lastColon < 0 ? "" : host.substring(lastColon);
      host = lastColon < 0 ? host : host.substring(0, lastColon);
    }
    return validPort(port) && validHost(host);
  }

  private static boolean validPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    return port.charAt(0) == ':' && port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** Go's host rules: ASCII letters, digits, {@code -._~!$&'()*+,;=:[]<>"}, escapes for non-ASCII. */
  private static boolean validHost(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '%') {
        if (i + 2 >= host.length() || hex(host.charAt(i + 1)) < 0 || hex(host.charAt(i + 2)) < 0
            || hex(host.charAt(i + 1)) < 8 && !host.startsWith("%25", i)) {
          return false;
        }
        i += 2;
      } else if (c < 0x80 && !(isAlphanumeric(c) || "-._~!$&'()*+,;=:[]<>\"".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean validEscapes(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 3)) {
      if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
