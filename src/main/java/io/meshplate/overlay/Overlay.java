package io.meshplate.overlay;

import io.meshplate.yaml.SourceMap;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code templates/overlays/<name>/overlay.yaml}, as written. {@code labels},
 * {@code annotations} and {@code patches} are kept as raw trees (positions in {@link #positions()}
 * under {@code /labels}, {@code /annotations}, {@code /patches}) for the patch stage.
 *
 * @param name the folder name
 * @param file the overlay file as displayed in messages ({@code templates/overlays/prod/overlay.yaml})
 * @param directory the overlay folder: its template files replace or add to the base ones
 * @param parent the overlay it {@code extends}, or null when it extends the base directly
 * @param values platform values merged over the parent's; never null
 * @param labels raw {@code labels} tree, or null
 * @param annotations raw {@code annotations} tree, or null
 * @param patches raw {@code patches} tree, or null
 */
public record Overlay(
    String name,
    String file,
    Path directory,
    String parent,
    Map<String, Object> values,
    Object labels,
    Object annotations,
    Object patches,
    SourceMap positions) {

  // Written out, hashing as the record would, as OverlayChain's are: no method handles to link on
  // the first call.
  @Override
  public boolean equals(Object other) {
    return other instanceof Overlay o && Objects.equals(name, o.name) && Objects.equals(file, o.file)
        && Objects.equals(directory, o.directory) && Objects.equals(parent, o.parent) && Objects.equals(values, o.values)
        && Objects.equals(labels, o.labels) && Objects.equals(annotations, o.annotations)
        && Objects.equals(patches, o.patches) && Objects.equals(positions, o.positions);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(name);
    for (Object component : new Object[] {file, directory, parent, values, labels, annotations, patches, positions}) {
      hash = hash * 31 + Objects.hashCode(component);
    }
    return hash;
  }
}
