package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code security.istio.io} AuthorizationPolicy, read for evaluation
 * (https://istio.io/latest/docs/reference/config/security/authorization-policy/).
 *
 * @param selector workloads of its namespace it applies to (all of them when null); in the root
 *     namespace it applies in every namespace
 * @param action ALLOW (the default), DENY, CUSTOM or AUDIT
 * @param dryRun {@code istio.io/dry-run: "true"}: Istio logs the decision and does not enforce it
 * @param rules empty when the policy has no rules: an ALLOW then matches nothing, a DENY nothing
 * @param unknown fields the model does not evaluate ({@code targetRefs}, {@code provider})
 */
record AuthorizationFact(Ref ref, String namespace, Selector selector, String action, boolean dryRun,
    List<Rule> rules, List<String> unknown) {

  /** {@code from} (ORed sources), {@code to} (ORed operations) and {@code when}, all ANDed; empty means any. */
  record Rule(Ref ref, List<Source> from, List<Operation> to, List<String> conditions) {}

  /**
   * A source: the fields are ANDed. {@code unevaluated} names fields the model cannot decide
   * (IP blocks, request principals from JWTs). Sources and operations have no place of their own:
   * a verdict cites their rule or policy, and without one they are parts a render holds once ({@link FactParts}).
   */
  record Source(List<StringMatch> principals, List<StringMatch> notPrincipals,
      List<StringMatch> namespaces, List<StringMatch> notNamespaces, List<String> unevaluated) {}

  /**
   * An operation: the fields are ANDed. Methods, paths and hosts are HTTP-only: on TCP traffic
   * an ALLOW rule using them never matches and a DENY rule treats them as matched.
   */
  record Operation(List<StringMatch> hosts, List<StringMatch> notHosts, List<String> ports,
      List<String> notPorts, List<StringMatch> methods, List<StringMatch> notMethods,
      List<StringMatch> paths, List<StringMatch> notPaths, List<String> unknown) {

    boolean usesHttpFields() {
      return !hosts.isEmpty() || !notHosts.isEmpty() || !methods.isEmpty() || !notMethods.isEmpty()
          || !paths.isEmpty() || !notPaths.isEmpty();
    }
  }

  static final String DRY_RUN = "istio.io/dry-run";
  private static final Set<String> SPEC = Set.of("selector", "action", "rules");
  private static final Set<String> SOURCE = Set.of("principals", "notPrincipals", "namespaces", "notNamespaces");
  private static final Set<String> OPERATION = Set.of("hosts", "notHosts", "ports", "notPorts", "methods",
      "notMethods", "paths", "notPaths");

  static AuthorizationFact read(Ref ref, String namespace, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, SPEC, "spec.", unknown);
    Selector selector = Fields.has(spec, "selector")
        ? Selector.ofLabels(Fields.labels(Fields.map(spec, "selector"), "matchLabels")) : null;
    if (Fields.map(spec, "selector").keySet().stream().anyMatch(k -> !"matchLabels".equals(k))) {
      unknown.add("spec.selector");
    }
    String action = Fields.text(spec, "action") == null ? "ALLOW" : Fields.text(spec, "action");
    // Istio reads the annotation as a Go boolean (strconv.ParseBool).
    String annotation = Fields.labels(Fields.map(object, "metadata"), "annotations").get(DRY_RUN);
    boolean dryRun = annotation != null && Set.of("1", "t", "T", "TRUE", "true", "True").contains(annotation);
    List<Rule> rules = new ArrayList<>();
    List<?> list = Fields.list(spec, "rules");
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(ref.at("spec", "rules", i), list.get(i), unknown, i));
    }
    return new AuthorizationFact(ref, namespace, selector, action, dryRun, List.copyOf(rules), List.copyOf(unknown));
  }

  private static Rule rule(Ref ref, Object node, List<String> unknown, int index) {
    Fields.unexpected(node, Set.of("from", "to", "when"), "spec.rules[" + index + "].", unknown);
    List<Source> from = new ArrayList<>();
    List<?> sources = Fields.list(node, "from");
    for (int j = 0; j < sources.size(); j++) {
      Object source = Fields.map(sources.get(j), "source");
      List<String> unevaluated = new ArrayList<>();
      Fields.unexpected(source, SOURCE, "", unevaluated);
      from.add(new Source(matches(source, "principals", false),
          matches(source, "notPrincipals", false), matches(source, "namespaces", false),
          matches(source, "notNamespaces", false), List.copyOf(unevaluated)));
    }
    List<Operation> to = new ArrayList<>();
    List<?> operations = Fields.list(node, "to");
    for (int j = 0; j < operations.size(); j++) {
      Object operation = Fields.map(operations.get(j), "operation");
      List<String> opUnknown = new ArrayList<>();
      Fields.unexpected(operation, OPERATION, "", opUnknown);
      to.add(new Operation(matches(operation, "hosts", true), matches(operation, "notHosts", true),
          Fields.strings(operation, "ports"), Fields.strings(operation, "notPorts"),
          matches(operation, "methods", false), matches(operation, "notMethods", false),
          matches(operation, "paths", false), matches(operation, "notPaths", false), List.copyOf(opUnknown)));
    }
    List<String> conditions = new ArrayList<>();
    for (Object condition : Fields.list(node, "when")) {
      conditions.add(String.valueOf(Fields.text(condition, "key")));
    }
    return new Rule(ref, List.copyOf(from), List.copyOf(to), List.copyOf(conditions));
  }

  private static List<StringMatch> matches(Object node, String field, boolean host) {
    return Fields.strings(node, field).stream().map(s -> host ? StringMatch.host(s) : StringMatch.of(s)).toList();
  }

  boolean enforced() {
    return !dryRun;
  }
}
