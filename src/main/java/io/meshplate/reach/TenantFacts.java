package io.meshplate.reach;

import io.meshplate.yaml.SourceMap;

/**
 * Everything the connectivity model needs from one tenant in one overlay: what its descriptor
 * declares and what its rendered folder contains, reduced to facts. Built once per tenant (see
 * {@link Reach#tenantFacts}); the rendered objects can be dropped afterwards.
 */
public final class TenantFacts {
  final String overlay;
  final TenantIntent intent;
  final Facts facts;
  /** The descriptor's file and node positions, to cite declarations by line. */
  final String file;
  final SourceMap positions;
  /** The key of the folder content the facts were read from ({@code FactsPack.contentKey}); null when unknown. */
  final byte[] content;

  TenantFacts(String overlay, TenantIntent intent, Facts facts, String file, SourceMap positions,
      byte[] content) {
    this.overlay = overlay;
    this.intent = intent;
    this.facts = facts;
    this.file = file;
    this.positions = positions;
    this.content = content;
  }

  /** The tenant's name. */
  public String tenant() {
    return intent.tenant();
  }

  /** The overlay the facts belong to. */
  public String overlay() {
    return overlay;
  }
}
