package io.meshplate.reach;

import java.util.Map;
import java.util.SortedMap;

/**
 * An overlay's platform side: its platform values (the namespaces and labels of the router,
 * monitoring, DNS and istiod, the cluster networks, the ingress domain) and the facts of its
 * {@code platform/} folder (control plane settings, root-namespace policies).
 */
public final class PlatformFacts {
  final String overlay;
  final Map<String, Object> values;
  final SortedMap<String, String> provenance;
  final Facts facts;
  /** The key of the folder content the facts were read from ({@code FactsPack.contentKey}); null when unknown. */
  final byte[] content;

  PlatformFacts(String overlay, Map<String, Object> values, SortedMap<String, String> provenance, Facts facts,
      byte[] content) {
    this.overlay = overlay;
    this.values = values;
    this.provenance = provenance;
    this.facts = facts;
    this.content = content;
  }

  /** The overlay these facts describe. */
  public String overlay() {
    return overlay;
  }
}
