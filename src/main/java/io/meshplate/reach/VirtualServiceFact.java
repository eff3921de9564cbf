package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A VirtualService's HTTP routes (https://istio.io/latest/docs/reference/config/networking/virtual-service/):
 * the first route whose match fits a request wins. Matches on URI exact or prefix are evaluated;
 * anything else that could change where a request goes or what it looks like (regex, headers,
 * rewrite, mirror, fault, delegate, TCP/TLS routes) makes the routes unknown.
 *
 * @param gateways empty means {@code mesh} (the sidecars)
 */
record VirtualServiceFact(Ref ref, String namespace, String name, List<String> hosts, List<String> gateways,
    List<String> exportTo, List<HttpRoute> http, List<String> unknown) {

  /** One {@code http} entry; {@code matches} empty matches every request; no destination for redirects. */
  record HttpRoute(Ref ref, List<Match> matches, List<Destination> destinations, boolean answersItself,
      List<String> unknown) {}

  /**
   * A match: a URI {@code exact} or {@code prefix} (a plain string prefix, not path segments;
   * both null: any URI), and optional gateway and port conditions.
   */
  record Match(String exact, String prefix, List<String> gateways, Integer port, List<String> unknown) {
    boolean matchesUri(String path) {
      return exact != null ? exact.equals(path) : prefix == null || path.startsWith(prefix);
    }
  }

  /** A route destination: host and port number (null: the service's only port). */
  record Destination(Ref ref, String host, Integer port, boolean weighted) {}

  private static final Set<String> HTTP_BENIGN = Set.of("name", "match", "route", "timeout", "retries",
      "headers", "corsPolicy", "redirect", "directResponse");

  static VirtualServiceFact read(Ref ref, String namespace, String name, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("hosts", "gateways", "exportTo", "http"), "spec.", unknown);
    List<HttpRoute> routes = new ArrayList<>();
    List<?> list = Fields.list(spec, "http");
    for (int i = 0; i < list.size(); i++) {
      routes.add(route(ref.at("spec", "http", i), list.get(i), "spec.http[" + i + "]."));
    }
    return new VirtualServiceFact(ref, namespace, name, Fields.strings(spec, "hosts"), Fields.strings(spec, "gateways"),
        Fields.has(spec, "exportTo") ? Fields.strings(spec, "exportTo") : null, List.copyOf(routes), List.copyOf(unknown));
  }

  private static HttpRoute route(Ref ref, Object node, String at) {
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(node, HTTP_BENIGN, at, unknown);
    List<Match> matches = new ArrayList<>();
    for (Object m : Fields.list(node, "match")) {
      List<String> matchUnknown = new ArrayList<>();
      Fields.unexpected(m, Set.of("uri", "gateways", "port", "name"), at + "match.", matchUnknown);
      Map<?, ?> uri = Fields.map(m, "uri");
      String exact = Fields.text(uri, "exact");
      String prefix = Fields.text(uri, "prefix");
      Fields.unexpected(uri, Set.of("exact", "prefix"), at + "match.uri.", matchUnknown);
      matches.add(new Match(exact, prefix, Fields.strings(m, "gateways"), Fields.integer(m, "port"),
          List.copyOf(matchUnknown)));
    }
    List<Destination> destinations = new ArrayList<>();
    List<?> route = Fields.list(node, "route");
    for (int j = 0; j < route.size(); j++) {
      Object destination = Fields.map(route.get(j), "destination");
      Fields.unexpected(destination, Set.of("host", "port"), at + "route[" + j + "].destination.", unknown);
      destinations.add(new Destination(ref.at("route", j), Fields.text(destination, "host"),
          Fields.integer(Fields.map(destination, "port"), "number"), route.size() > 1));
    }
    boolean answers = Fields.has(node, "redirect") || Fields.has(node, "directResponse");
    return new HttpRoute(ref, List.copyOf(matches), List.copyOf(destinations), answers, List.copyOf(unknown));
  }
}
