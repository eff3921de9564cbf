package io.meshplate.descriptor;

import io.meshplate.yaml.SourceMap;
import java.util.Map;

/**
 * A validated tenant: its spec as a typed record and as the tree it was read from (the tree is
 * what environment overrides merge into), the file it came from (as displayed in messages) and
 * the positions of every node in that file, so later checks can point at the offending line.
 *
 * @param specTree the {@code spec} subtree exactly as written; treat as read-only
 */
public record Tenant(
    String name, String file, TenantSpec spec, Map<String, Object> specTree, SourceMap positions) {}
