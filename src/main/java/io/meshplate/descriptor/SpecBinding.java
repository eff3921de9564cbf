package io.meshplate.descriptor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a schema-valid {@code spec} tree into the typed {@link TenantSpec}. Shape errors are the
 * schema's job and are reported before binding; a failure here is a bug. Written out field by
 * field rather than through a reflective mapper: binding runs for every tenant and overlay on
 * every run, and a mapper's introspection cost more than the rest of an unchanged run.
 */
public final class SpecBinding {
  private SpecBinding() {}

  /** Binds a spec tree (as read by {@code StrictYaml}, possibly merged with overrides). */
  public static TenantSpec bind(Map<String, Object> specTree) {
    Map<?, ?> spec = specTree;
    return new TenantSpec(
        strings(spec.get("owners")),
        strings(spec.get("environments")),
        list(spec.get("services"), SpecBinding::service),
        list(spec.get("calls"), SpecBinding::serviceRef),
        list(spec.get("egress"), SpecBinding::egressHost),
        spec.get("ingress") == null ? null : new TenantSpec.Ingress(list(map(spec.get("ingress")).get("hosts"), SpecBinding::ingressHost)),
        spec.get("telemetry") == null ? null : telemetry(map(spec.get("telemetry"))),
        spec.get("namespaceMetadata") == null ? null : namespaceMetadata(map(spec.get("namespaceMetadata"))),
        text(spec.get("upgradeWave")),
        overrides(spec.get("environmentOverrides")));
  }

  private static TenantSpec.Service service(Map<?, ?> node) {
    return new TenantSpec.Service(text(node.get("name")), list(node.get("ports"), SpecBinding::port),
        list(node.get("allow"), SpecBinding::allowRule));
  }

  private static TenantSpec.Port port(Map<?, ?> node) {
    return new TenantSpec.Port(text(node.get("name")), integer(node.get("port")), text(node.get("protocol")));
  }

  private static TenantSpec.AllowRule allowRule(Map<?, ?> node) {
    Object from = node.get("from");
    TenantSpec.Source source = from == null ? null : new TenantSpec.Source(text(map(from).get("tenant")),
        text(map(from).get("service")), (Boolean) map(from).get("ingress"));
    return new TenantSpec.AllowRule(source, strings(node.get("ports")), strings(node.get("methods")),
        strings(node.get("paths")));
  }

  private static TenantSpec.ServiceRef serviceRef(Map<?, ?> node) {
    return new TenantSpec.ServiceRef(text(node.get("tenant")), text(node.get("service")));
  }

  private static TenantSpec.EgressHost egressHost(Map<?, ?> node) {
    return new TenantSpec.EgressHost(text(node.get("host")), integer(node.get("port")), text(node.get("tls")));
  }

  private static TenantSpec.IngressHost ingressHost(Map<?, ?> node) {
    Object port = node.get("port");
    return new TenantSpec.IngressHost(text(node.get("name")), text(node.get("service")),
        port == null ? null : integer(port), strings(node.get("paths")));
  }

  private static TenantSpec.Telemetry telemetry(Map<?, ?> node) {
    Object percent = node.get("tracingPercent");
    return new TenantSpec.Telemetry(text(node.get("accessLog")), percent == null ? null : decimal(percent));
  }

  private static TenantSpec.NamespaceMetadata namespaceMetadata(Map<?, ?> node) {
    return new TenantSpec.NamespaceMetadata(stringMap(node.get("labels")), stringMap(node.get("annotations")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> overrides(Object node) {
    if (node == null) {
      return null;
    }
    Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
    map(node).forEach((env, patch) -> overrides.put(text(env), patch == null ? null : (Map<String, Object>) patch));
    return overrides;
  }

  private static <T> List<T> list(Object node, Function<Map<?, ?>, T> item) {
    if (node == null) {
      return null;
    }
    List<T> items = new ArrayList<>();
    for (Object entry : (List<?>) node) {
      items.add(entry == null ? null : item.apply(map(entry)));
    }
    return items;
  }

  private static List<String> strings(Object node) {
    if (node == null) {
      return null;
    }
    List<String> items = new ArrayList<>();
    for (Object entry : (List<?>) node) {
      items.add(text(entry));
    }
    return items;
  }

  private static Map<String, String> stringMap(Object node) {
    if (node == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    map(node).forEach((key, value) -> values.put(text(key), text(value)));
    return values;
  }

  private static Map<?, ?> map(Object node) {
    if (node instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException("spec binding: expected a map, got " + describe(node));
  }

  private static String text(Object node) {
    if (node == null || node instanceof String) {
      return (String) node;
    }
    throw new IllegalArgumentException("spec binding: expected text, got " + describe(node));
  }

  private static int integer(Object node) {
    if (node instanceof Long || node instanceof Integer) {
      return Math.toIntExact(((Number) node).longValue());
    }
    throw new IllegalArgumentException("spec binding: expected a whole number, got " + describe(node));
  }

  private static BigDecimal decimal(Object node) {
    if (node instanceof BigDecimal number) {
      return number;
    }
    if (node instanceof Long || node instanceof Integer) {
      return BigDecimal.valueOf(((Number) node).longValue());
    }
    if (node instanceof BigInteger number) {
      return new BigDecimal(number);
    }
    throw new IllegalArgumentException("spec binding: expected a number, got " + describe(node));
  }

  private static String describe(Object node) {
    return node == null ? "null" : node.getClass().getSimpleName();
  }
}
