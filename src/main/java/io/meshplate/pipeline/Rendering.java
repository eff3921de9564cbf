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
 * @param unvalidated with a schema check, the {@code apiVersion Kind} of objects it did not check
 *     ({@code validation.unvalidatedKinds}) and how many; empty otherwise
 */
public record Rendering(
    RenderedTree tree, SortedMap<String, byte[]> files, List<String> scopes, int tenants, int placements,
    String codeOwners, SortedMap<String, Integer> unvalidated) {

  /** The line telling what a schema check skipped, or null when it skipped nothing. */
  public String unvalidatedNote() {
    if (unvalidated.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("note: not checked against a schema (validation.unvalidatedKinds):");
    unvalidated.forEach((kind, count) -> sb.append(' ').append(kind).append(" (").append(count)
        .append(count == 1 ? " object)" : " objects)"));
    return sb.toString();
  }

  /** Number of objects in the tree (kustomization files not counted). */
  public long objects() {
    return tree.files().values().stream()
        .filter(f -> f.template() != null)
        .mapToLong(f -> f.objects().size())
        .sum();
  }
}
