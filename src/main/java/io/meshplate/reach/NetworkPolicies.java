package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes NetworkPolicy semantics (https://kubernetes.io/docs/concepts/services-networking/network-policies/):
 * a pod is isolated for ingress (egress) once any policy of its namespace selects it with that
 * policy type; an isolated pod accepts (sends) only what some selecting policy's rule allows, the
 * union of all of them. A connection needs the caller's egress and the callee's ingress. In one
 * peer, {@code namespaceSelector} and {@code podSelector} are ANDed; separate peers are ORed; a
 * peer with only {@code podSelector} means pods of the policy's own namespace; {@code ipBlock}
 * matches addresses inside {@code cidr} and outside every {@code except}. Ports are pod ports.
 */
final class NetworkPolicies {
  /** A policy that may select a pod, and whether it does (TRUE, or UNKNOWN). */
  private record Selecting(NetworkPolicyFact policy, Tri selects) {}

  private final Mesh mesh;
  private final Memo<Party, List<Selecting>> selectingIngress = new Memo<>();
  private final Memo<Party, List<Selecting>> selectingEgress = new Memo<>();

  NetworkPolicies(Mesh mesh) {
    this.mesh = mesh;
  }

  /** The policies of the pod's namespace that may isolate it in one direction (once per pod and direction). */
  private List<Selecting> selecting(Party subject, boolean ingress) {
    return (ingress ? selectingIngress : selectingEgress).get(subject, k -> {
      List<Selecting> out = new ArrayList<>();
      for (NetworkPolicyFact policy : mesh.scope(subject.namespace()).networkPolicies) {
        if (ingress ? !policy.isolatesIngress() : !policy.isolatesEgress()) {
          continue;
        }
        Tri selects = policy.podSelector().matches(subject.podLabels());
        if (!policy.unknown().isEmpty()) {
          selects = selects.and(Tri.UNKNOWN);
        }
        if (selects != Tri.FALSE) {
          out.add(new Selecting(policy, selects));
        }
      }
      return out;
    });
  }

  /** Whether {@code callee} accepts a connection from {@code caller} on pod port {@code port}. */
  Check ingress(Party callee, Party caller, int port, String transport) {
    if (callee.kind() == Party.Kind.PLATFORM || callee.namespace() == null) {
      return Check.skip(Layer.INGRESS_POLICY, () -> "the policies of " + callee.namespace() + " are not rendered here");
    }
    if (mesh.settings.managedNetworkPolicies() && callee.mesh() != Tri.FALSE) {
      return Check.unknown(Layer.INGRESS_POLICY,
          "OSSM 2 manages NetworkPolicies of member namespaces (spec.security.manageNetworkPolicy is not false)",
          mesh.settings.ref() == null ? List.of() : List.of(mesh.settings.ref()));
    }
    return evaluate(Layer.INGRESS_POLICY, callee, caller, port, transport, true);
  }

  /** Whether {@code caller} may send to {@code callee} on {@code port}. */
  Check egress(Party caller, Party callee, int port, String transport) {
    if (caller.kind() == Party.Kind.PLATFORM || caller.namespace() == null) {
      return Check.skip(Layer.EGRESS_POLICY, () -> "the policies of " + (caller.namespace() == null ? caller.id()
          : caller.namespace()) + " are not rendered here");
    }
    return evaluate(Layer.EGRESS_POLICY, caller, callee, port, transport, false);
  }

  private Check evaluate(Layer layer, Party subject, Party peer, int port, String transport, boolean ingress) {
    Tri isolated = Tri.FALSE;
    Tri allowed = Tri.FALSE;
    List<Ref> allowing = null; // made at the first rule that admits: a denial names the isolating policies instead
    // Index loops here and below: this runs for every flow of an overlay, and the quick compiler
    // the launcher uses allocates an iterator for every for-each (a tenth of a table's garbage).
    List<Selecting> selecting = selecting(subject, ingress);
    for (int i = 0; i < selecting.size(); i++) {
      Selecting s = selecting.get(i);
      NetworkPolicyFact policy = s.policy();
      Tri selects = s.selects();
      isolated = isolated.or(selects);
      List<NetworkPolicyFact.Rule> rules = ingress ? policy.ingress() : policy.egress();
      for (int r = 0; r < rules.size(); r++) {
        NetworkPolicyFact.Rule rule = rules.get(r);
        // The port first: a rule for other ports admits nothing, whoever the peer is.
        Tri onPort = ports(rule, port, transport);
        Tri admits = onPort == Tri.FALSE ? Tri.FALSE : selects.and(peers(rule, policy.namespace(), peer)).and(onPort);
        if (admits == Tri.TRUE) {
          if (allowing == null) {
            allowing = new ArrayList<>(2);
          }
          allowing.add(rule.ref());
        }
        allowed = allowed.or(admits);
      }
    }
    Tri outcome = isolated.not().or(allowed);
    String direction = ingress ? "ingress" : "egress";
    if (outcome == Tri.TRUE) {
      List<Ref> by = allowing == null ? List.of() : allowing;
      return isolated == Tri.FALSE
          ? Check.pass(layer, () -> "no NetworkPolicy isolates " + subject.id() + " for " + direction, List.of())
          : Check.pass(layer, () -> "allowed by " + names(by), by);
    }
    List<Ref> isolating = new ArrayList<>(selecting.size());
    for (int i = 0; i < selecting.size(); i++) {
      isolating.add(selecting.get(i).policy().ref());
    }
    if (outcome == Tri.FALSE) {
      return Check.deny(layer, () -> "isolated for " + direction + " by " + names(isolating)
          + " and no rule admits " + peer.id() + " on " + port + "/" + transport, isolating);
    }
    return Check.unknown(layer, () -> "depends on labels or fields the model does not know ("
        + names(isolating) + ")", isolating);
  }

  private static String names(List<Ref> refs) {
    List<String> names = new ArrayList<>();
    for (Ref r : refs) {
      String rule = rule(r.pointer());
      names.add(rule == null ? r.shortObject() : r.shortObject() + " " + rule);
    }
    return String.join(", ", names.stream().distinct().toList());
  }

  /** {@code egress[2]} for a pointer into {@code /spec/egress/2}, null for one outside the rules. */
  private static String rule(String pointer) {
    for (String direction : List.of("ingress", "egress")) {
      String prefix = "/spec/" + direction + "/";
      if (pointer.startsWith(prefix)) {
        int end = prefix.length();
        while (end < pointer.length() && pointer.charAt(end) >= '0' && pointer.charAt(end) <= '9') {
          end++;
        }
        return end == prefix.length() ? null : direction + "[" + pointer.substring(prefix.length(), end) + "]";
      }
    }
    return null;
  }

  private Tri peers(NetworkPolicyFact.Rule rule, String policyNamespace, Party peer) {
    if (rule.peers().isEmpty()) {
      return Tri.TRUE;
    }
    Tri result = Tri.FALSE;
    List<NetworkPolicyFact.Peer> peers = rule.peers();
    for (int i = 0; i < peers.size(); i++) {
      result = result.or(peer(peers.get(i), policyNamespace, peer));
      if (result == Tri.TRUE) {
        break; // no later peer can change the answer
      }
    }
    return result;
  }

  /** Whether one peer entry selects {@code party}. */
  Tri peer(NetworkPolicyFact.Peer p, String policyNamespace, Party party) {
    if (!p.understood()) {
      return Tri.UNKNOWN;
    }
    if (p.cidr() != null) {
      return ipBlock(p, party);
    }
    if (!party.isPod()) {
      return Tri.FALSE; // external addresses are matched by ipBlock only
    }
    Tri namespace = p.namespaces() == null ? Tri.of(policyNamespace.equals(party.namespace()))
        : p.namespaces().matches(mesh.namespaceLabels(party.namespace()));
    if (p.pods() == null && p.namespaces() != null && PlatformParties.ROUTER.equals(party.id())) {
      // A router on the host network is selected by its namespace label only together with a
      // podSelector (policy catalogue §3.4, OpenShift "About network policy").
      namespace = namespace.and(Tri.UNKNOWN);
    }
    if (namespace == Tri.FALSE) {
      return Tri.FALSE;
    }
    Tri pods = p.pods() == null ? Tri.TRUE : p.pods().matches(party.podLabels());
    return namespace.and(pods);
  }

  /**
   * Pods have addresses inside the cluster networks ({@code network.clusterCidrs}); an external
   * host has an address outside them that the model does not know, so only a block that covers
   * everything outside them (0.0.0.0/0 with exceptions inside them) is known to match it.
   */
  private Tri ipBlock(NetworkPolicyFact.Peer p, Party party) {
    List<Cidr> networks = mesh.platform.clusterNetworks;
    if (party.kind() == Party.Kind.INTERNET) {
      return Tri.UNKNOWN;
    }
    if (!party.isPod()) {
      if (p.cidr().isEverything()) {
        for (Cidr e : p.except()) {
          if (!containedIn(networks, e)) {
            return Tri.UNKNOWN;
          }
        }
        return Tri.TRUE; // every exception lies inside the cluster networks
      }
      return containedIn(networks, p.cidr()) ? Tri.FALSE : Tri.UNKNOWN;
    }
    if (networks.isEmpty()) {
      return Tri.UNKNOWN;
    }
    boolean overlaps = false;
    boolean allExcepted = true;
    boolean allInside = true;
    for (Cidr n : networks) {
      overlaps |= n.overlaps(p.cidr());
      boolean excepted = false;
      boolean touched = false;
      for (Cidr e : p.except()) {
        excepted |= e.contains(n);
        touched |= e.overlaps(n);
      }
      allExcepted &= excepted;
      allInside &= p.cidr().contains(n) && !touched;
    }
    if (!overlaps || allExcepted) {
      return Tri.FALSE;
    }
    return allInside ? Tri.TRUE : Tri.UNKNOWN;
  }

  /** Whether one of {@code networks} contains {@code block}. */
  private static boolean containedIn(List<Cidr> networks, Cidr block) {
    for (Cidr n : networks) {
      if (n.contains(block)) {
        return true;
      }
    }
    return false;
  }

  private static Tri ports(NetworkPolicyFact.Rule rule, int port, String transport) {
    if (rule.ports().isEmpty()) {
      return Tri.TRUE;
    }
    Tri result = Tri.FALSE;
    List<NetworkPolicyFact.PortRule> ports = rule.ports();
    for (int i = 0; i < ports.size(); i++) {
      NetworkPolicyFact.PortRule p = ports.get(i);
      if (!p.protocol().equals(transport)) {
        continue;
      }
      if (p.name() != null) {
        result = result.or(Tri.UNKNOWN); // named container ports are not part of the tenant contract
      } else if (p.port() == null) {
        result = Tri.TRUE;
      } else if (port == 0) {
        result = result.or(Tri.UNKNOWN); // "any port" of a platform party: some ports only
      } else {
        int end = p.endPort() != null ? p.endPort() : p.port();
        result = result.or(Tri.of(port >= p.port() && port <= end));
      }
    }
    return result;
  }

  /** The peers of {@code rule} with what each admits, for candidate generation. */
  List<NetworkPolicyFact> policies(String namespace) {
    return mesh.scope(namespace).networkPolicies;
  }
}
