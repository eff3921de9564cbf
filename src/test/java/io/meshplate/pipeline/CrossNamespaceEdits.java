package io.meshplate.pipeline;

/**
 * Hand edits to the rendered examples that act beyond the folder holding them: what a check that
 * narrows its work by namespace must still see.
 */
final class CrossNamespaceEdits {
  private CrossNamespaceEdits() {}

  /** Where {@link #OPEN_PAYMENTS} goes: catalog's folder in prod. */
  static final String OPEN_PAYMENTS_FILE = "output/prod/tenants/catalog/extra.yaml";

  /**
   * An AuthorizationPolicy for payments' namespace that opens reporting's declared flow to payments
   * to every request (the descriptors allow only some).
   */
  static final String OPEN_PAYMENTS = """
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata:
        name: open-payments
        namespace: payments-prod
      spec:
        action: ALLOW
        selector:
          matchLabels: {app: api}
        rules:
        - from:
          - source:
              principals: [cluster.local/ns/reporting-prod/sa/exporter]
      """;

  /** Where {@link #SHOP_ROUTE} goes: catalog's folder in dev. */
  static final String SHOP_ROUTE_FILE = "output/dev/tenants/catalog/hijack.yaml";

  /** A Route in catalog's namespace claiming storefront's ingress host for catalog's gateway. */
  static final String SHOP_ROUTE = """
      apiVersion: route.openshift.io/v1
      kind: Route
      metadata:
        name: shop
        namespace: catalog-dev
      spec:
        host: shop.apps.dev.acme.example
        port:
          targetPort: https
        tls:
          termination: passthrough
        to:
          kind: Service
          name: catalog-dev-ingress
      """;
}
