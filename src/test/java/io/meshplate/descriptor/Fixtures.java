package io.meshplate.descriptor;

/** Small valid descriptors the tests start from; line numbers in tests refer to these texts. */
final class Fixtures {
  private Fixtures() {}

  /** {@code tenants/shop.yaml}: uses every field; lines 1 to 24. */
  static final String SHOP = """
      apiVersion: meshplate.io/v1alpha1
      kind: Tenant
      metadata:
        name: shop
      spec:
        owners: ["@acme/shop"]
        services:
          - name: web
            ports:
              - {name: http, port: 8080, protocol: HTTP}
            allow:
              - from: {tenant: ledger, service: db}
                methods: [GET]
                paths: [/v1/items/*]
        calls:
          - {tenant: ledger, service: db}
        egress:
          - {host: api.example.com, port: 443, tls: originate}
        ingress:
          hosts:
            - {name: shop, service: web}
        telemetry:
          accessLog: errors
          tracingPercent: 5
      """;

  /** {@code tenants/ledger.yaml}: the tenant SHOP refers to. */
  static final String LEDGER = """
      apiVersion: meshplate.io/v1alpha1
      kind: Tenant
      metadata:
        name: ledger
      spec:
        owners: ["@acme/ledger"]
        services:
          - name: db
            ports:
              - {name: tcp-postgres, port: 5432, protocol: TCP}
            allow:
              - from: {tenant: shop, service: web}
      """;

  /** SHOP with {@code from} replaced by {@code to}; fails the test when {@code from} is absent. */
  static String shopWith(String from, String to) {
    if (!SHOP.contains(from)) {
      throw new IllegalArgumentException("fixture does not contain: " + from);
    }
    return SHOP.replace(from, to);
  }

  /** SHOP renamed to {@code name} (for a file {@code name.yaml}). */
  static String shopNamed(String name) {
    return shopWith("  name: shop\n", "  name: " + name + "\n");
  }
}
