package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;

/** The facts that live in one namespace, gathered from every folder of an overlay. */
final class Scope {
  final List<NetworkPolicyFact> networkPolicies = new ArrayList<>();
  final List<AuthorizationFact> authorizations = new ArrayList<>();
  final List<PeerAuthenticationFact> peerAuthentications = new ArrayList<>();
  final List<SidecarFact> sidecars = new ArrayList<>();
  final List<ServiceEntryFact> serviceEntries = new ArrayList<>();
  final List<DestinationRuleFact> destinationRules = new ArrayList<>();
  final List<GatewayFact> gateways = new ArrayList<>();
  final List<VirtualServiceFact> virtualServices = new ArrayList<>();
  final List<ServiceFact> services = new ArrayList<>();
  final List<RouteFact> routes = new ArrayList<>();
  final List<Facts.Opaque> opaque = new ArrayList<>();
  final List<Facts.Named> members = new ArrayList<>();
  final List<String> serviceAccounts = new ArrayList<>();

  static final Scope EMPTY = new Scope();

  void add(Facts facts, String namespace) {
    facts.networkPolicies.stream().filter(f -> namespace.equals(f.namespace())).forEach(networkPolicies::add);
    facts.authorizations.stream().filter(f -> namespace.equals(f.namespace())).forEach(authorizations::add);
    facts.peerAuthentications.stream().filter(f -> namespace.equals(f.namespace())).forEach(peerAuthentications::add);
    facts.sidecars.stream().filter(f -> namespace.equals(f.namespace())).forEach(sidecars::add);
    facts.serviceEntries.stream().filter(f -> namespace.equals(f.namespace())).forEach(serviceEntries::add);
    facts.destinationRules.stream().filter(f -> namespace.equals(f.namespace())).forEach(destinationRules::add);
    facts.gateways.stream().filter(f -> namespace.equals(f.namespace())).forEach(gateways::add);
    facts.virtualServices.stream().filter(f -> namespace.equals(f.namespace())).forEach(virtualServices::add);
    facts.services.stream().filter(f -> namespace.equals(f.namespace())).forEach(services::add);
    facts.routes.stream().filter(f -> namespace.equals(f.namespace())).forEach(routes::add);
    facts.opaque.stream().filter(f -> namespace.equals(f.namespace())).forEach(opaque::add);
    facts.members.stream().filter(f -> namespace.equals(f.namespace())).forEach(members::add);
    facts.serviceAccounts.stream().filter(f -> namespace.equals(f.namespace()))
        .forEach(f -> serviceAccounts.add(f.name()));
  }
}
