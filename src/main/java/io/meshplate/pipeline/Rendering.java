package io.meshplate.pipeline;

import io.meshplate.manifest.RenderedTree;
import java.util.List;
import java.util.SortedMap;

/**
 * A render held in memory, checked and ready to write.
 *
 * @param tree the rendered objects per output file
 * @param files the bytes of every output file, keyed by path relative to {@code output/}
 * @param scopes the folders below {@code output/} this run owns (and may prune)
 * @param tenants how many tenants were rendered
 * @param placements tenant × overlay pairs rendered
 * @param codeOwners the text of {@code .github/CODEOWNERS} for all tenants, or null when the
 *     platform value {@code platform.team} is not set (the file is then left alone)
 * @param notes what the checks could not verify and why (kinds without a schema, update-only CRD
 *     rules), one line each; commands print them as {@code note: ...} unless quiet; never a failure
 * @param warnings the warnings channel: findings that never fail the run (declared flows a layer
 *     blocks, allows without the matching call), sorted
 */
public record Rendering(
    RenderedTree tree, SortedMap<String, byte[]> files, List<String> scopes, int tenants, int placements,
    String codeOwners, List<String> notes, List<io.meshplate.Problem> warnings) {

  public Rendering {
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }

  /** Number of objects in the tree (kustomization files not counted). */
  public long objects() {
    return tree.files().values().stream()
        .filter(f -> f.template() != null)
        .mapToLong(f -> f.objects().size())
        .sum();
  }
}
