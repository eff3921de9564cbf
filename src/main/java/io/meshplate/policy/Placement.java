package io.meshplate.policy;

import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;

/**
 * One tenant rendered into one overlay: the tenant, the overlay's rules, and the tenant's spec
 * after its environment overrides for that overlay's chain.
 */
public record Placement(Tenant tenant, OverlayRules rules, TenantSpec effectiveSpec) {}
