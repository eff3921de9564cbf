package io.meshplate.reach;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The client-side TLS of a DestinationRule (https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings):
 * for in-mesh hosts ISTIO_MUTUAL (or nothing: auto mTLS), for external hosts SIMPLE origination,
 * which verifies the server only with a CA and the expected SAN.
 *
 * @param tls the policy for every port, or null
 * @param portTls {@code portLevelSettings} by port number
 */
record DestinationRuleFact(Ref ref, String namespace, String host, List<String> exportTo, Tls tls,
    Map<Integer, Tls> portTls, List<String> unknown) {

  /** One {@code tls} block. */
  record Tls(Ref ref, String mode, String caCertificates, List<String> subjectAltNames, String sni,
      boolean insecureSkipVerify) {

    /** The server certificate is checked against a CA and the host names it must carry. */
    boolean verifiesServer() {
      return !insecureSkipVerify && caCertificates != null && !subjectAltNames.isEmpty();
    }
  }

  private static final Set<String> POLICY = Set.of("tls", "portLevelSettings", "connectionPool",
      "outlierDetection", "loadBalancer");

  static DestinationRuleFact read(Ref ref, String namespace, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("host", "exportTo", "trafficPolicy", "subsets"), "spec.", unknown);
    if (Fields.has(spec, "subsets")) {
      unknown.add("spec.subsets"); // per-subset TLS would apply only to routes naming the subset
    }
    Map<?, ?> policy = Fields.map(spec, "trafficPolicy");
    Fields.unexpected(policy, POLICY, "spec.trafficPolicy.", unknown);
    Map<Integer, Tls> ports = new TreeMap<>();
    List<?> settings = Fields.list(policy, "portLevelSettings");
    for (int i = 0; i < settings.size(); i++) {
      Integer number = Fields.integer(Fields.map(settings.get(i), "port"), "number");
      if (number == null) {
        unknown.add("spec.trafficPolicy.portLevelSettings[" + i + "].port");
      } else if (Fields.has(settings.get(i), "tls")) {
        ports.put(number, tls(ref.at("spec", "trafficPolicy", "portLevelSettings", i, "tls"),
            Fields.map(settings.get(i), "tls")));
      }
    }
    Tls tls = Fields.has(policy, "tls") ? tls(ref.at("spec", "trafficPolicy", "tls"), Fields.map(policy, "tls")) : null;
    return new DestinationRuleFact(ref, namespace, Fields.text(spec, "host"),
        Fields.has(spec, "exportTo") ? Fields.strings(spec, "exportTo") : null, tls,
        Collections.unmodifiableMap(ports), List.copyOf(unknown));
  }

  private static Tls tls(Ref ref, Map<?, ?> node) {
    return new Tls(ref, Fields.text(node, "mode"), Fields.text(node, "caCertificates"),
        Fields.strings(node, "subjectAltNames"), Fields.text(node, "sni"),
        Boolean.TRUE.equals(node.get("insecureSkipVerify")));
  }

  /** The TLS that applies to traffic to {@code port}: port level first, then the default. */
  Tls tlsFor(int port) {
    Tls specific = portTls.get(port);
    return specific != null ? specific : tls;
  }
}
