package io.meshplate.manifest;

/**
 * How object names are derived from descriptor values, shared by the model templates read
 * ({@code render.ModelBuilder}) and the guardrails that check those names before rendering, so
 * both always agree on what a template will call an object.
 */
public final class ObjectNames {
  private ObjectNames() {}

  /** The tenant's ingress gateway (ServiceAccount, Deployment, Service, Gateway, pod label). */
  public static String gateway(String namespace) {
    return namespace + "-ingress";
  }

  /** Objects named after a host ({@code api.stripe.com} becomes {@code api-stripe-com}). */
  public static String ofHost(String host) {
    return host.replace('.', '-');
  }

  /** The TLS secret an ingress host's Gateway server reads ({@code credentialName}). */
  public static String tlsSecret(String fqdn) {
    return ofHost(fqdn) + "-tls";
  }

  /** Objects named after a called service of another tenant (DestinationRule). */
  public static String ofCallee(String tenant, String service) {
    return tenant + "-" + service;
  }
}
