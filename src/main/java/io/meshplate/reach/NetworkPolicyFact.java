package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code networking.k8s.io/v1} NetworkPolicy, read for evaluation
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/).
 *
 * @param podSelector the pods of its namespace it applies to
 * @param isolatesIngress {@code policyTypes} contains Ingress (the default: every policy affects
 *     ingress unless policyTypes says otherwise)
 * @param isolatesEgress {@code policyTypes} contains Egress (default: when it has an egress section)
 * @param unknown fields the model does not evaluate
 */
record NetworkPolicyFact(Ref ref, String namespace, Selector podSelector, boolean isolatesIngress,
    boolean isolatesEgress, List<Rule> ingress, List<Rule> egress, List<String> unknown) {

  /** An ingress or egress rule; empty {@code peers} admits every peer, empty {@code ports} every port. */
  record Rule(Ref ref, List<Peer> peers, List<PortRule> ports) {}

  /**
   * A peer: pods (in the policy's namespace unless a namespace selector is given), namespaces, or a
   * CIDR. No place of its own: a verdict cites the rule, and a peer without one is the same part in
   * every tenant that names it, which a render judging from the facts pack holds once ({@link FactParts}).
   */
  record Peer(Selector pods, Selector namespaces, Cidr cidr, List<Cidr> except, boolean understood) {}

  /**
   * A port: a number (with optional {@code endPort}), a name, or neither (every port of the
   * protocol). Protocol defaults to TCP.
   */
  record PortRule(String protocol, Integer port, Integer endPort, String name) {}

  private static final Set<String> SPEC = Set.of("podSelector", "policyTypes", "ingress", "egress");

  static NetworkPolicyFact read(Ref ref, String namespace, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, SPEC, "spec.", unknown);
    List<String> types = Fields.strings(spec, "policyTypes");
    boolean ingress = Fields.has(spec, "policyTypes") ? types.contains("Ingress") : true;
    boolean egress = Fields.has(spec, "policyTypes") ? types.contains("Egress") : Fields.has(spec, "egress");
    Selector pods = Selector.read(spec.get("podSelector"));
    return new NetworkPolicyFact(ref, namespace, pods == null ? Selector.ALL : pods, ingress, egress,
        rules(ref, spec, "ingress", "from", unknown), rules(ref, spec, "egress", "to", unknown), List.copyOf(unknown));
  }

  private static List<Rule> rules(Ref ref, Map<?, ?> spec, String direction, String peersField, List<String> unknown) {
    List<Rule> rules = new ArrayList<>();
    List<?> list = Fields.list(spec, direction);
    for (int i = 0; i < list.size(); i++) {
      Object rule = list.get(i);
      Ref at = ref.at("spec", direction, i);
      Fields.unexpected(rule, Set.of(peersField, "ports"), "spec." + direction + "[" + i + "].", unknown);
      List<Peer> peers = new ArrayList<>();
      List<?> peerList = Fields.list(rule, peersField);
      for (int j = 0; j < peerList.size(); j++) {
        peers.add(peer(peerList.get(j)));
      }
      List<PortRule> ports = new ArrayList<>();
      for (Object port : Fields.list(rule, "ports")) {
        String protocol = Fields.text(port, "protocol");
        Integer number = Fields.integer(port, "port");
        String name = number == null ? Fields.text(port, "port") : null;
        ports.add(new PortRule(protocol == null ? "TCP" : protocol, number, Fields.integer(port, "endPort"), name));
      }
      rules.add(new Rule(at, List.copyOf(peers), List.copyOf(ports)));
    }
    return List.copyOf(rules);
  }

  private static Peer peer(Object node) {
    Selector pods = Selector.read(Fields.has(node, "podSelector") ? ((Map<?, ?>) node).get("podSelector") : null);
    Selector namespaces = Selector.read(Fields.has(node, "namespaceSelector") ? ((Map<?, ?>) node).get("namespaceSelector") : null);
    Map<?, ?> block = Fields.map(node, "ipBlock");
    Cidr cidr = null;
    List<Cidr> except = new ArrayList<>();
    boolean understood = true;
    if (Fields.has(node, "ipBlock")) {
      cidr = Cidr.parse(String.valueOf(block.get("cidr")));
      understood = cidr != null;
      for (String e : Fields.strings(block, "except")) {
        Cidr c = Cidr.parse(e);
        understood &= c != null;
        if (c != null) {
          except.add(c);
        }
      }
    }
    List<String> extra = new ArrayList<>();
    Fields.unexpected(node, Set.of("podSelector", "namespaceSelector", "ipBlock"), "", extra);
    understood &= extra.isEmpty();
    return new Peer(pods, namespaces, cidr, List.copyOf(except), understood);
  }
}
