package io.meshplate.pipeline;

import io.meshplate.Problem;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A render that passed every check.
 *
 * @param files the bytes of every output file, keyed by path relative to {@code output/}: only
 *     for {@link Pipeline#renderInMemory}; empty when the render was streamed to {@code output/}
 * @param scopes the folders below {@code output/} this run owns (and may prune)
 * @param tenants how many tenants were rendered
 * @param overlays how many overlays were rendered
 * @param placements tenant × overlay folders rendered
 * @param objects objects rendered (kustomization files not counted)
 * @param codeOwners the text of {@code .github/CODEOWNERS} for all tenants, or null when the
 *     platform value {@code platform.team} is not set (the file is then left alone)
 * @param notes what the checks could not verify and why (kinds without a schema, update-only CRD
 *     rules), one line each; commands print them as {@code note: ...} unless quiet; never a failure
 * @param warnings the warnings channel: findings that never fail the run (declared flows a layer
 *     blocks, allows without the matching call), sorted
 */
public record Rendering(SortedMap<String, byte[]> files, List<String> scopes, int tenants, int overlays,
    int placements, long objects, String codeOwners, List<String> notes, List<Problem> warnings) {
  public Rendering {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    scopes = List.copyOf(scopes);
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }
}
