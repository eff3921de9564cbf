package io.meshplate.overlay;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Platform values whose wrong setting would render objects the cluster refuses or that quietly do
 * something else, checked on each resolved overlay and reported where the value was set
 * ({@code VALUES-INVALID}, exit 3), before anything renders. A value that is not set is left to
 * the templates that read it, like every other platform value.
 */
final class PlatformValueRules {
  private static final String RULE = "VALUES-INVALID";
  /** Passthrough Routes accept only these (openshift/api route/v1 TLSConfig validation). */
  private static final Set<String> INSECURE_POLICIES = Set.of("None", "Redirect");
  /** ValidatingAdmissionPolicyBinding validationActions (Kubernetes admissionregistration/v1). */
  private static final Set<String> VALIDATION_ACTIONS = Set.of("Deny", "Warn", "Audit");
  /** An annotation key; it is written into a CEL string literal, so no quote can reach it. */
  private static final Pattern ANNOTATION_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  /** A Prometheus duration: units from ms to y, largest first (prometheus/common model.ParseDuration). */
  private static final Pattern PROMETHEUS_DURATION =
      Pattern.compile("(?=[0-9])([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?");

  private PlatformValueRules() {}

  static List<Problem> check(OverlayChain chain) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> values = chain.values();
    Object insecure = at(values, "ingress", "insecureEdgeTerminationPolicy");
    if (insecure != null && !INSECURE_POLICIES.contains(insecure)) {
      problems.add(problem(chain, "/ingress/insecureEdgeTerminationPolicy",
          "ingress.insecureEdgeTerminationPolicy is " + shown(insecure) + "; a TLS passthrough Route accepts only None or Redirect",
          "set Redirect to send plain HTTP to https, or None to refuse it"));
    }
    Object actions = at(values, "admission", "validationActions");
    if (actions != null && !(actions instanceof List<?> list && !list.isEmpty()
        && list.stream().allMatch(a -> a instanceof String s && VALIDATION_ACTIONS.contains(s)) && !(list.contains("Deny") && list.contains("Warn")))) {
      problems.add(problem(chain, "/admission/validationActions",
          "admission.validationActions is " + shown(actions) + "; it must be a non-empty list of Deny, Warn and Audit, not Deny with Warn",
          "use [Deny] to refuse, or [Warn, Audit] for a trial"));
    }
    Object refused = at(values, "admission", "refusedPodAnnotations");
    if (refused != null && !(refused instanceof List<?> keys
        && keys.stream().allMatch(k -> k instanceof String s && ANNOTATION_KEY.matcher(s).matches()))) {
      problems.add(problem(chain, "/admission/refusedPodAnnotations",
          "admission.refusedPodAnnotations is " + shown(refused) + "; it must be a list of annotation keys",
          "write keys such as traffic.sidecar.istio.io/excludeOutboundIPRanges, or [] to refuse none"));
    }
    Object stale = at(values, "monitoring", "staleProxyAlertAfter");
    if (stale != null && !(stale instanceof String d && PROMETHEUS_DURATION.matcher(d).matches())) {
      problems.add(problem(chain, "/monitoring/staleProxyAlertAfter",
          "monitoring.staleProxyAlertAfter is " + shown(stale) + "; it must be a Prometheus duration (the wave alerts' `for`)",
          "write a duration such as 6h or 90m"));
    }
    // Port numbers the NetworkPolicies and the connectivity model take as numbers: a string would
    // render as a named port, which the pods do not declare.
    for (String[] ports : PORT_LISTS) {
      Object list = at(values, ports[0], ports[1]);
      if (list != null && !(list instanceof List<?> entries && entries.stream().allMatch(PlatformValueRules::port))) {
        problems.add(problem(chain, "/" + ports[0] + "/" + ports[1],
            ports[0] + "." + ports[1] + " is " + shown(list) + "; it must be a list of port numbers (1 to 65535)",
            "write the numbers unquoted, one per item, such as [" + ports[2] + "]"));
      }
    }
    Object tracing = values.get("telemetry") instanceof Map<?, ?> telemetry ? telemetry.get("tracing") : null;
    Object tracingPort = tracing instanceof Map<?, ?> t ? t.get("port") : null;
    if (tracingPort != null && !port(tracingPort)) {
      problems.add(problem(chain, "/telemetry/tracing/port",
          "telemetry.tracing.port is " + shown(tracingPort) + "; it must be a port number (1 to 65535)",
          "write the collector's OTLP port unquoted, such as 4317"));
    }
    for (String key : PERCENTS) {
      Object percent = at(values, "telemetry", key);
      if (percent != null && !percent(percent)) {
        problems.add(problem(chain, "/telemetry/" + key,
            "telemetry." + key + " is " + shown(percent) + "; it must be a percentage, a number from 0 to 100",
            "write a number such as 1 or 0.5"));
      }
    }
    Object kinds = at(values, "validation", "kindsWithoutSchema");
    if (kinds != null && !(kinds instanceof List<?> entries && entries.stream().allMatch(PlatformValueRules::kindEntry))) {
      problems.add(problem(chain, "/validation/kindsWithoutSchema",
          "validation.kindsWithoutSchema must list entries with the strings apiVersion, kind and reason", null));
    }
    return problems;
  }

  /** Section, key and an example of each list of port numbers. */
  private static final List<String[]> PORT_LISTS = List.of(
      new String[] {"dns", "ports", "5353, 53"},
      new String[] {"mesh", "istiodPorts", "15012"},
      new String[] {"monitoring", "proxyPorts", "15020"});

  /** Sampling percentages the model caps tenants with and the control plane samples by. */
  private static final List<String> PERCENTS = List.of("defaultTracingPercent", "maxTracingPercent", "meshTracingPercent");

  private static boolean percent(Object value) {
    if (!(value instanceof Number number)) {
      return false;
    }
    try {
      BigDecimal decimal = new BigDecimal(number.toString());
      return decimal.signum() >= 0 && decimal.compareTo(BigDecimal.valueOf(100)) <= 0;
    } catch (NumberFormatException infinite) {
      return false;
    }
  }

  private static boolean port(Object value) {
    return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1
        && ((Number) value).longValue() <= 65535;
  }

  private static boolean kindEntry(Object entry) {
    return entry instanceof Map<?, ?> m && m.keySet().equals(Set.of("apiVersion", "kind", "reason"))
        && m.values().stream().allMatch(v -> v instanceof String s && !s.isBlank());
  }

  private static Object at(Map<String, Object> values, String section, String key) {
    return values.get(section) instanceof Map<?, ?> m ? m.get(key) : null;
  }

  private static String shown(Object value) {
    return value == null ? "not set" : "'" + Messages.escape(String.valueOf(value)) + "'";
  }

  private static Problem problem(OverlayChain chain, String pointer, String message, String hint) {
    return chain.problemAt(pointer, RULE, message, hint);
  }
}
