package io.meshplate.policy;

import io.meshplate.descriptor.TenantSpec;
import io.meshplate.manifest.ObjectNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every name the tenant templates derive from a descriptor value, with the Kubernetes rule of
 * what it names and the value it comes from, so a name Kubernetes would refuse is reported
 * before rendering at the line that causes it (a tenant {@code 1team} gets a gateway Service
 * {@code 1team-dev-ingress}, which is not a valid Service name).
 *
 * <p>One row per name: a template that names a new object after a tenant, service, callee or
 * host adds one row here. The post-render invariant {@code INV-OBJECT-NAME} checks the names of
 * the rendered objects too, so a name missing from this table still cannot reach the cluster;
 * the table is what places the problem on the descriptor.
 */
final class DerivedNames {
  /** What a name is derived from, and so where in the descriptor a problem is reported. */
  enum Source {
    /** {@code metadata.name}, in every overlay. */
    TENANT,
    /** {@code metadata.name}, in overlays where the tenant exposes ingress hosts. */
    GATEWAY,
    /** {@code services[i].name}. */
    SERVICE,
    /** {@code calls[i]}. */
    CALL,
    /** {@code egress[i].host}. */
    EGRESS_HOST,
    /** {@code ingress.hosts[i].name}, as the overlay's FQDN. */
    INGRESS_HOST
  }

  /** The values a row derives its name from. */
  record Input(String tenant, String overlay, String namespace, String item) {}

  /**
   * One derived name.
   *
   * @param what the object (or label) named, as reported: {@code Service (ingress gateway)}
   */
  record Row(String what, KubernetesNames rule, Source source, Function<Input, String> name) {}

  static final List<Row> ROWS = List.of(
      new Row("Namespace", KubernetesNames.DNS1123_LABEL, Source.TENANT, Input::namespace),
      new Row("AppProject", KubernetesNames.DNS1123_SUBDOMAIN, Source.TENANT,
          in -> "tenant-" + in.tenant() + "-" + in.overlay()),
      new Row("PrometheusRule", KubernetesNames.DNS1123_SUBDOMAIN, Source.TENANT, in -> in.tenant() + "-mesh-alerts"),
      new Row("Service (ingress gateway)", KubernetesNames.DNS1035_LABEL, Source.GATEWAY,
          in -> ObjectNames.gateway(in.namespace())),
      new Row("Deployment (ingress gateway)", KubernetesNames.DNS1123_SUBDOMAIN, Source.GATEWAY,
          in -> ObjectNames.gateway(in.namespace())),
      new Row("label value istio= (ingress gateway pods)", KubernetesNames.LABEL_VALUE, Source.GATEWAY,
          in -> ObjectNames.gateway(in.namespace())),
      new Row("PodDisruptionBudget (ingress gateway)", KubernetesNames.DNS1123_SUBDOMAIN, Source.GATEWAY,
          in -> ObjectNames.gateway(in.namespace())),
      new Row("Role (ingress gateway)", KubernetesNames.PATH_SEGMENT, Source.GATEWAY,
          in -> ObjectNames.gateway(in.namespace()) + "-sds"),
      new Row("ServiceAccount", KubernetesNames.DNS1123_SUBDOMAIN, Source.SERVICE, Input::item),
      new Row("AuthorizationPolicy", KubernetesNames.DNS1123_SUBDOMAIN, Source.SERVICE, in -> in.item() + "-allow"),
      new Row("label value app=", KubernetesNames.LABEL_VALUE, Source.SERVICE, Input::item),
      new Row("NetworkPolicy", KubernetesNames.DNS1123_SUBDOMAIN, Source.SERVICE,
          in -> "allow-" + in.item() + "-from-callers"),
      new Row("DestinationRule", KubernetesNames.DNS1123_SUBDOMAIN, Source.CALL, Input::item),
      new Row("NetworkPolicy", KubernetesNames.DNS1123_SUBDOMAIN, Source.CALL, in -> "allow-egress-to-" + in.item()),
      new Row("ServiceEntry", KubernetesNames.DNS1123_SUBDOMAIN, Source.EGRESS_HOST, in -> ObjectNames.ofHost(in.item())),
      new Row("host (Gateway and VirtualService hosts)", KubernetesNames.DNS1123_SUBDOMAIN, Source.INGRESS_HOST,
          Input::item),
      new Row("VirtualService", KubernetesNames.DNS1123_SUBDOMAIN, Source.INGRESS_HOST,
          in -> ObjectNames.ofHost(in.item())),
      new Row("Route", KubernetesNames.DNS1123_SUBDOMAIN, Source.INGRESS_HOST, in -> ObjectNames.ofHost(in.item())),
      new Row("Secret (TLS certificate of the host)", KubernetesNames.DNS1123_SUBDOMAIN, Source.INGRESS_HOST,
          in -> ObjectNames.tlsSecret(in.item())));

  /** A name a placement derives: the row, the name, where it comes from in the descriptor, and the value there. */
  record Derived(Row row, String name, String specPointer, String value) {}

  private DerivedNames() {}

  /** Every name of {@link #ROWS} this placement derives, with its source in the effective spec. */
  static List<Derived> of(Placement placement) {
    String tenant = placement.tenant().name();
    OverlayRules rules = placement.rules();
    String namespace = rules.namespaceOf(tenant);
    TenantSpec spec = placement.effectiveSpec();
    List<Derived> names = new ArrayList<>();
    for (Row row : ROWS) {
      switch (row.source()) {
        case TENANT -> names.add(derive(row, tenant, rules, namespace, null, null, tenant));
        case GATEWAY -> {
          if (!spec.ingress().hosts().isEmpty()) {
            names.add(derive(row, tenant, rules, namespace, null, null, tenant));
          }
        }
        case SERVICE -> {
          for (int i = 0; i < spec.services().size(); i++) {
            String service = spec.services().get(i).name();
            names.add(derive(row, tenant, rules, namespace, service, "/services/" + i + "/name", service));
          }
        }
        case CALL -> {
          for (int i = 0; i < spec.calls().size(); i++) {
            TenantSpec.ServiceRef call = spec.calls().get(i);
            if (!call.tenant().equals(tenant)) {
              names.add(derive(row, tenant, rules, namespace, ObjectNames.ofCallee(call.tenant(), call.service()),
                  "/calls/" + i, call.tenant() + "/" + call.service()));
            }
          }
        }
        case EGRESS_HOST -> {
          for (int i = 0; i < spec.egress().size(); i++) {
            String host = spec.egress().get(i).host();
            if (host.contains("*")) {
              continue; // refused as a wildcard (GUARD-WILDCARD-HOST); its names are no further news
            }
            names.add(derive(row, tenant, rules, namespace, host, "/egress/" + i + "/host", host));
          }
        }
        case INGRESS_HOST -> {
          for (int i = 0; i < spec.ingress().hosts().size(); i++) {
            String fqdn = rules.fqdn(spec.ingress().hosts().get(i).name());
            if (fqdn.contains("*")) {
              continue;
            }
            names.add(derive(row, tenant, rules, namespace, fqdn, "/ingress/hosts/" + i + "/name", fqdn));
          }
        }
      }
    }
    return names;
  }

  private static Derived derive(Row row, String tenant, OverlayRules rules, String namespace, String item,
      String specPointer, String value) {
    String name = row.name().apply(new Input(tenant, rules.overlay(), namespace, item));
    return new Derived(row, name, specPointer, value);
  }
}
