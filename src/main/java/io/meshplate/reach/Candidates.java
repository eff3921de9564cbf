package io.meshplate.reach;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which pairs are worth evaluating: every pair some layer admits on its own. Each layer names
 * its peers (principals, namespaces, selectors, hosts); the union of those finite sets holds
 * every pair that could pass, and every pair whose denial a single layer decides, so a widened or
 * removed rule in any layer changes some answer. A layer that admits everyone adds nothing
 * (the other layers' sets already contain every pair it could let through); only when every
 * layer of a workload admits everyone is every party a candidate.
 */
final class Candidates {
  private final Mesh mesh;
  private final Evaluator evaluator;
  /** The namespaces whose parties are wanted (null: every party). */
  private final Predicate<String> within;

  Candidates(Evaluator evaluator) {
    this(evaluator, null);
  }

  /**
   * Candidates among the parties of the namespaces {@code within} accepts, besides those a
   * declaration names: a gate that knows every flow between unchanged namespaces needs, for an
   * unchanged workload, only its peers in the changed ones, and the sets of everyone in a
   * namespace are what candidates cost.
   */
  Candidates(Evaluator evaluator, Predicate<String> within) {
    this.evaluator = evaluator;
    this.mesh = evaluator.mesh;
    this.within = within;
  }

  private List<Party> partiesIn(String namespace) {
    return within == null || within.test(namespace) ? mesh.partiesIn(namespace) : List.of();
  }

  /** A finite set of parties, or null for "everyone". */
  private static Set<Party> union(Set<Party> a, Collection<Party> b) {
    if (a == null || b == null) {
      return null;
    }
    a.addAll(b);
    return a;
  }

  /** Parties that may call {@code callee}, per layer, unioned. */
  Set<Party> callers(Party callee) {
    Set<Party> authz = authorizationPeers(callee);
    Set<Party> network = networkPeers(callee.namespace(), callee, true);
    Set<Party> out = new LinkedHashSet<>();
    if (authz == null && network == null) {
      out.addAll(pods());
    } else {
      if (authz != null) {
        out.addAll(authz);
      }
      if (network != null) {
        out.addAll(network);
      }
    }
    for (String id : evaluator.declared.callersOf(callee)) {
      Party p = mesh.parties.get(id);
      if (p != null) {
        out.add(p);
      }
    }
    out.add(mesh.platform.monitoring);
    return out;
  }

  /** Parties {@code caller} may reach, per layer, unioned (empty when every layer admits everything). */
  Set<Party> callees(Party caller) {
    Set<Party> out = new LinkedHashSet<>();
    Set<Party> sidecar = sidecarPeers(caller);
    Set<Party> network = networkPeers(caller.namespace(), caller, false);
    if (sidecar != null) {
      out.addAll(sidecar);
    }
    if (network != null) {
      out.addAll(network);
    }
    for (String id : evaluator.declared.calleesOf(caller)) {
      Party p = mesh.parties.get(id);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private List<Party> pods() {
    return mesh.parties.values().stream()
        .filter(p -> p.isPod() && (within == null || p.namespace() != null && within.test(p.namespace()))).toList();
  }

  private Set<Party> authorizationPeers(Party callee) {
    List<AuthorizationFact> allows = evaluator.authorizations.allowPolicies(callee);
    if (allows.isEmpty()) {
      return null;
    }
    Set<Party> out = new LinkedHashSet<>();
    for (AuthorizationFact policy : allows) {
      for (AuthorizationFact.Rule rule : policy.rules()) {
        if (rule.from().isEmpty()) {
          return null;
        }
        for (AuthorizationFact.Source s : rule.from()) {
          out = union(out, sourcePeers(s));
          if (out == null) {
            return null;
          }
        }
      }
    }
    return out;
  }

  private Set<Party> sourcePeers(AuthorizationFact.Source s) {
    Set<Party> out = new LinkedHashSet<>();
    if (s.principals().isEmpty() && s.namespaces().isEmpty()) {
      return null;
    }
    for (StringMatch p : s.principals()) {
      if (p.isPrefix() || p.isSuffix() || p.isPresence() || !p.understood()) {
        return null;
      }
      Party party = mesh.byPrincipal.get(p.pattern());
      if (party != null) {
        out.add(party);
      }
    }
    for (StringMatch n : s.namespaces()) {
      if (n.isPrefix() || n.isSuffix() || n.isPresence() || !n.understood()) {
        return null;
      }
      out.addAll(partiesIn(n.pattern()));
    }
    return out;
  }

  /** Peers NetworkPolicies of {@code namespace} name for {@code subject} (ingress or egress); null for everyone. */
  private Set<Party> networkPeers(String namespace, Party subject, boolean ingress) {
    Set<Party> out = new LinkedHashSet<>();
    boolean isolated = false;
    for (NetworkPolicyFact policy : mesh.scope(namespace).networkPolicies) {
      if ((ingress ? !policy.isolatesIngress() : !policy.isolatesEgress())
          || policy.podSelector().matches(subject.podLabels()) == Tri.FALSE) {
        continue;
      }
      isolated = true;
      List<NetworkPolicyFact.Rule> rules = ingress ? policy.ingress() : policy.egress();
      for (int r = 0; r < rules.size(); r++) { // not for-each: see NetworkPolicies#evaluate
        List<NetworkPolicyFact.Peer> peers = rules.get(r).peers();
        if (peers.isEmpty()) {
          return null;
        }
        for (int i = 0; i < peers.size(); i++) {
          NetworkPolicyFact.Peer peer = peers.get(i);
          if (!peer.understood() || peer.cidr() != null) {
            if (ingress || peer.cidr() == null || !external(peer)) {
              return null;
            }
            continue; // egress to external addresses: the egress flows cover it
          }
          List<String> namespaces = peer.namespaces() == null ? List.of(policy.namespace())
              : mesh.namespacesMatching(peer.namespaces());
          for (String ns : namespaces) {
            List<Party> parties = partiesIn(ns);
            for (int k = 0; k < parties.size(); k++) {
              Party p = parties.get(k);
              if (peer.pods() == null || peer.pods().matches(p.podLabels()) != Tri.FALSE) {
                out.add(p);
              }
            }
          }
        }
      }
    }
    return isolated ? out : null;
  }

  /** An ipBlock that cannot hold a pod address: only external flows can use it. */
  private boolean external(NetworkPolicyFact.Peer peer) {
    return evaluator.networkPolicies.peer(peer, "", mesh.platform.dns) == Tri.FALSE;
  }

  private Set<Party> sidecarPeers(Party caller) {
    if (caller.mesh() == Tri.FALSE) {
      return null;
    }
    List<SidecarFact> sidecars = evaluator.sidecars.sidecarsOf(caller);
    if (sidecars.size() != 1 || sidecars.get(0).egress() == null) {
      return null;
    }
    Set<Party> out = new LinkedHashSet<>();
    for (SidecarFact.Listener listener : sidecars.get(0).egress()) {
      for (String entry : listener.hosts()) {
        int slash = entry.indexOf('/');
        String ns = slash < 0 ? "*" : entry.substring(0, slash);
        if (ns.equals("*")) {
          return null;
        }
        String namespace = ns.equals(".") ? caller.namespace() : ns;
        for (Party p : partiesIn(namespace)) {
          for (String h : p.hosts()) {
            if (Hosts.sidecarAdmits(entry, caller.namespace(), namespace, h)) {
              out.add(p);
              break;
            }
          }
        }
      }
    }
    return out;
  }

}
