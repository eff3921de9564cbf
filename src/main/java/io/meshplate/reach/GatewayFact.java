package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Istio Gateway: the listeners its selected gateway pods open
 * (https://istio.io/latest/docs/reference/config/networking/gateway/). {@code port.number} is a
 * port of a Service selecting those pods; the pods listen on its {@code targetPort}.
 */
record GatewayFact(Ref ref, String namespace, String name, Map<String, String> selector, List<Server> servers,
    List<String> unknown) {

  /**
   * A server. {@code hosts} are {@code namespace/host} (namespace {@code .}, {@code *} or a name;
   * none means {@code *}); {@code tlsMode} SIMPLE or MUTUAL terminates TLS, PASSTHROUGH forwards it.
   */
  record Server(Ref ref, int port, String protocol, List<String> hosts, String tlsMode, boolean httpsRedirect) {
    boolean terminatesTls() {
      return "HTTPS".equals(protocol) && ("SIMPLE".equals(tlsMode) || "MUTUAL".equals(tlsMode))
          || "TLS".equals(protocol) && ("SIMPLE".equals(tlsMode) || "MUTUAL".equals(tlsMode));
    }

    boolean servesHttp() {
      return "HTTP".equals(protocol) || "HTTP2".equals(protocol) || "HTTPS".equals(protocol) && terminatesTls();
    }
  }

  static GatewayFact read(Ref ref, String namespace, String name, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("selector", "servers"), "spec.", unknown);
    List<Server> servers = new ArrayList<>();
    List<?> list = Fields.list(spec, "servers");
    for (int i = 0; i < list.size(); i++) {
      Object server = list.get(i);
      String at = "spec.servers[" + i + "].";
      Fields.unexpected(server, Set.of("port", "hosts", "tls", "name"), at, unknown);
      Map<?, ?> tls = Fields.map(server, "tls");
      Fields.unexpected(tls, Set.of("mode", "credentialName", "minProtocolVersion", "maxProtocolVersion",
          "cipherSuites", "httpsRedirect"), at + "tls.", unknown);
      Integer number = Fields.integer(Fields.map(server, "port"), "number");
      if (number == null) {
        unknown.add(at + "port.number");
        continue;
      }
      servers.add(new Server(ref.at("spec", "servers", i), number,
          Fields.text(Fields.map(server, "port"), "protocol"), Fields.strings(server, "hosts"),
          Fields.text(tls, "mode"), Boolean.TRUE.equals(tls.get("httpsRedirect"))));
    }
    return new GatewayFact(ref, namespace, name, Fields.labels(spec, "selector"), List.copyOf(servers),
        List.copyOf(unknown));
  }
}
