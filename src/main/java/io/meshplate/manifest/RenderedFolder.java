package io.meshplate.manifest;

import java.util.List;

/**
 * The rendered files of one folder after overlay patches, its {@code kustomization.yaml}
 * included, sorted by path.
 */
public record RenderedFolder(FolderId id, List<RenderedFile> files) {
  public RenderedFolder {
    files = List.copyOf(files);
  }

  /** Objects in the folder's files, the kustomization not counted. */
  public long objects() {
    return files.stream().filter(f -> f.template() != null).mapToLong(f -> f.objects().size()).sum();
  }
}
