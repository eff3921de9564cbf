package io.meshplate.descriptor;

/**
 * A tenant descriptor file as written by the tenant team ({@code tenants/<name>.yaml}).
 *
 * <pre>
 * apiVersion: meshplate.io/v1alpha1
 * kind: Tenant
 * metadata:
 *   name: payments
 * spec: ...
 * </pre>
 */
public record TenantDescriptor(String apiVersion, String kind, Metadata metadata, TenantSpec spec) {
  public static final String API_VERSION = "meshplate.io/v1alpha1";
  public static final String KIND = "Tenant";

  /** Identity of the tenant; {@code name} is a DNS-1123 label equal to the file name. */
  public record Metadata(String name) {}
}
