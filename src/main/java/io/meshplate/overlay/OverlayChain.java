package io.meshplate.overlay;

import io.meshplate.Problem;
import io.meshplate.descriptor.SpecBinding;
import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.yaml.Trees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * An overlay with its ancestors, resolved: what one rendered environment or cluster is.
 *
 * @param overlays the chain, base-most first ({@code prod}, {@code prod-eu}); the last is the overlay itself
 * @param values platform values: {@code defaults.yaml} deep-merged with each overlay's {@code values}
 * @param provenance for each leaf of {@code values} (JSON Pointer), the {@code file:line} that set it
 */
public record OverlayChain(
    List<Overlay> overlays, Map<String, Object> values, SortedMap<String, String> provenance) {

  public OverlayChain {
    overlays = List.copyOf(overlays);
    values = Collections.unmodifiableMap(values);
    provenance = Collections.unmodifiableSortedMap(provenance);
  }

  // Written out, hashing as the record would: a record's generated equals and hashCode are linked
  // through method handles on their first call, some milliseconds of every validation, which keys
  // its warnings by chain.
  @Override
  public boolean equals(Object other) {
    return other instanceof OverlayChain c && overlays.equals(c.overlays) && values.equals(c.values)
        && provenance.equals(c.provenance);
  }

  @Override
  public int hashCode() {
    return (overlays.hashCode() * 31 + values.hashCode()) * 31 + provenance.hashCode();
  }

  /** The overlay's own name. */
  public String name() {
    return overlays.get(overlays.size() - 1).name();
  }

  /** The environment the overlay belongs to: the root of the chain ({@code prod} for {@code prod-eu}). */
  public String environment() {
    return overlays.get(0).name();
  }

  /** Overlay names, base-most first. */
  public List<String> names() {
    return overlays.stream().map(Overlay::name).toList();
  }

  /** Template folders of the chain, most specific first (the base folder is not included). */
  public List<Path> templateDirectories() {
    List<Path> dirs = new ArrayList<>();
    for (int i = overlays.size() - 1; i >= 0; i--) {
      dirs.add(overlays.get(i).directory());
    }
    return dirs;
  }

  /** The platform value at {@code path} ({@code "mesh", "version"}), or null when it is not set. */
  public Object value(String... path) {
    Object current = values;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  /**
   * Where the value at {@code pointer} was set, as a problem: the file and line of the layer that
   * set it, else of the first leaf below it, else of the nearest value above it; the overlay's own
   * file (no line) when the chain sets nothing there.
   */
  Problem problemAt(String pointer, String rule, String message, String hint) {
    String where = null;
    for (String p = pointer; where == null && !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
      where = provenance.get(p);
      if (where == null) {
        SortedMap<String, String> below = provenance.tailMap(p + "/");
        where = below.isEmpty() || !below.firstKey().startsWith(p + "/") ? null : below.get(below.firstKey());
      }
    }
    if (where == null) {
      return new Problem(overlays.get(overlays.size() - 1).file(), 0, 0, rule, "overlay " + name() + ": " + message, hint);
    }
    int colon = where.lastIndexOf(':');
    return new Problem(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)), 0, rule, message, hint);
  }

  /**
   * {@code validation.schemas}: the schema files the overlay's objects are checked against, as
   * patterns relative to the schemas folder; empty when not set.
   */
  public List<String> validationSchemas() {
    List<String> globs = new ArrayList<>();
    if (value("validation", "schemas") instanceof List<?> list) {
      list.forEach(g -> globs.add(String.valueOf(g)));
    }
    return globs;
  }

  /** Appended to a tenant name to give its namespace in this overlay ({@code -prod}). */
  public String namespaceSuffix() {
    return (String) values.get("namespaceSuffix");
  }

  /** The namespace of tenant {@code tenantName} in this overlay. */
  public String namespaceOf(String tenantName) {
    return tenantName + namespaceSuffix();
  }

  /**
   * Whether the tenant renders to this overlay: it lists no environments, or lists this overlay
   * or one of its ancestors (a cluster overlay inherits its environment's tenants).
   */
  public boolean includes(TenantSpec spec) {
    return spec.environments().isEmpty() || names().stream().anyMatch(spec.environments()::contains);
  }

  /**
   * The tenant's spec as seen in this overlay: its spec tree with {@code environmentOverrides} of
   * each overlay of the chain merged over it, base-most first. Platform values are not merged in:
   * a tenant can never change a platform value.
   */
  @SuppressWarnings("unchecked")
  public TenantSpec effectiveSpec(Tenant tenant) {
    Object overrides = tenant.specTree().get("environmentOverrides");
    if (!(overrides instanceof Map<?, ?> byOverlay) || names().stream().noneMatch(byOverlay::containsKey)) {
      return tenant.spec();
    }
    Map<String, Object> merged = tenant.specTree();
    for (String name : names()) {
      if (byOverlay.get(name) instanceof Map<?, ?> patch) {
        merged = Trees.deepMerge(merged, (Map<String, Object>) patch);
      }
    }
    return SpecBinding.bind(merged);
  }
}
