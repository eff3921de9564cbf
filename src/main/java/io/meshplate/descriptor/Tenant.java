package io.meshplate.descriptor;

import io.meshplate.yaml.SourceMap;

/**
 * A validated tenant: its descriptor, the file it came from (as displayed in messages) and the
 * positions of every node in that file, so later checks can point at the offending line.
 */
public record Tenant(String name, String file, TenantSpec spec, SourceMap positions) {}
