/**
 * The project's schemas folder: where the CRDs and Kubernetes OpenAPI documents of the target
 * clusters live in the repository ({@code validation.schemasDir}), which folder a command
 * validates with, and {@code schemas pull}, which exports what the overlays need from a cluster
 * with {@code kubectl}. Entries: {@link io.meshplate.schemas.SchemaFolder} and
 * {@link io.meshplate.schemas.SchemaPull}.
 */
package io.meshplate.schemas;
